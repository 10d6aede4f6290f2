package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.Body;
import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.InvalidValueException;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ordered delivery (SQS FIFO, Service Bus sessions, Pub/Sub ordering keys): batches that stop at a
 * failure, message groups and ordering keys that wait, and the messages an ordered queue refuses.
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

  private static Message unkeyed(String id, String body) {
    return Message.builder(id, "ledger").body(Body.ofText(body)).build();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void anOrderedBatchReportsTheMessagesAfterAFailureUnprocessedOnEveryCloud(Cloud cloud) {
    Harness harness = harness(cloud, DeliveryPolicy.sqsFifo());

    List<Message> sent =
        harness.enqueueAll(
            List.of(
                message("m-1", "g1", "one"),
                message("m-2", "g1", "fail-once"),
                message("m-3", "g1", "three")));

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

  @Test
  void aFifoBatchThatAwsReturnsWholeKeepsWhatItsFailedMessageThrew() {
    Harness harness =
        Harness.builder()
            .functions(Ledger.class)
            .delivery(DeliveryPolicy.sqsFifo())
            .cloud(Cloud.AWS)
            .setting("TERN_AWS_BATCH_ITEM_FAILURES", "false")
            .build();

    harness.enqueueAll(
        List.of(
            message("m-1", "g1", "one"),
            message("m-2", "g1", "fail-once"),
            message("m-3", "g1", "three")));

    // Without batchItemFailures the whole batch comes back, m-1 too; m-2 ran and threw.
    assertThat(harness.deliveriesOf("m-1").get(0).error())
        .hasMessageContaining("message m-1 returned to the queue with its batch");
    assertThat(harness.deliveriesOf("m-2").get(0).error())
        .hasMessage(
            "function OrderedLedger failed on message m-2: java.lang.IllegalStateException:"
                + " cannot book fail-once")
        .hasCauseInstanceOf(IllegalStateException.class);
    assertThat(harness.deliveriesOf("m-3").get(0).succeeded()).isFalse();
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

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void aFifoQueueRefusesAMessageWithoutAnOrderingKeyOnEveryCloud(Cloud cloud) {
    Harness harness = harness(cloud, DeliveryPolicy.sqsFifo());

    assertThatThrownBy(() -> harness.enqueue("ledger", "no group"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith(
            "queue ledger is ordered (DeliveryPolicy ordering FIFO), but message m-1 has no"
                + " ordering key: ")
        // On Azure an ordered queue is a session-enabled Service Bus queue.
        .hasMessageContaining(cloud == Cloud.AZURE ? "SessionId" : "MessageGroupId")
        .hasMessageEndingWith(
            "; give every message one with Message.builder(id, queue).orderingKey(group)");
    // One message without a key refuses the whole call: none is enqueued or delivered.
    assertThatThrownBy(
            () ->
                harness.enqueueAll(
                    List.of(message("m-2", "g1", "one"), unkeyed("m-3", "no group"))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("message m-3 has no ordering key");
    assertThat(harness.deliveries()).isEmpty();
    assertThat(harness.inFlight()).isZero();
    assertThat(harness.instance(Ledger.class).processed).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void theRefusalNamesTheFieldTheCloudRequires(Cloud cloud) {
    Harness harness = harness(cloud, DeliveryPolicy.serviceBusSessions());

    String expected =
        switch (cloud) {
          case AWS -> "an SQS FIFO queue refuses a message without a MessageGroupId";
          case AZURE -> "a session-enabled Service Bus queue refuses a message without a SessionId";
          default ->
              "SQS FIFO refuses a message without a MessageGroupId, and a session-enabled"
                  + " Service Bus queue one without a SessionId";
        };
    assertThatThrownBy(() -> harness.enqueue(unkeyed("m-1", "no session")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("queue ledger")
        .hasMessageContaining("message m-1 has no ordering key: " + expected + ";");
  }

  @Test
  void pubsubOrderedIsPubsubWithOrderingKeys() {
    assertThat(DeliveryPolicy.pubsubOrdered())
        .isEqualTo(
            new DeliveryPolicy(
                5,
                Duration.ofSeconds(10),
                Duration.ofSeconds(600),
                1,
                DeliveryPolicy.Ordering.KEYED))
        .returns(true, DeliveryPolicy::ordered);
    assertThat(DeliveryPolicy.pubsub().ordering()).isEqualTo(DeliveryPolicy.Ordering.NONE);
    assertThat(DeliveryPolicy.pubsub().ordered()).isFalse();
    assertThat(DeliveryPolicy.sqsFifo().ordering()).isEqualTo(DeliveryPolicy.Ordering.FIFO);
    assertThat(DeliveryPolicy.Preset.PUBSUB_ORDERED.policy())
        .isEqualTo(DeliveryPolicy.pubsubOrdered());
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void aPubSubOrderingKeyWaitsForItsFailedMessageAcrossCallsOnEveryCloud(Cloud cloud) {
    Harness harness = harness(cloud, DeliveryPolicy.pubsubOrdered());

    harness.enqueue(message("m-1", "k1", "fail-once"));
    harness.enqueue(message("m-2", "k1", "two"));
    harness.enqueue(unkeyed("m-3", "no key"));
    harness.enqueue(message("m-4", "k2", "other key"));

    // m-2 waits for m-1's redelivery; the message without a key and the other key do not.
    assertThat(harness.instance(Ledger.class).processed).containsExactly("no key", "other key");
    assertThat(harness.deliveriesOf("m-2")).isEmpty();
    assertThat(harness.inFlight()).isEqualTo(2);

    harness.advance(Duration.ofSeconds(10));

    assertThat(harness.instance(Ledger.class).processed)
        .containsExactly("no key", "other key", "fail-once", "two");
    assertThat(harness.deliveries())
        .extracting(Delivery::eventId, Delivery::attempt, Delivery::succeeded, Delivery::at)
        .containsExactly(
            tuple("m-1", 1, false, VirtualClock.DEFAULT_START),
            tuple("m-3", 1, true, VirtualClock.DEFAULT_START),
            tuple("m-4", 1, true, VirtualClock.DEFAULT_START),
            tuple("m-1", 2, true, VirtualClock.DEFAULT_START.plusSeconds(10)),
            tuple("m-2", 1, true, VirtualClock.DEFAULT_START.plusSeconds(10)));
    assertThat(harness.inFlight()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void pubSubKeepsNoOrderForMessagesWithoutAnOrderingKeyOnEveryCloud(Cloud cloud) {
    Harness harness = harness(cloud, DeliveryPolicy.pubsubOrdered());

    harness.enqueue(unkeyed("m-1", "fail-once"));
    harness.enqueue(unkeyed("m-2", "two"));

    // Unlike an SQS FIFO queue, which refuses them, and puts no message behind a failed one.
    assertThat(harness.instance(Ledger.class).processed).containsExactly("two");
    harness.advance(Duration.ofSeconds(10));
    assertThat(harness.instance(Ledger.class).processed).containsExactly("two", "fail-once");
    assertThat(harness.deliveriesOf("m-1"))
        .extracting(Delivery::attempt, Delivery::at)
        .containsExactly(
            tuple(1, VirtualClock.DEFAULT_START),
            tuple(2, VirtualClock.DEFAULT_START.plusSeconds(10)));
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void aPubSubOrderingKeyGoesOnOnceItsMessageIsDeadLetteredOnEveryCloud(Cloud cloud) {
    Harness harness = harness(cloud, DeliveryPolicy.pubsubOrdered().withMaxAttempts(3));

    harness.enqueue(message("m-1", "k1", "fail-always"));
    harness.enqueue(message("m-2", "k1", "two"));
    harness.advance(Duration.ofSeconds(15));

    // Two attempts so far, and the key's next message still waits for the third.
    assertThat(harness.deliveriesOf("m-1")).hasSize(2);
    assertThat(harness.deliveriesOf("m-2")).isEmpty();

    // The third comes 20 s after the second, as Pub/Sub's backoff doubles.
    harness.advance(Duration.ofSeconds(15));

    assertThat(harness.deadLetters("ledger"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.id()).isEqualTo("m-1");
              assertThat(m.attempt()).hasValue(3);
            });
    assertThat(harness.instance(Ledger.class).processed).containsExactly("two");
    assertThat(harness.deliveriesOf("m-2"))
        .extracting(Delivery::attempt, Delivery::at, Delivery::succeeded)
        .containsExactly(tuple(1, VirtualClock.DEFAULT_START.plusSeconds(30), true));
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void aPubSubBatchTakesAtMostOneMessageOfEachKeyOnEveryCloud(Cloud cloud) {
    // Batches above one, as a pull subscriber's: a key's next message still waits for the ack.
    Harness harness = harness(cloud, DeliveryPolicy.pubsubOrdered().withBatchSize(10));

    harness.enqueueAll(
        List.of(
            message("m-1", "k1", "one"),
            message("m-2", "k1", "two"),
            message("m-3", "k2", "three"),
            unkeyed("m-4", "four"),
            unkeyed("m-5", "five")));

    // The first batch is m-1, m-3, m-4 and m-5; m-2 follows in a batch of its own.
    assertThat(harness.instance(Ledger.class).processed)
        .containsExactly("one", "three", "four", "five", "two");
    assertThat(harness.deliveries()).allSatisfy(d -> assertThat(d.succeeded()).isTrue());
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void keepsAKeyInOrderAcrossEnqueueAllCallsOnEveryCloud(Cloud cloud) {
    Harness harness = harness(cloud, DeliveryPolicy.pubsubOrdered());

    harness.enqueueAll(List.of(message("m-1", "k1", "fail-once"), message("m-2", "k2", "two")));
    harness.enqueueAll(List.of(message("m-3", "k1", "three"), message("m-4", "k2", "four")));

    assertThat(harness.instance(Ledger.class).processed).containsExactly("two", "four");
    harness.advance(Duration.ofSeconds(10));
    assertThat(harness.instance(Ledger.class).processed)
        .containsExactly("two", "four", "fail-once", "three");
  }
}
