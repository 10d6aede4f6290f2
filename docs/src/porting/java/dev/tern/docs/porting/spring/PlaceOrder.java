package dev.tern.docs.porting.spring;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;

// snippet: porting-spring-after
@OnHttp(route = "/orders", methods = "POST")
public final class PlaceOrder implements HttpFunction {
  private final OrderService service = OrderService.create();

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    Receipt receipt = service.place(request.body().as(Order.class));
    return HttpResponse.json(receipt).withStatus(201);
  }
}
// end snippet
