package dev.tern.aws.fns;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;

/** Always throws, with a message that must never reach the client. */
@OnHttp(route = "/boom")
public final class Boom implements HttpFunction {
  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    throw new IllegalStateException("secret internal detail");
  }
}
