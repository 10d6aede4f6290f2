package dev.tern.docs.testing;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;
import java.util.Map;

/** {@code POST /orders} answers 201 with the order's id. */
@OnHttp(route = "/orders", methods = "POST")
public final class CreateOrder implements HttpFunction {
  /** The request body. */
  public record NewOrder(String id) {}

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    NewOrder order = request.body().as(NewOrder.class);
    return HttpResponse.json(Map.of("id", order.id())).withStatus(201);
  }
}
