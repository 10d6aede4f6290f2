package dev.tern.aws.fns;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;

/** Consumes the FIFO orders queue; a body containing "fail" fails. */
@OnQueue("orders.fifo")
public final class OrdersFifo implements QueueFunction {
  @Override
  public void handle(Message message, Context context) {
    Recorder.record("OrdersFifo", message, context);
    if (message.body().text().contains("fail")) {
      throw new IllegalArgumentException("refusing message " + message.id());
    }
  }
}
