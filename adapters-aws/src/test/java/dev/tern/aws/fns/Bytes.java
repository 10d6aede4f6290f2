package dev.tern.aws.fns;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;

/** Answers the request body back as {@code image/png}: a binary response. */
@OnHttp(route = "/bytes", methods = "POST")
public final class Bytes implements HttpFunction {
  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    return HttpResponse.bytes(request.body().bytes(), "image/png");
  }
}
