package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Context;
import dev.tern.Deduplicator;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeduplicationTest {
  /**
   * Charges once per message, however often the message is delivered; fails the first try of
   * "flaky".
   */
  @OnQueue(value = "charges", name = "DedupCharges")
  public static final class Charges implements QueueFunction {
    final List<String> charged = new ArrayList<>();
    int calls;
    private final Deduplicator dedupe = Deduplicator.inMemory(Duration.ofHours(1));

    @Override
    public void handle(Message message, Context context) throws Exception {
      calls++;
      dedupe.once(
          message.idempotencyKey(),
          context.clock(),
          () -> {
            if (message.body().text().equals("flaky") && message.attempt().getAsInt() == 1) {
              throw new IllegalStateException("payment provider timed out");
            }
            charged.add(message.body().text());
          });
    }
  }

  @Test
  void aRedeliveredMessageIsProcessedOnce() {
    Harness harness = Harness.of(Charges.class);
    Message first = harness.enqueue("charges", "42 EUR");

    harness.enqueue(first);
    harness.enqueue(first);

    Charges charges = harness.instance(Charges.class);
    assertThat(charges.calls).isEqualTo(3);
    assertThat(charges.charged).containsExactly("42 EUR");
  }

  @Test
  void aFailedAttemptReleasesItsClaimSoTheRetryRuns() {
    Harness harness = Harness.of(Charges.class);

    harness.enqueue("charges", "flaky");
    harness.advance(Duration.ofMinutes(1));

    assertThat(harness.instance(Charges.class).charged).containsExactly("flaky");
    assertThat(harness.deadLetters("charges")).isEmpty();
  }

  @Test
  void theSameIdFromAnotherSourceIsAnotherMessage() throws Exception {
    Deduplicator dedupe = Deduplicator.inMemory(Duration.ofMinutes(5));
    VirtualClock clock = VirtualClock.startingAt(VirtualClock.DEFAULT_START);
    List<String> runs = new ArrayList<>();

    dedupe.once(
        Message.builder("m-1", "orders").build().idempotencyKey(), clock, () -> runs.add("orders"));
    dedupe.once(
        Message.builder("m-1", "refunds").build().idempotencyKey(),
        clock,
        () -> runs.add("refunds"));
    dedupe.once(
        Message.builder("m-1", "orders").build().idempotencyKey(), clock, () -> runs.add("again"));

    assertThat(runs).containsExactly("orders", "refunds");
  }
}
