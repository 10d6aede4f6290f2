package dev.tern.azure.app;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;

/** A Service Bus queue consumer with sessions, its queue named by a setting. */
@OnQueue("${PAYMENTS_QUEUE}")
public final class Payments implements QueueFunction {
  @Override
  public void handle(Message message, Context context) {
    Recorder.record(message);
    if (message.body().text().equals("boom")) {
      throw new IllegalStateException("payment failed");
    }
  }
}
