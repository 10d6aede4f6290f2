package dev.tern.docs.readme;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;
import java.util.Map;

// snippet: readme-hello
@OnHttp(route = "/hello", methods = "GET")
public final class Hello implements HttpFunction {
  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    String name = request.query().first("name").orElse("world");
    return HttpResponse.json(Map.of("greeting", "Hello, " + name + "!"));
  }
}
// end snippet
