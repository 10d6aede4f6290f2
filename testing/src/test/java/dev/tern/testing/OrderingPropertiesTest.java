package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.Body;
import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.InvalidValueException;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;
import dev.tern.testing.DeliveryPolicy.Ordering;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Ordered delivery over generated scenarios: messages of several ordering keys (and, for {@link
 * Ordering#KEYED}, without one) enqueued in interleaved calls, a function that fails chosen
 * attempts of chosen messages, and clock advances in between. Each run checks what {@link
 * DeliveryPolicy} and docs/testing.md promise for {@link Ordering#FIFO} and {@link Ordering#KEYED}:
 *
 * <ul>
 *   <li>every message ends processed exactly once or dead-lettered after the policy's last attempt,
 *       with attempts 1, 2, …;
 *   <li>the function is never handed a message while an earlier message of its key is pending: the
 *       earlier one has succeeded or been dead-lettered, so a key's successes come in enqueue
 *       order;
 *   <li>each attempt comes when it is due, one retry delay after the one before, and a key goes on
 *       once its waiting message succeeds or is dead-lettered: the next message is delivered at
 *       that moment (or when it is enqueued, if later), not after;
 *   <li>under FIFO a batch stops at its first failure, the later messages reported failed without
 *       being handed to the function, and a message without an ordering key is refused at enqueue
 *       with nothing of the call enqueued;
 *   <li>under KEYED a batch takes at most one message of each key, no message is held back within a
 *       batch, and messages without a key are neither held nor holding.
 * </ul>
 *
 * <p>Each policy runs locally and through the cloud it belongs to: {@code sqsFifo()} through AWS,
 * {@code serviceBusSessions()} through Azure, {@code pubsubOrdered()} through GCP.
 */
class OrderingPropertiesTest {
  static final String QUEUE = "ordering-prop";

  /**
   * Fails a message on the attempts its body lists: body "1,3" fails attempts 1 and 3. Records each
   * call with the number of deliveries the harness had recorded when it began: the harness records
   * a batch's deliveries after the batch, so the calls of one batch share that number.
   */
  @OnQueue(value = QUEUE, name = "OrderingPropConsumer")
  public static final class Scripted implements QueueFunction {
    final List<Call> calls = new ArrayList<>();
    Harness harness;

    @Override
    public void handle(Message message, Context context) {
      int attempt = message.attempt().getAsInt();
      boolean fails = failing(message.body().text()).contains(attempt);
      calls.add(
          new Call(
              message.id(),
              message.orderingKey().orElse(""),
              attempt,
              harness.deliveries().size(),
              !fails));
      if (fails) {
        throw new IllegalStateException("scripted failure on attempt " + attempt);
      }
    }

    private static Set<Integer> failing(String body) {
      Set<Integer> failing = new TreeSet<>();
      for (String attempt : body.split(",")) {
        if (!attempt.isEmpty()) {
          failing.add(Integer.parseInt(attempt));
        }
      }
      return failing;
    }
  }

  /**
   * A call of the function: the message, its ordering key as the function saw it, the attempt,
   * where its batch's deliveries start, and whether it succeeded.
   */
  record Call(String id, String key, int attempt, int batch, boolean succeeded) {}

  /** A message of a scenario: its ordering key ("" for none) and the attempts that fail. */
  record Spec(String key, Set<Integer> failing) {
    @Override
    public String toString() {
      return (key.isEmpty() ? "-" : key) + (failing.isEmpty() ? "" : " fails " + failing);
    }
  }

  /** A step of a scenario: enqueue messages in one call, or advance the clock. */
  sealed interface Step permits Send, Wait {}

  record Send(List<Spec> messages) implements Step {
    @Override
    public String toString() {
      return "enqueueAll" + messages;
    }
  }

  record Wait(int seconds) implements Step {
    @Override
    public String toString() {
      return "advance " + seconds + "s";
    }
  }

  /** A message the harness accepted, and when. */
  record Sent(String id, String key, Set<Integer> failing, Instant enqueuedAt) {}

  // ---- FIFO: SQS FIFO, Service Bus sessions ----

  @Property(tries = 150)
  void fifoKeepsEachGroupInOrder(
      @ForAll("fifoSteps") List<Step> steps,
      @ForAll @IntRange(min = 1, max = 5) int maxAttempts,
      @ForAll @IntRange(min = 1, max = 10) int batchSize,
      @ForAll @IntRange(min = 0, max = 40) int retryDelaySeconds) {
    run(
        Cloud.LOCAL,
        new DeliveryPolicy(
            maxAttempts, Duration.ofSeconds(retryDelaySeconds), batchSize, Ordering.FIFO),
        steps);
  }

  @Property(tries = 60)
  void sqsFifoKeepsEachGroupInOrderThroughAws(
      @ForAll("fifoSteps") List<Step> steps,
      @ForAll @IntRange(min = 1, max = 5) int maxAttempts,
      @ForAll @IntRange(min = 1, max = 10) int batchSize) {
    run(
        Cloud.AWS,
        DeliveryPolicy.sqsFifo().withMaxAttempts(maxAttempts).withBatchSize(batchSize),
        steps);
  }

  @Property(tries = 60)
  void serviceBusSessionsKeepEachSessionInOrderThroughAzure(
      @ForAll("fifoSteps") List<Step> steps,
      @ForAll @IntRange(min = 1, max = 5) int maxAttempts,
      @ForAll @IntRange(min = 1, max = 4) int batchSize) {
    run(
        Cloud.AZURE,
        DeliveryPolicy.serviceBusSessions().withMaxAttempts(maxAttempts).withBatchSize(batchSize),
        steps);
  }

  // ---- KEYED: Pub/Sub with message ordering ----

  @Property(tries = 150)
  void keyedKeepsEachKeyInOrder(
      @ForAll("keyedSteps") List<Step> steps,
      @ForAll @IntRange(min = 1, max = 5) int maxAttempts,
      @ForAll @IntRange(min = 1, max = 10) int batchSize,
      @ForAll @IntRange(min = 0, max = 40) int retryDelaySeconds,
      @ForAll @IntRange(min = 0, max = 200) int backoffSeconds) {
    // A retry delay up to backoffSeconds longer than the first backs off, as Pub/Sub does.
    Duration retryDelay = Duration.ofSeconds(retryDelaySeconds);
    run(
        Cloud.LOCAL,
        new DeliveryPolicy(
            maxAttempts,
            retryDelay,
            retryDelay.plusSeconds(backoffSeconds),
            batchSize,
            Ordering.KEYED),
        steps);
  }

  @Property(tries = 60)
  void pubsubOrderedKeepsEachKeyInOrderThroughGcp(
      @ForAll("keyedSteps") List<Step> steps,
      @ForAll @IntRange(min = 1, max = 5) int maxAttempts,
      @ForAll @IntRange(min = 1, max = 10) int batchSize) {
    run(
        Cloud.GCP,
        DeliveryPolicy.pubsubOrdered().withMaxAttempts(maxAttempts).withBatchSize(batchSize),
        steps);
  }

  // ---- Scenarios ----

  /** Mostly keyed messages; now and then one without a key, which FIFO refuses. */
  @Provide
  Arbitrary<List<Step>> fifoSteps() {
    return steps(1, 8);
  }

  /** A quarter of the messages without a key, which KEYED delivers unordered. */
  @Provide
  Arbitrary<List<Step>> keyedSteps() {
    return steps(4, 4);
  }

  private static Arbitrary<List<Step>> steps(int keyless, int eachKey) {
    Arbitrary<String> key =
        Arbitraries.frequency(
            Tuple.of(keyless, ""),
            Tuple.of(eachKey, "k1"),
            Tuple.of(eachKey, "k2"),
            Tuple.of(eachKey, "k3"));
    Arbitrary<Set<Integer>> failing = Arbitraries.integers().between(1, 5).set().ofMaxSize(5);
    Arbitrary<Spec> spec = Combinators.combine(key, failing).as(Spec::new);
    Arbitrary<Step> send = spec.list().ofMinSize(1).ofMaxSize(6).map(Send::new);
    Arbitrary<Step> wait = Arbitraries.integers().between(0, 70).map(Wait::new);
    return Arbitraries.frequencyOf(Tuple.of(3, send), Tuple.of(2, wait))
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  // ---- Running a scenario ----

  private static void run(Cloud cloud, DeliveryPolicy policy, List<Step> steps) {
    Harness harness =
        Harness.builder().functions(Scripted.class).delivery(policy).cloud(cloud).build();
    Scripted function = harness.instance(Scripted.class);
    function.harness = harness;
    List<Sent> accepted = new ArrayList<>();
    int ids = 0;
    for (Step step : steps) {
      if (step instanceof Wait wait) {
        harness.advance(Duration.ofSeconds(wait.seconds()));
        continue;
      }
      List<Message> messages = new ArrayList<>();
      List<Sent> sent = new ArrayList<>();
      for (Spec spec : ((Send) step).messages()) {
        String id = "p-" + ++ids;
        Message.Builder message =
            Message.builder(id, QUEUE)
                .body(
                    Body.ofText(
                        spec.failing().stream()
                            .sorted()
                            .map(String::valueOf)
                            .collect(Collectors.joining(","))));
        if (!spec.key().isEmpty()) {
          message.orderingKey(spec.key());
        }
        messages.add(message.build());
        sent.add(new Sent(id, spec.key(), spec.failing(), harness.clock().instant()));
      }
      Optional<Sent> keyless = sent.stream().filter(m -> m.key().isEmpty()).findFirst();
      if (policy.ordering() == Ordering.FIFO && keyless.isPresent()) {
        // An ordered queue refuses a message without a group, and the call enqueues nothing.
        int delivered = harness.deliveries().size();
        int inFlight = harness.inFlight();
        assertThatThrownBy(() -> harness.enqueueAll(messages))
            .isInstanceOf(InvalidValueException.class)
            .hasMessageContaining("message " + keyless.get().id() + " has no ordering key")
            .hasMessageContaining(cloud == Cloud.AZURE ? "SessionId" : "MessageGroupId");
        assertThat(harness.deliveries()).hasSize(delivered);
        assertThat(harness.inFlight()).isEqualTo(inFlight);
      } else {
        harness.enqueueAll(messages);
        accepted.addAll(sent);
      }
    }
    // Long enough for every message of a key to use all its attempts, one after the other.
    harness.advance(
        policy
            .maxRetryDelay()
            .multipliedBy((long) accepted.size() * policy.maxAttempts() + 1)
            .plusSeconds(1));
    new Outcome(harness, policy, accepted, function.calls).check();
  }

  /** What a scenario ended with, and the checks of what the policy promises. */
  private static final class Outcome {
    private final Harness harness;
    private final DeliveryPolicy policy;
    private final List<Sent> sent;
    private final List<Call> calls;
    private final List<Delivery> records;
    private final Map<String, Sent> byId = new LinkedHashMap<>();

    /** Each message's deliveries, by their index in {@link #records}. */
    private final Map<String, List<Integer>> recordsOf = new HashMap<>();

    /** The function's call for each handed delivery, by the delivery's index. */
    private final Map<Integer, Call> callOf = new HashMap<>();

    private final Set<String> dead = new TreeSet<>();

    Outcome(Harness harness, DeliveryPolicy policy, List<Sent> sent, List<Call> calls) {
      this.harness = harness;
      this.policy = policy;
      this.sent = sent;
      this.calls = calls;
      this.records = harness.deliveries();
      for (Sent m : sent) {
        byId.put(m.id(), m);
        recordsOf.put(m.id(), new ArrayList<>());
      }
      for (int i = 0; i < records.size(); i++) {
        Delivery d = records.get(i);
        assertThat(byId).as("delivered %s, which was never accepted", d).containsKey(d.eventId());
        recordsOf.get(d.eventId()).add(i);
      }
    }

    private boolean fifo() {
      return policy.ordering() == Ordering.FIFO;
    }

    /** Whether a delivery can fail without the function being called: only in a FIFO batch. */
    private boolean batchesHoldBack() {
      return fifo() && policy.batchSize() > 1;
    }

    void check() {
      matchCallsToDeliveries();
      everyMessageEndsProcessedOnceOrDeadLettered();
      batchesKeepTheirShape();
      noMessageIsHandedOverWhileAnEarlierOneOfItsKeyIsPending();
      eachAttemptComesWhenDue();
    }

    /**
     * Every call of the function is one of the harness's deliveries, with the same attempt and
     * outcome; a delivery the function was not handed is one an ordered batch held back after a
     * failure.
     */
    private void matchCallsToDeliveries() {
      Map<String, Integer> indexOf = new HashMap<>();
      for (int i = 0; i < records.size(); i++) {
        Delivery d = records.get(i);
        assertThat(indexOf.put(d.eventId() + "#" + d.attempt(), i))
            .as("two deliveries of %s attempt %d", d.eventId(), d.attempt())
            .isNull();
      }
      for (Call c : calls) {
        Integer i = indexOf.get(c.id() + "#" + c.attempt());
        assertThat(i).as("the harness recorded no delivery for %s", c).isNotNull();
        assertThat(callOf.put(i, c)).as("%s called twice", c).isNull();
        assertThat(c.key()).as("ordering key of %s", c).isEqualTo(byId.get(c.id()).key());
        assertThat(records.get(i).succeeded())
            .as("outcome of %s", records.get(i))
            .isEqualTo(c.succeeded());
      }
      for (int i = 0; i < records.size(); i++) {
        if (!callOf.containsKey(i)) {
          assertThat(batchesHoldBack())
              .as("%s was not handed to the function, under %s", records.get(i), policy)
              .isTrue();
          assertThat(records.get(i).failure())
              .hasValueSatisfying(
                  e ->
                      assertThat(e)
                          .hasMessage(
                              "not processed: an earlier message of the ordered batch failed"));
        }
      }
    }

    private void everyMessageEndsProcessedOnceOrDeadLettered() {
      assertThat(harness.inFlight()).as("messages still in flight").isZero();
      for (Message m : harness.deadLetters(QUEUE)) {
        assertThat(dead.add(m.id())).as("%s dead-lettered twice", m.id()).isTrue();
        assertThat(m.attempt())
            .as("attempt of dead-lettered %s", m.id())
            .hasValue(policy.maxAttempts());
      }
      assertThat(harness.deadLetters(QUEUE))
          .as("dead letters in the order their last attempts failed")
          .extracting(Message::id)
          .isEqualTo(
              sent.stream()
                  .filter(m -> dead.contains(m.id()))
                  .sorted(Comparator.comparingInt(this::doneAt))
                  .map(Sent::id)
                  .toList());
      for (Sent m : sent) {
        List<Delivery> deliveries = recordsOf.get(m.id()).stream().map(records::get).toList();
        long successes = calls.stream().filter(c -> c.id().equals(m.id()) && c.succeeded()).count();
        assertThat(successes).as("successes of %s", m).isLessThanOrEqualTo(1);
        assertThat(successes == 1)
            .as("%s ends processed once or dead-lettered, not both or neither", m)
            .isNotEqualTo(dead.contains(m.id()));
        assertThat(deliveries)
            .as("deliveries of %s", m)
            .extracting(Delivery::attempt)
            .isEqualTo(IntStream.rangeClosed(1, deliveries.size()).boxed().toList());
        assertThat(deliveries.size()).isBetween(1, policy.maxAttempts());
        for (int a = 0; a < deliveries.size(); a++) {
          assertThat(deliveries.get(a).succeeded())
              .as("delivery %s of %s: only the last can succeed", deliveries.get(a), m)
              .isEqualTo(a == deliveries.size() - 1 && successes == 1);
        }
        if (dead.contains(m.id())) {
          assertThat(deliveries).hasSize(policy.maxAttempts());
        }
        boolean failsEveryAttempt =
            IntStream.rangeClosed(1, policy.maxAttempts()).allMatch(m.failing()::contains);
        if (failsEveryAttempt) {
          assertThat(dead).as("%s fails every attempt", m).contains(m.id());
        }
        if (!batchesHoldBack()) {
          // Every attempt reaches the function, so only the script can dead-letter a message.
          assertThat(dead.contains(m.id())).as("%s dead-lettered", m).isEqualTo(failsEveryAttempt);
        }
        // Under FIFO with batches above one, a message held back behind a failure in its batch
        // (of any group) uses up an attempt without reaching the function, so it can be
        // dead-lettered unprocessed: SQS counts every receive, and the Lambda event source
        // returns the rest of a FIFO batch after its first failure. matchCallsToDeliveries()
        // checks that each such attempt was held back; a message that fails every attempt it gets
        // is dead-lettered either way.
      }
    }

    /**
     * The calls of one batch share where the batch's deliveries start; the batch runs from there to
     * where the next one starts.
     */
    private List<List<Integer>> batches() {
      TreeSet<Integer> starts = new TreeSet<>();
      calls.forEach(c -> starts.add(c.batch()));
      if (!records.isEmpty()) {
        assertThat(starts.first()).as("the first delivery was handed to the function").isZero();
      }
      List<List<Integer>> batches = new ArrayList<>();
      for (int start : starts) {
        Integer end = starts.higher(start);
        batches.add(IntStream.range(start, end == null ? records.size() : end).boxed().toList());
      }
      return batches;
    }

    private void batchesKeepTheirShape() {
      for (List<Integer> batch : batches()) {
        List<Delivery> deliveries = batch.stream().map(records::get).toList();
        assertThat(batch).as("batch %s", deliveries).hasSizeBetween(1, policy.batchSize());
        assertThat(deliveries)
            .as("batch %s", deliveries)
            .extracting(Delivery::eventId)
            .doesNotHaveDuplicates();
        assertThat(deliveries)
            .as("one batch, one time: %s", deliveries)
            .extracting(Delivery::at)
            .containsOnly(deliveries.get(0).at());
        assertThat(callOf)
            .as("the first of batch %s is handed over", deliveries)
            .containsKey(batch.get(0));
        if (fifo()) {
          // Successes, then at most one failure; whatever comes after it is held back.
          boolean failed = false;
          for (int i : batch) {
            Call c = callOf.get(i);
            if (failed) {
              assertThat(c)
                  .as("%s after a failure in batch %s", records.get(i), deliveries)
                  .isNull();
            } else {
              assertThat(c).as("%s in batch %s", records.get(i), deliveries).isNotNull();
              failed = !c.succeeded();
            }
          }
        } else {
          List<String> keys =
              batch.stream()
                  .map(i -> byId.get(records.get(i).eventId()).key())
                  .filter(k -> !k.isEmpty())
                  .toList();
          assertThat(keys).as("keys of batch %s", deliveries).doesNotHaveDuplicates();
        }
      }
    }

    /** Where a message was done: its success, or its last failed attempt before dead letters. */
    private int doneAt(Sent m) {
      List<Integer> mine = recordsOf.get(m.id());
      return mine.get(mine.size() - 1);
    }

    /** The messages of each key in enqueue order; without a key, under KEYED, none. */
    private Map<String, List<Sent>> keys() {
      Map<String, List<Sent>> keys = new LinkedHashMap<>();
      for (Sent m : sent) {
        if (!m.key().isEmpty()) {
          keys.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m);
        }
      }
      return keys;
    }

    /**
     * The function is handed a message only once every earlier message of its key has succeeded or
     * been dead-lettered. Under FIFO a message may be delivered without being handed over behind an
     * earlier message of its key in the same batch, but never while that one is pending outside the
     * batch.
     */
    private void noMessageIsHandedOverWhileAnEarlierOneOfItsKeyIsPending() {
      List<List<Integer>> batches = batches();
      Map<Integer, List<Integer>> batchOf = new HashMap<>();
      batches.forEach(b -> b.forEach(i -> batchOf.put(i, b)));
      for (List<Sent> key : keys().values()) {
        for (int later = 1; later < key.size(); later++) {
          Sent m = key.get(later);
          for (int i : recordsOf.get(m.id())) {
            for (Sent earlier : key.subList(0, later)) {
              if (callOf.containsKey(i)) {
                assertThat(doneAt(earlier))
                    .as(
                        "%s handed over (%s) while %s of its key was pending",
                        m, records.get(i), earlier)
                    .isLessThan(i);
              } else {
                boolean ahead =
                    batchOf.get(i).stream()
                        .anyMatch(x -> x < i && records.get(x).eventId().equals(earlier.id()));
                assertThat(doneAt(earlier) < i || ahead)
                    .as(
                        "%s delivered (%s) while %s of its key was pending outside its batch",
                        m, records.get(i), earlier)
                    .isTrue();
              }
            }
          }
        }
        List<String> succeeded =
            records.stream()
                .filter(Delivery::succeeded)
                .map(Delivery::eventId)
                .filter(id -> key.contains(byId.get(id)))
                .toList();
        assertThat(succeeded)
            .as("successes of key %s", key.get(0).key())
            .isEqualTo(key.stream().map(Sent::id).filter(id -> !dead.contains(id)).toList());
      }
    }

    /**
     * Each attempt comes when it is due: the first when the message is enqueued, a retry one retry
     * delay after the attempt before, but in either case not before the earlier messages of its key
     * are done (succeeded or dead-lettered), and then at that moment, with no further wait: a key
     * goes on once its waiting message is dead-lettered. Messages without a key under KEYED wait
     * for nothing.
     *
     * <p>Under FIFO with batches above one, a message can come sooner, behind an earlier message of
     * its key in the same batch; and a message held back in a batch may find, when its retry is
     * due, an earlier message of its key pending again, which it then waits for, as an SQS FIFO
     * group returns nothing while one of its messages is in flight.
     */
    private void eachAttemptComesWhenDue() {
      Map<String, Instant> keyDone = new HashMap<>();
      for (Sent m : sent) {
        Instant before = m.key().isEmpty() ? null : keyDone.get(m.key());
        Instant earliest = m.enqueuedAt();
        for (int i : recordsOf.get(m.id())) {
          Delivery d = records.get(i);
          Instant due = before != null && before.isAfter(earliest) ? before : earliest;
          if (batchesHoldBack()) {
            assertThat(d.at()).as("%s of %s", d, m).isBetween(earliest, due);
          } else {
            assertThat(d.at()).as("%s of %s", d, m).isEqualTo(due);
          }
          earliest = d.at().plus(policy.retryDelay(d.attempt()));
        }
        if (!m.key().isEmpty()) {
          Instant done = records.get(doneAt(m)).at();
          keyDone.merge(m.key(), done, (x, y) -> x.isAfter(y) ? x : y);
        }
      }
    }
  }
}
