package dev.tern.docs.readme;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;
import java.util.List;
import java.util.Map;

/** {@code GET /orders} lists the order ids the app's component hands it. */
@OnHttp(route = "/orders", methods = "GET")
public final class Orders implements HttpFunction {
  private final List<String> ids;

  public Orders(List<String> ids) {
    this.ids = List.copyOf(ids);
  }

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    return HttpResponse.json(Map.of("orders", ids));
  }
}
