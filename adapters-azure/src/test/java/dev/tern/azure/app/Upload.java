package dev.tern.azure.app;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;

/** Bound in binary mode: answers the bytes it received, byte for byte. */
@OnHttp(route = "/upload", methods = "POST")
public final class Upload implements HttpFunction {
  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    Recorder.record(request);
    return HttpResponse.bytes(request.body().bytes(), "application/octet-stream");
  }
}
