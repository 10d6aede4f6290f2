package dev.tern.docs.testing;

import dev.tern.Context;
import dev.tern.Deduplicator;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Charges each order once; a body containing {@code declined} is a declined card. */
@OnQueue("${ORDERS_QUEUE}")
public final class ProcessPayment implements QueueFunction {
  final List<String> charged = new CopyOnWriteArrayList<>();

  // snippet: testing-deduplicator
  private final Deduplicator dedupe = Deduplicator.inMemory(Duration.ofHours(24));

  public void handle(Message message, Context context) throws Exception {
    dedupe.once(message.idempotencyKey(), context.clock(), () -> charge(message));
  }

  // end snippet

  private void charge(Message message) {
    if (message.body().text().contains("declined")) {
      throw new IllegalStateException("card declined");
    }
    charged.add(message.body().text());
  }
}
