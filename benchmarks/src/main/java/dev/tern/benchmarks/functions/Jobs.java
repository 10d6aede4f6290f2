package dev.tern.benchmarks.functions;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;

/**
 * The harness throughput scenario's consumer of the {@code jobs} queue: every ninth job fails on
 * its first attempt and succeeds when redelivered.
 */
@OnQueue("jobs")
public final class Jobs implements QueueFunction {
  private int calls;

  @Override
  public void handle(Message message, Context context) {
    calls++;
    int job = Integer.parseInt(message.body().text());
    if (job % 9 == 0 && message.attempt().orElse(1) == 1) {
      throw new IllegalStateException("job " + job + " is not ready yet");
    }
  }

  public int calls() {
    return calls;
  }
}
