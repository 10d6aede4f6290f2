package dev.tern.aws.fns;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;

/** Consumes the orders queues (standard and FIFO); a body containing "fail" fails. */
@OnQueue("orders")
public final class Orders implements QueueFunction {
  @Override
  public void handle(Message message, Context context) {
    Recorder.record("Orders", message, context);
    if (message.body().text().contains("fail")) {
      throw new IllegalArgumentException("refusing message " + message.id());
    }
  }
}
