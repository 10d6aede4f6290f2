package dev.tern.benchmarks.functions;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;

/**
 * Binds each message of the {@code orders} queue (SQS) or topic (Pub/Sub) to an {@link Order} and
 * adds its amount up: the same work the raw handlers do per message.
 */
@OnQueue("orders")
public final class Orders implements QueueFunction {
  private double total;

  @Override
  public void handle(Message message, Context context) {
    total += message.body().as(Order.class).amount();
  }

  public double total() {
    return total;
  }
}
