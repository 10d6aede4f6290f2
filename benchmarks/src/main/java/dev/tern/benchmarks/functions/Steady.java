package dev.tern.benchmarks.functions;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;

/** The harness throughput scenario's control: consumes the {@code steady} queue and never fails. */
@OnQueue("steady")
public final class Steady implements QueueFunction {
  private int calls;

  @Override
  public void handle(Message message, Context context) {
    calls++;
    Integer.parseInt(message.body().text());
  }

  public int calls() {
    return calls;
  }
}
