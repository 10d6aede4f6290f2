package dev.tern.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;

/**
 * A hand-written handler on jackson-core alone: it streams through the whole API Gateway HTTP API
 * event, keeps {@code queryStringParameters.name} and writes the proxy response with a generator.
 * This is the fastest a JSON-parsing handler gets without writing its own parser.
 */
public final class StreamingHandler implements RequestStreamHandler {
  private static final JsonFactory JSON = new JsonFactory();

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    String name;
    try (JsonParser parser = JSON.createParser(input)) {
      name = queryName(parser);
    }
    try (JsonGenerator out = JSON.createGenerator(output)) {
      respond(out, name);
    }
  }

  /** Reads a whole event and returns {@code queryStringParameters.name}, or null. */
  public static String queryName(JsonParser parser) throws IOException {
    String name = null;
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("the event is not a JSON object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("queryStringParameters".equals(field) && value == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String key = parser.currentName();
          JsonToken v = parser.nextToken();
          if ("name".equals(key) && v == JsonToken.VALUE_STRING) {
            name = parser.getText();
          } else {
            parser.skipChildren();
          }
        }
      } else {
        parser.skipChildren();
      }
    }
    return name;
  }

  /** Writes the proxy response for a greeting. */
  public static void respond(JsonGenerator out, String name) throws IOException {
    String who = name == null || name.isBlank() ? "world" : name;
    StringWriter body = new StringWriter(64);
    try (JsonGenerator inner = JSON.createGenerator(body)) {
      inner.writeStartObject();
      inner.writeStringField("greeting", "Hello, " + who + "!");
      inner.writeEndObject();
    }
    out.writeStartObject();
    out.writeNumberField("statusCode", 200);
    out.writeObjectFieldStart("headers");
    out.writeStringField("content-type", "application/json");
    out.writeEndObject();
    out.writeStringField("body", body.toString());
    out.writeBooleanField("isBase64Encoded", false);
    out.writeEndObject();
  }

  /** The shared factory. */
  public static JsonFactory factory() {
    return JSON;
  }
}
