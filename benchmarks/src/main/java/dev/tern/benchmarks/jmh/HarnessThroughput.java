package dev.tern.benchmarks.jmh;

import dev.tern.benchmarks.functions.Jobs;
import dev.tern.benchmarks.functions.Steady;
import dev.tern.testing.DeliveryPolicy;
import dev.tern.testing.Harness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast the in-memory harness delivers, in two scenarios of 100,000 deliveries each, with the
 * SQS preset (batches of 10, 30 s before a retry):
 *
 * <ul>
 *   <li>{@code retries}: 90,000 messages on {@code jobs}, every ninth failing on its first attempt
 *       and redelivered once the virtual clock has moved 31 s;
 *   <li>{@code plain}: 100,000 messages on {@code steady}, none failing, to show what the retries
 *       themselves cost (a failure is an exception, logged with its stack trace, and a retry).
 * </ul>
 *
 * <p>Prints one {@code tern-harness} line per repetition; the first of each includes JIT warm-up.
 */
public final class HarnessThroughput {
  static final int DELIVERIES = 100_000;
  static final int REPETITIONS = 7;

  private HarnessThroughput() {}

  public static void main(String[] args) {
    System.out.println(
        "scenario: 100,000 deliveries through Harness with the SQS preset (batches"
            + " of 10): 90,000 messages of which every ninth fails on its first attempt and is"
            + " redelivered after the virtual clock advances 31 s (`retries`), and, for comparison,"
            + " 100,000 messages that all succeed (`plain`). Logs are kept, not echoed.");
    List<String> retried = bodies(90_000);
    List<String> plain = bodies(DELIVERIES);
    for (int r = 0; r < REPETITIONS; r++) {
      long start = System.nanoTime();
      Harness harness =
          Harness.builder().functions(Jobs.class).delivery(DeliveryPolicy.sqs()).build();
      harness.enqueueAll("jobs", retried);
      harness.advance(Duration.ofSeconds(31));
      long nanos = System.nanoTime() - start;
      check(harness.instance(Jobs.class).calls(), harness, "jobs");
      System.out.println(
          "tern-harness scenario=retries repetition=" + r + " ms=" + (nanos / 1_000_000.0));

      start = System.nanoTime();
      harness = Harness.builder().functions(Steady.class).delivery(DeliveryPolicy.sqs()).build();
      harness.enqueueAll("steady", plain);
      nanos = System.nanoTime() - start;
      check(harness.instance(Steady.class).calls(), harness, "steady");
      System.out.println(
          "tern-harness scenario=plain repetition=" + r + " ms=" + (nanos / 1_000_000.0));
    }
  }

  private static List<String> bodies(int n) {
    List<String> bodies = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      bodies.add(Integer.toString(i));
    }
    return bodies;
  }

  private static void check(int calls, Harness harness, String queue) {
    if (calls != DELIVERIES || harness.inFlight() != 0 || !harness.deadLetters(queue).isEmpty()) {
      throw new IllegalStateException(
          "expected "
              + DELIVERIES
              + " deliveries on "
              + queue
              + " and none left, got "
              + calls
              + " deliveries, "
              + harness.inFlight()
              + " in flight, "
              + harness.deadLetters(queue).size()
              + " dead");
    }
  }
}
