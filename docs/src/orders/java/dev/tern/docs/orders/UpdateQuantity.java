package dev.tern.docs.orders;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code PUT /orders/{id}} answers what it read from the request, for HttpTest. */
@OnHttp(route = "/orders/{id}", methods = "PUT")
public final class UpdateQuantity implements HttpFunction {
  /** The request body. */
  public record Quantity(int quantity) {}

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    Map<String, Object> seen = new LinkedHashMap<>();
    seen.put("authorization", request.header("authorization").toString());
    seen.put("session", request.cookie("session").toString());
    seen.put("notify", request.query().first("notify").toString());
    seen.put("quantity", request.body().as(Quantity.class).quantity());
    return HttpResponse.json(seen);
  }
}
