package dev.tern.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The hand-written handler most Lambda guides show: a static {@link ObjectMapper}, {@code readTree}
 * on the API Gateway HTTP API event, and a proxy response built as a tree. It answers {@code GET
 * /hello?name=Ada} with {@code {"greeting":"Hello, Ada!"}}, like the hello sample.
 */
public final class DatabindHandler implements RequestStreamHandler {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    MAPPER.writeValue(output, respond(MAPPER.readTree(input)));
  }

  /** The proxy response for one parsed event; shared with the per-event benchmarks. */
  public static ObjectNode respond(JsonNode event) throws IOException {
    JsonNode name = event.path("queryStringParameters").path("name");
    String who = name.isTextual() && !name.asText().isBlank() ? name.asText() : "world";
    ObjectNode body = MAPPER.createObjectNode().put("greeting", "Hello, " + who + "!");
    ObjectNode response = MAPPER.createObjectNode();
    response.put("statusCode", 200);
    response.putObject("headers").put("content-type", "application/json");
    response.put("body", MAPPER.writeValueAsString(body));
    response.put("isBase64Encoded", false);
    return response;
  }

  /** The shared mapper, so benchmarks pay for exactly one. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
