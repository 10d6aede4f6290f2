package dev.tern.docs.orders;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;

// snippet: queue-process-payment
@OnQueue("payments")
public final class ProcessPayment implements QueueFunction {
  public record Payment(String orderId) {}

  private final OrderBook book;

  public ProcessPayment(OrderBook book) { // the app's @CreatesFunctions factory calls it
    this.book = book;
  }

  @Override
  public void handle(Message message, Context context) {
    Payment payment = message.body().as(Payment.class); // {"orderId":"o-1"}
    Order order =
        book.get(payment.orderId())
            .orElseThrow(() -> new IllegalArgumentException("no order " + payment.orderId()));
    book.put(order.withStatus("PAID"));
  }
}
// end snippet
