package dev.tern.samples.orders;

import static java.util.Objects.requireNonNull;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;
import java.util.Map;

/** {@code GET /orders/o-1} answers the order, or 404 with {@code {"error":…}}. */
@OnHttp(route = "/orders/{id}", methods = "GET")
public final class GetOrder implements HttpFunction {
  private final OrderBook book;

  /** Created by {@link OrdersApp}, which hands every function the deployment's book. */
  public GetOrder(OrderBook book) {
    this.book = requireNonNull(book, "book == null");
  }

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    String id = request.pathParam("id").orElseThrow();
    return book.get(id)
        .map(HttpResponse::json)
        .orElseGet(() -> HttpResponse.json(Map.of("error", "no order " + id)).withStatus(404));
  }
}
