package dev.tern.azure.app;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;

/** A Service Bus topic subscriber. */
@OnQueue("audit")
public final class Audit implements QueueFunction {
  @Override
  public void handle(Message message, Context context) {
    Recorder.record(message);
  }
}
