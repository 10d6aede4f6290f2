package dev.tern.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.tern.gcp.GcpHttpFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Lets the cold-start driver call Tern's Cloud Functions entry: constructing the shim constructs
 * {@link GcpHttpFunction} as the invoker does when it loads the function, and each call serves
 * {@code GET /hello?name=Ada} as the invoker would have parsed it, writing the response body.
 */
public final class GcpShim implements RequestStreamHandler {
  private final GcpHttpFunction function = new GcpHttpFunction();

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    input.readAllBytes();
    output.write(GcpResponse.serve(function));
  }
}
