package dev.tern.benchmarks.jmh;

import dev.tern.benchmarks.functions.Jobs;
import dev.tern.testing.DeliveryPolicy;
import dev.tern.testing.Harness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast the in-memory harness delivers: 90,000 messages on the {@code jobs} queue with the SQS
 * preset (batches of 10, 30 s before a retry), every ninth failing once and redelivered after the
 * virtual clock moves on, 100,000 deliveries in all. Prints one {@code tern-harness} line per
 * repetition; the first includes JIT warm-up.
 */
public final class HarnessThroughput {
  static final int MESSAGES = 90_000;
  static final int DELIVERIES = 100_000;
  static final int REPETITIONS = 7;

  private HarnessThroughput() {}

  public static void main(String[] args) {
    List<String> bodies = new ArrayList<>(MESSAGES);
    for (int i = 1; i <= MESSAGES; i++) {
      bodies.add(Integer.toString(i));
    }
    System.out.println("scenario: " + String.format("%,d", MESSAGES) + " messages through Harness with the"
        + " SQS preset (batches of 10), every ninth failing on its first attempt and redelivered"
        + " after the virtual clock advances 31 s: " + String.format("%,d", DELIVERIES)
        + " deliveries per repetition, logs not echoed.");
    for (int r = 0; r < REPETITIONS; r++) {
      long start = System.nanoTime();
      Harness harness =
          Harness.builder().functions(Jobs.class).delivery(DeliveryPolicy.sqs()).build();
      harness.enqueueAll("jobs", bodies);
      harness.advance(Duration.ofSeconds(31));
      long nanos = System.nanoTime() - start;
      int calls = harness.instance(Jobs.class).calls();
      if (calls != DELIVERIES || harness.inFlight() != 0 || !harness.deadLetters("jobs").isEmpty()) {
        throw new IllegalStateException("expected " + DELIVERIES + " deliveries and none left, got "
            + calls + " deliveries, " + harness.inFlight() + " in flight, "
            + harness.deadLetters("jobs").size() + " dead");
      }
      System.out.println("tern-harness repetition=" + r + " deliveries=" + calls + " ms=" + (nanos / 1_000_000.0));
    }
  }
}
