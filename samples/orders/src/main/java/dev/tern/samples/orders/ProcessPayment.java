package dev.tern.samples.orders;

import static java.util.Objects.requireNonNull;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;
import java.util.Map;

/**
 * Consumes {@code {"orderId":"o-1"}} messages from the {@code payments} queue and marks the order
 * paid. A message that is not such JSON, or names an unknown order, throws: only that message is
 * reported failed, retried, and finally dead-lettered; the rest of its batch is unaffected.
 */
@OnQueue("payments")
public final class ProcessPayment implements QueueFunction {
  /** The message body. */
  public record Payment(String orderId) {}

  private final OrderBook book;

  /** Created by {@link OrdersApp}, which hands every function the deployment's book. */
  public ProcessPayment(OrderBook book) {
    this.book = requireNonNull(book, "book == null");
  }

  @Override
  public void handle(Message message, Context context) {
    Payment payment = message.body().as(Payment.class);
    Order order =
        book.get(payment.orderId())
            .orElseThrow(() -> new IllegalArgumentException("no order " + payment.orderId()));
    book.put(order.withStatus("PAID"));
    context
        .log()
        .info(
            "order paid",
            Map.of(
                "orderId",
                order.id(),
                "messageId",
                message.id(),
                "attempt",
                message.attempt().orElse(0)));
  }
}
