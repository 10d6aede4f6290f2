package dev.tern.docs.modules;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;
import java.util.Map;

// snippet: api-readme-ship-order
@OnQueue("${ORDERS_QUEUE}")
public final class ShipOrder implements QueueFunction {
  public void handle(Message message, Context context) {
    context.log().info("shipping", Map.of("orderId", message.body().as(Order.class).id()));
  }
}
// end snippet
