package dev.tern.samples.hello;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;
import java.util.Map;

/** {@code GET /hello?name=Ada} answers {@code {"greeting":"Hello, Ada!"}}. */
@OnHttp(route = "/hello", methods = "GET")
public final class Hello implements HttpFunction {
  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    String name = request.query().first("name").orElse("");
    if (name.isBlank()) {
      name = "world";
    }
    return HttpResponse.json(Map.of("greeting", "Hello, " + name + "!"));
  }
}
