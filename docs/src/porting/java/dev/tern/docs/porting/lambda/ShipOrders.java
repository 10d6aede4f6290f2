package dev.tern.docs.porting.lambda;

import static dev.tern.docs.porting.lambda.Shipping.ship;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;

// snippet: porting-lambda-after
@OnQueue("${ORDERS_QUEUE}")
public final class ShipOrders implements QueueFunction {
  @Override
  public void handle(Message message, Context context) {
    ship(message.body().as(Order.class));
  }
}
// end snippet
