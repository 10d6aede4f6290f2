package dev.tern.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The floor: reads the event and writes a constant answer without any JSON library. Nothing that
 * parses the event can start faster.
 */
public final class NoopHandler implements RequestStreamHandler {
  private static final byte[] ANSWER =
      ("{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},"
              + "\"body\":\"{\\\"greeting\\\":\\\"Hello, Ada!\\\"}\",\"isBase64Encoded\":false}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8);

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    input.readAllBytes();
    output.write(ANSWER);
  }
}
