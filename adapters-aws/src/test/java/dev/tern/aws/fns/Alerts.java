package dev.tern.aws.fns;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;

/** Consumes the alerts SNS topic. */
@OnQueue("alerts")
public final class Alerts implements QueueFunction {
  @Override
  public void handle(Message message, Context context) {
    Recorder.record("Alerts", message, context);
  }
}
