package dev.tern.docs.orders;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;
import java.util.Map;

// snippet: http-get-order
@OnHttp(route = "/orders/{id}", methods = "GET")
public final class GetOrder implements HttpFunction {
  private final OrderBook book;

  public GetOrder(OrderBook book) { // the app's @CreatesFunctions factory calls it
    this.book = book;
  }

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    String id = request.pathParam("id").orElseThrow(); // "o-1" for GET /orders/o-1
    return book.get(id)
        .map(HttpResponse::json)
        .orElseGet(() -> HttpResponse.json(Map.of("error", "no order " + id)).withStatus(404));
  }
}
// end snippet
