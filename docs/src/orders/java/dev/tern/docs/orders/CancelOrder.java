package dev.tern.docs.orders;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.HttpStatusException;
import dev.tern.OnHttp;

// snippet: http-cancel-order
@OnHttp(route = "/orders/{id}/cancel", methods = "POST")
public final class CancelOrder implements HttpFunction {
  private final OrderBook book;

  public CancelOrder(OrderBook book) {
    this.book = book;
  }

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    Order order = find(request.pathParam("id").orElseThrow());
    if (order.status().equals("SHIPPED")) {
      throw new HttpStatusException(409, "order " + order.id() + " has shipped");
    }
    book.put(order.withStatus("CANCELLED"));
    return HttpResponse.noContent();
  }

  private Order find(String id) { // or any depth below handle
    return book.get(id).orElseThrow(() -> new HttpStatusException(404, "no order " + id));
  }
}
// end snippet
