package dev.tern.docs.aws;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;
import java.util.Map;

/** deploy/aws.md: the queue function the local invocation reaches. */
@OnQueue("orders")
public final class OrderReceived implements QueueFunction {
  /** The message body. */
  public record Order(String id, int quantity) {}

  @Override
  public void handle(Message message, Context context) {
    Order order = message.body().as(Order.class);
    if (order.quantity() < 1) {
      throw new IllegalArgumentException(
          "order " + order.id() + " has quantity " + order.quantity());
    }
    context.log().info("order received", Map.of("id", order.id()));
  }
}
