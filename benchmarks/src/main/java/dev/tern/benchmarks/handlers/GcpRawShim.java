package dev.tern.benchmarks.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;

/**
 * The baseline for Tern's Cloud Functions entry: a hand-written {@link HttpFunction} on the same
 * Functions Framework types, called through the same kind of shim as {@link GcpShim}. It reads the
 * query parameter the framework parsed and writes {@code {"greeting":"Hello, Ada!"}} built by hand,
 * with no JSON library.
 */
public final class GcpRawShim implements RequestStreamHandler {
  private final HttpFunction function = new Hello();

  /** The function itself, as the invoker would load it. */
  static final class Hello implements HttpFunction {
    @Override
    public void service(HttpRequest request, HttpResponse response) throws IOException {
      String name = request.getFirstQueryParameter("name").orElse("world");
      response.setContentType("application/json");
      Writer writer = response.getWriter();
      writer.write("{\"greeting\":\"Hello, " + name + "!\"}");
      writer.flush();
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    input.readAllBytes();
    output.write(GcpResponse.serve(function));
  }
}
