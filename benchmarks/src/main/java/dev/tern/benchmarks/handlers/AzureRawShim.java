package dev.tern.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The baseline for Tern's Azure entry: a hand-written Azure function on the same worker types,
 * called through the same kind of shim as {@link AzureShim}. It reads the query parameter the
 * worker parsed and answers {@code {"greeting":"Hello, Ada!"}} built by hand, with no JSON library,
 * so it costs what any Java function on Azure pays for the platform's own types.
 */
public final class AzureRawShim implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    input.readAllBytes();
    AzureResponse response = (AzureResponse) hello(new AzureRequest());
    output.write(response.bodyBytes());
  }

  /** The function itself, as it would be annotated with {@code @HttpTrigger}. */
  static Object hello(HttpRequestMessage<Optional<String>> request) {
    String name = request.getQueryParameters().getOrDefault("name", "world");
    return request
        .createResponseBuilder(HttpStatus.OK)
        .header("Content-Type", "application/json")
        .body("{\"greeting\":\"Hello, " + name + "!\"}")
        .build();
  }
}
