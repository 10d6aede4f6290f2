package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.Body;
import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ordered delivery (SQS FIFO, Service Bus sessions): batches that stop at a failure, and message
 * groups that wait.
 */
class OrderedDeliveryTest {
  /**
   * Fails {@code fail-once…} bodies the first time it sees them (GCP sends no attempt number
   * without a dead-letter policy) and {@code fail-always…} bodies always.
   */
  @OnQueue(value = "ledger", name = "OrderedLedger")
  public static final class Ledger implements QueueFunction {
    final List<String> processed = new ArrayList<>();
    private final Set<String> failed = new HashSet<>();

    @Override
    public void handle(Message message, Context context) {
      String body = message.body().text();
      if (body.startsWith("fail-once") && failed.add(body) || body.startsWith("fail-always")) {
        throw new IllegalStateException("cannot book " + body);
      }
      processed.add(body);
    }
  }

  private static Harness harness(Cloud cloud, DeliveryPolicy policy) {
    return Harness.builder().functions(Ledger.class).delivery(policy).cloud(cloud).build();
  }

  private static Message message(String id, String group, String body) {
    return Message.builder(id, "ledger").orderingKey(group).body(Body.ofText(body)).build();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void anOrderedBatchReportsTheMessagesAfterAFailureUnprocessedOnEveryCloud(Cloud cloud) {
    Harness harness = harness(cloud, DeliveryPolicy.sqsFifo());

    List<Message> sent = harness.enqueueAll("ledger", List.of("one", "fail-once", "three"));

    assertThat(harness.instance(Ledger.class).processed).containsExactly("one");
    assertThat(harness.deliveriesOf(sent.get(2).id()))
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.failure())
                    .hasValueSatisfying(
                        e ->
                            assertThat(e)
                                .hasMessage(
                                    "not processed: an earlier message of the ordered batch"
                                        + " failed")));

    harness.advance(Duration.ofSeconds(30));

    assertThat(harness.instance(Ledger.class).processed)
        .containsExactly("one", "fail-once", "three");
    assertThat(harness.deliveries())
        .extracting(Delivery::eventId, Delivery::attempt, Delivery::succeeded)
        .containsExactly(
            tuple("m-1", 1, true),
            tuple("m-2", 1, false),
            tuple("m-3", 1, false),
            tuple("m-2", 2, true),
            tuple("m-3", 2, true));
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void aMessageOfAGroupWaitsWhileAnEarlierOneAwaitsItsRetryOnEveryCloud(Cloud cloud) {
    Harness harness = harness(cloud, DeliveryPolicy.sqsFifo());

    harness.enqueue(message("m-1", "g1", "one"));
    harness.enqueue(message("m-2", "g1", "fail-once"));
    harness.enqueue(message("m-3", "g1", "three"));

    assertThat(harness.instance(Ledger.class).processed).containsExactly("one");
    assertThat(harness.deliveriesOf("m-3")).isEmpty();
    assertThat(harness.inFlight()).isEqualTo(2);

    harness.advance(Duration.ofSeconds(30));

    assertThat(harness.instance(Ledger.class).processed)
        .containsExactly("one", "fail-once", "three");
    assertThat(harness.deliveries())
        .extracting(Delivery::eventId, Delivery::attempt, Delivery::at)
        .containsExactly(
            tuple("m-1", 1, VirtualClock.DEFAULT_START),
            tuple("m-2", 1, VirtualClock.DEFAULT_START),
            tuple("m-2", 2, VirtualClock.DEFAULT_START.plusSeconds(30)),
            tuple("m-3", 1, VirtualClock.DEFAULT_START.plusSeconds(30)));
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void aGroupGoesOnOnceItsWaitingMessageIsDeadLettered(Cloud cloud) {
    // Batches of one, so the second message is not in the batch where the first fails again.
    Harness harness = harness(cloud, DeliveryPolicy.sqsFifo().withMaxAttempts(2).withBatchSize(1));

    harness.enqueue(message("m-1", "g1", "fail-always"));
    harness.enqueue(message("m-2", "g1", "two"));
    harness.advance(Duration.ofMinutes(1));

    assertThat(harness.deadLetters("ledger")).extracting(Message::id).containsExactly("m-1");
    assertThat(harness.instance(Ledger.class).processed).containsExactly("two");
    assertThat(harness.deliveriesOf("m-2"))
        .extracting(Delivery::attempt, Delivery::at, Delivery::succeeded)
        .containsExactly(tuple(1, VirtualClock.DEFAULT_START.plusSeconds(30), true));
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void otherGroupsAreDeliveredWhileOneWaits(Cloud cloud) {
    Harness harness = harness(cloud, DeliveryPolicy.sqsFifo());

    harness.enqueue(message("m-1", "g1", "fail-once"));
    harness.enqueue(message("m-2", "g2", "other group"));
    harness.enqueue(message("m-3", "g1", "same group"));

    assertThat(harness.instance(Ledger.class).processed).containsExactly("other group");
    harness.advance(Duration.ofSeconds(30));
    assertThat(harness.instance(Ledger.class).processed)
        .containsExactly("other group", "fail-once", "same group");
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void enqueuesMessagesWithOrderingKeysAsOneBatch(Cloud cloud) {
    Harness harness = harness(cloud, DeliveryPolicy.sqsFifo());

    List<Message> sent =
        harness.enqueueAll(
            List.of(
                message("a-1", "g1", "one"),
                message("a-2", "g1", "fail-once"),
                message("a-3", "g1", "three")));

    assertThat(sent).extracting(Message::id).containsExactly("a-1", "a-2", "a-3");
    assertThat(sent)
        .allSatisfy(m -> assertThat(m.enqueuedAt()).hasValue(harness.clock().instant()));
    assertThat(harness.instance(Ledger.class).processed).containsExactly("one");
    assertThat(harness.deliveries())
        .extracting(Delivery::eventId, Delivery::succeeded)
        .containsExactly(tuple("a-1", true), tuple("a-2", false), tuple("a-3", false));
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void aServiceBusSessionWaitsForItsAbandonedMessageOnEveryCloud(Cloud cloud) {
    Harness harness = harness(cloud, DeliveryPolicy.serviceBusSessions());

    harness.enqueueAll(
        List.of(
            message("m-1", "s1", "fail-once"),
            message("m-2", "s1", "two"),
            message("m-3", "s2", "other session")));

    // Without sessions, m-2 would be delivered before m-1's second attempt.
    assertThat(harness.deliveries())
        .extracting(Delivery::eventId, Delivery::attempt, Delivery::succeeded, Delivery::at)
        .containsExactly(
            tuple("m-1", 1, false, VirtualClock.DEFAULT_START),
            tuple("m-3", 1, true, VirtualClock.DEFAULT_START),
            tuple("m-1", 2, true, VirtualClock.DEFAULT_START),
            tuple("m-2", 1, true, VirtualClock.DEFAULT_START));
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void serviceBusRedeliversAtOnceUntilItsTenthDeliveryThenDeadLetters(Cloud cloud) {
    Harness harness = harness(cloud, DeliveryPolicy.serviceBus());

    harness.enqueue(message("m-1", "s1", "fail-always"));
    harness.enqueue(message("m-2", "s1", "two"));

    assertThat(harness.deliveriesOf("m-1"))
        .extracting(Delivery::attempt, Delivery::at)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 10)
                .mapToObj(n -> tuple(n, VirtualClock.DEFAULT_START))
                .toList());
    assertThat(harness.deadLetters("ledger")).extracting(Message::id).containsExactly("m-1");
    assertThat(harness.instance(Ledger.class).processed).containsExactly("two");
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void aStandardQueueKeepsNoOrderByOrderingKey(Cloud cloud) {
    // On a standard queue a message group id names the tenant of a fair queue and orders nothing:
    // https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-fair-queues.html
    Harness harness = harness(cloud, DeliveryPolicy.sqs());

    harness.enqueue(message("m-1", "g1", "fail-once"));
    harness.enqueue(message("m-2", "g1", "two"));

    assertThat(harness.instance(Ledger.class).processed).containsExactly("two");
  }
}
