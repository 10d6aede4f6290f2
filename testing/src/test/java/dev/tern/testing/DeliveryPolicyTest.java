package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.InvalidValueException;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How long each retry of a policy waits: constant for queues, backing off for Pub/Sub. */
class DeliveryPolicyTest {
  private static final Instant START = VirtualClock.DEFAULT_START;

  /** Fails every message. */
  @OnQueue(value = "backoff", name = "BackoffAlwaysFails")
  public static final class AlwaysFails implements QueueFunction {
    @Override
    public void handle(Message message, Context context) {
      throw new IllegalStateException("cannot handle " + message.id());
    }
  }

  /** The delays before the retries after attempts 1 to {@code attempts} of {@code policy}. */
  private static List<Duration> delays(DeliveryPolicy policy, int attempts) {
    return IntStream.rangeClosed(1, attempts).mapToObj(policy::retryDelay).toList();
  }

  @Test
  void backsOffPubSubFromTenSecondsDoublingToTenMinutes() {
    List<Duration> seconds =
        List.of(10L, 20L, 40L, 80L, 160L, 320L, 600L, 600L, 600L).stream()
            .map(Duration::ofSeconds)
            .toList();

    assertThat(delays(DeliveryPolicy.pubsub(), 9)).isEqualTo(seconds);
    assertThat(delays(DeliveryPolicy.pubsubOrdered(), 9)).isEqualTo(seconds);
    assertThat(DeliveryPolicy.pubsub())
        .returns(Duration.ofSeconds(10), DeliveryPolicy::retryDelay)
        .returns(Duration.ofSeconds(600), DeliveryPolicy::maxRetryDelay);
    assertThat(DeliveryPolicy.pubsub().retryDelay(Integer.MAX_VALUE))
        .isEqualTo(Duration.ofSeconds(600));
  }

  @Test
  void keepsTheQueuesConstantDelays() {
    assertThat(delays(DeliveryPolicy.sqs(), 6)).containsOnly(Duration.ofSeconds(30));
    assertThat(delays(DeliveryPolicy.sqsFifo(), 6)).containsOnly(Duration.ofSeconds(30));
    assertThat(delays(DeliveryPolicy.azureQueue(), 6)).containsOnly(Duration.ZERO);
    assertThat(delays(DeliveryPolicy.serviceBus(), 6)).containsOnly(Duration.ZERO);
    assertThat(delays(DeliveryPolicy.serviceBusSessions(), 6)).containsOnly(Duration.ZERO);
    assertThat(new DeliveryPolicy(3, Duration.ofSeconds(7), 1, DeliveryPolicy.Ordering.NONE))
        .isEqualTo(
            new DeliveryPolicy(
                3, Duration.ofSeconds(7), Duration.ofSeconds(7), 1, DeliveryPolicy.Ordering.NONE));
  }

  @Test
  void backsOffBetweenTheChosenMinimumAndMaximum() {
    DeliveryPolicy policy =
        DeliveryPolicy.pubsub().withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(30));

    assertThat(delays(policy, 5))
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
    assertThat(policy.maxAttempts()).isEqualTo(5);
    assertThat(DeliveryPolicy.sqs().withBackoff(Duration.ofSeconds(1), Duration.ofDays(1)))
        .extracting(p -> p.retryDelay(3), p -> p.retryDelay(100))
        .containsExactly(Duration.ofSeconds(4), Duration.ofDays(1));
    assertThat(delays(policy.withBackoff(Duration.ZERO, Duration.ofSeconds(30)), 3))
        .as("nothing to double")
        .containsOnly(Duration.ZERO);
  }

  @Test
  void makesEveryRetryWaitTheSameAfterWithRetryDelay() {
    DeliveryPolicy policy = DeliveryPolicy.pubsub().withRetryDelay(Duration.ofSeconds(15));

    assertThat(delays(policy, 4)).containsOnly(Duration.ofSeconds(15));
    assertThat(policy.maxRetryDelay()).isEqualTo(Duration.ofSeconds(15));
    assertThat(DeliveryPolicy.sqs().withRetryDelay(Duration.ofMinutes(2)).retryDelay(3))
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void refusesABackoffThatCannotBe() {
    assertThatThrownBy(
            () ->
                DeliveryPolicy.pubsub().withBackoff(Duration.ofSeconds(60), Duration.ofSeconds(10)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("maxRetryDelay PT10S is shorter than retryDelay PT1M");
    assertThatThrownBy(
            () ->
                DeliveryPolicy.pubsub().withBackoff(Duration.ofSeconds(-1), Duration.ofSeconds(10)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("retryDelay PT-1S is negative");
    assertThatThrownBy(
            () ->
                new DeliveryPolicy(
                    5, Duration.ZERO, Duration.ofSeconds(-1), 1, DeliveryPolicy.Ordering.NONE))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("maxRetryDelay PT-1S is negative");
    assertThatThrownBy(() -> DeliveryPolicy.pubsub().withBackoff(Duration.ZERO, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("maxRetryDelay == null");
    assertThatThrownBy(() -> DeliveryPolicy.pubsub().retryDelay(0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("attempt 0 < 1");
  }

  @ParameterizedTest
  @EnumSource(
      value = Cloud.class,
      names = {"LOCAL", "GCP"})
  void redeliversAPubSubMessageLaterEachTimeUntilItIsDeadLettered(Cloud cloud) {
    Harness harness =
        Harness.builder()
            .functions(AlwaysFails.class)
            .cloud(cloud)
            .delivery(DeliveryPolicy.pubsub())
            .build();

    Message sent = harness.enqueue("backoff", "poison");
    harness.advance(Duration.ofHours(1));

    assertThat(harness.deliveriesOf(sent.id()))
        .extracting(Delivery::attempt, d -> Duration.between(START, d.at()))
        .containsExactly(
            tuple(1, Duration.ZERO),
            tuple(2, Duration.ofSeconds(10)),
            tuple(3, Duration.ofSeconds(30)),
            tuple(4, Duration.ofSeconds(70)),
            tuple(5, Duration.ofSeconds(150)));
    assertThat(harness.deadLetters("backoff")).extracting(Message::id).containsExactly(sent.id());
  }

  @Test
  void retriesStorageEventsAsThePubSubBackoffWithoutACloud() {
    assertThat(StoragePolicy.of(DeliveryPolicy.pubsub()).retryDelays())
        .containsExactly(
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(40),
            Duration.ofSeconds(80),
            Duration.ofSeconds(160),
            Duration.ofSeconds(320),
            Duration.ofSeconds(600));
    assertThat(StoragePolicy.of(DeliveryPolicy.sqs()).retryDelays())
        .containsExactly(Duration.ofSeconds(30));
  }
}
