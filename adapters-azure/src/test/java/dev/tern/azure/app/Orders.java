package dev.tern.azure.app;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;

/** A Queue Storage consumer; a body of {@code boom} fails. */
@OnQueue("orders")
public final class Orders implements QueueFunction {
  @Override
  public void handle(Message message, Context context) {
    Recorder.record(message);
    if (message.body().text().equals("boom")) {
      throw new IllegalStateException("cannot take order " + message.id());
    }
  }
}
