package dev.tern.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.tern.azure.AzureAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lets the cold-start driver call Tern's Azure path: each call does what the generated {@code
 * HelloAzureEntry} does with the request the worker bound ({@code GET /api/hello?name=Ada}), that
 * is {@code AzureAdapter.shared().http(request, context, "Hello")}, and writes the response body.
 */
public final class AzureShim implements RequestStreamHandler {
  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    input.readAllBytes();
    AzureResponse response =
        (AzureResponse)
            AzureAdapter.shared().http(new AzureRequest(), new AzureExecution(), "Hello");
    output.write(response.bodyBytes());
  }
}
