package dev.tern.docs.porting.gcf;

import dev.tern.Context;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;
import java.util.Map;

// snippet: porting-gcf-after
@OnHttp(route = "/hello", methods = "GET")
public final class Hello implements dev.tern.HttpFunction {
  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    String name = request.query().first("name").orElse("world");
    return HttpResponse.json(Map.of("greeting", "Hello, " + name + "!"));
  }
}
// end snippet
