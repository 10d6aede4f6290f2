package dev.tern.samples.orders;

import static java.util.Objects.requireNonNull;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /orders} with {@code
 * {"customer":"ada@example.com","items":[{"sku":"TERN-1","quantity":2}]}} creates an order: 201
 * with the order and its {@code Location}; 400 with {@code {"error":…}} when the body is not a
 * valid order.
 */
@OnHttp(route = "/orders", methods = "POST")
public final class CreateOrder implements HttpFunction {
  /** The request body. */
  public record NewOrder(String customer, List<Order.Line> items) {}

  private final OrderBook book;

  /** Created by {@link OrdersApp}, which hands every function the deployment's book. */
  public CreateOrder(OrderBook book) {
    this.book = requireNonNull(book, "book == null");
  }

  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    NewOrder input = request.body().as(NewOrder.class);
    String problem = validate(input);
    if (problem != null) {
      return HttpResponse.json(Map.of("error", problem)).withStatus(400);
    }
    Order order =
        new Order(
            book.nextId(),
            input.customer(),
            List.copyOf(input.items()),
            "NEW",
            context.clock().instant());
    book.put(order);
    context
        .log()
        .info("order created", Map.of("orderId", order.id(), "lines", order.items().size()));
    return HttpResponse.json(order).withStatus(201).withHeader("Location", "/orders/" + order.id());
  }

  private static String validate(NewOrder input) {
    if (input == null || input.customer() == null || input.customer().isBlank()) {
      return "customer is required";
    }
    if (input.items() == null || input.items().isEmpty()) {
      return "an order needs at least one item";
    }
    for (Order.Line line : input.items()) {
      if (line == null || line.sku() == null || line.sku().isBlank()) {
        return "every item needs a sku";
      }
      if (line.quantity() < 1) {
        return "quantity of " + line.sku() + " must be at least 1";
      }
    }
    return null;
  }
}
