package dev.tern.aws.fns;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;

/**
 * A function whose constructor throws when {@code TERN_TEST_BREAK_INIT=true}, to prove that a
 * failing constructor fails Lambda's init phase.
 */
@OnQueue("never")
public final class BrokenAtInit implements QueueFunction {
  public BrokenAtInit() {
    if ("true".equals(System.getenv("TERN_TEST_BREAK_INIT"))) {
      throw new IllegalStateException("configuration missing: DATABASE_URL");
    }
  }

  @Override
  public void handle(Message message, Context context) {}
}
