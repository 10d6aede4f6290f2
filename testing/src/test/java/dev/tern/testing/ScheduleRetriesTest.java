package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.OnSchedule;
import dev.tern.ScheduleFunction;
import dev.tern.Tick;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScheduleRetriesTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** Fails its first {@code failures} calls, then succeeds. */
  @OnSchedule(cron = "0 2 * * *", name = "RetriesNightly")
  public static final class Nightly implements ScheduleFunction {
    final List<Tick> ticks = new ArrayList<>();
    int failures = Integer.MAX_VALUE;

    @Override
    public void handle(Tick tick, Context context) {
      ticks.add(tick);
      if (ticks.size() <= failures) {
        throw new IllegalStateException("report store unavailable");
      }
    }
  }

  @Test
  void retriesAFailedTickTwiceOnAwsAfterOneAndThenTwoMinutes() {
    Harness harness = Harness.builder().functions(Nightly.class).cloud(Cloud.AWS).build();

    harness.fire("RetriesNightly");
    assertThat(harness.inFlight()).as("the retry waits for its minute").isEqualTo(1);
    harness.advance(Duration.ofMinutes(30));

    assertThat(harness.deliveries())
        .extracting(Delivery::eventId, Delivery::attempt, Delivery::at, Delivery::succeeded)
        .containsExactly(
            tuple("RetriesNightly", 1, START, false),
            tuple("RetriesNightly", 2, START.plusSeconds(60), false),
            tuple("RetriesNightly", 3, START.plusSeconds(180), false));
    assertThat(harness.deliveries().get(2).error())
        .hasMessageEndingWith("java.lang.IllegalStateException: report store unavailable");
    assertThat(harness.instance(Nightly.class).ticks)
        .extracting(Tick::name, Tick::dueAt, Tick::firedAt)
        .containsExactly(
            tuple("RetriesNightly", START, START),
            tuple("RetriesNightly", START, START.plusSeconds(60)),
            tuple("RetriesNightly", START, START.plusSeconds(180)));
    assertThat(harness.inFlight()).isZero();
  }

  @Test
  void stopsRetryingATickOnAwsOnceItSucceeds() {
    Harness harness = Harness.builder().functions(Nightly.class).cloud(Cloud.AWS).build();
    harness.instance(Nightly.class).failures = 1;

    List<Tick> fired = harness.advance(Duration.ofHours(3));

    assertThat(fired).extracting(Tick::dueAt).containsExactly(START.plusSeconds(7200));
    assertThat(harness.deliveries())
        .extracting(Delivery::attempt, Delivery::at, Delivery::succeeded)
        .containsExactly(
            tuple(1, START.plusSeconds(7200), false), tuple(2, START.plusSeconds(7260), true));
    assertThat(harness.inFlight()).isZero();
    assertThat(harness.deadTicks("RetriesNightly")).isEmpty();
  }

  @Test
  void keepsATickThatRanOutOfAttemptsOnAwsAsOneLambdaDiscards() {
    Harness harness = Harness.builder().functions(Nightly.class).cloud(Cloud.AWS).build();

    Tick fired = harness.fire("RetriesNightly");
    harness.advance(Duration.ofMinutes(2));
    assertThat(harness.deadTicks("RetriesNightly"))
        .as("the third attempt is yet to come")
        .isEmpty();
    harness.advance(Duration.ofMinutes(28));

    assertThat(harness.deadTicks("RetriesNightly"))
        .extracting(
            DeadTick::tick,
            DeadTick::function,
            DeadTick::attempts,
            DeadTick::at,
            DeadTick::discarded,
            DeadTick::reason)
        .containsExactly(
            tuple(
                fired,
                "RetriesNightly",
                3,
                START.plusSeconds(180),
                true,
                "Lambda's asynchronous invocation ran out of its 3 attempts; the platform discards"
                    + " the event"));
    assertThat(harness.deadTicks("RetriesNightly").get(0).error())
        .isSameAs(harness.deliveries().get(2).error());
    assertThat(harness.deadTicks("Unknown")).isEmpty();
  }

  @Test
  void sendsATickThatRanOutOfAttemptsToTheChosenDestination() {
    Harness harness =
        Harness.builder()
            .functions(Nightly.class)
            .cloud(Cloud.AWS)
            .scheduleDelivery(StoragePolicy.lambdaAsync().withDeadLetter("nightly-failed"))
            .build();

    harness.fire("RetriesNightly");
    harness.advance(Duration.ofMinutes(30));

    DeadTick dead = harness.deadTicks("RetriesNightly").get(0);
    assertThat(dead.discarded()).isFalse();
    assertThat(dead.reason())
        .isEqualTo(
            "Lambda's asynchronous invocation ran out of its 3 attempts; it goes to"
                + " nightly-failed");
  }

  @Test
  void retriesATickAsTheChosenMaximumRetryAttempts() {
    Harness harness =
        Harness.builder()
            .functions(Nightly.class)
            .cloud(Cloud.AWS)
            .scheduleDelivery(
                StoragePolicy.lambdaAsync().withMaxAttempts(1)) // MaximumRetryAttempts 0
            .build();

    harness.fire("RetriesNightly");
    harness.advance(Duration.ofMinutes(30));

    assertThat(harness.deliveries()).extracting(Delivery::attempt).containsExactly(1);
    assertThat(harness.deadTicks("RetriesNightly"))
        .extracting(DeadTick::reason)
        .containsExactly(
            "Lambda's asynchronous invocation makes no retries; the platform discards the event");
  }

  @Test
  void stopsRetryingATickPastTheChosenMaximumEventAge() {
    StoragePolicy policy = StoragePolicy.lambdaAsync().withMaxAge(Duration.ofSeconds(90));
    Harness harness =
        Harness.builder()
            .functions(Nightly.class)
            .cloud(Cloud.AWS)
            .scheduleDelivery(policy)
            .build();

    harness.fire("RetriesNightly");
    harness.advance(Duration.ofMinutes(30));

    assertThat(harness.schedulePolicy()).isEqualTo(policy);
    assertThat(harness.deliveries())
        .extracting(Delivery::attempt, Delivery::at)
        .containsExactly(tuple(1, START), tuple(2, START.plusSeconds(60)));
    assertThat(harness.deadTicks("RetriesNightly"))
        .extracting(DeadTick::attempts, DeadTick::reason)
        .containsExactly(
            tuple(
                2,
                "Lambda's asynchronous invocation stopped after 2 attempts: the next would come"
                    + " when the event is 3m old, past its maximum age of 1m30s; the platform"
                    + " discards the event"));
  }

  @Test
  void retriesTicksAsTheChosenPolicyOnEveryCloud() {
    assertThat(Harness.builder().functions(Nightly.class).cloud(Cloud.AWS).build().schedulePolicy())
        .isEqualTo(StoragePolicy.lambdaAsync());
    Harness harness =
        Harness.builder()
            .functions(Nightly.class)
            .cloud(Cloud.GCP)
            .scheduleDelivery(StoragePolicy.lambdaAsync().withMaxAttempts(2))
            .build();

    harness.fire("RetriesNightly");
    harness.advance(Duration.ofMinutes(30));

    assertThat(harness.deliveries())
        .extracting(Delivery::attempt, Delivery::at)
        .containsExactly(tuple(1, START), tuple(2, START.plusSeconds(60)));
    assertThat(harness.deadTicks("RetriesNightly"))
        .extracting(DeadTick::attempts)
        .containsExactly(2);
  }

  @AcrossClouds
  @TernTest(value = Nightly.class, schedule = StoragePolicy.Preset.LAMBDA_ASYNC)
  void retriesATickAsTheChosenPresetInEveryRun(Harness harness) {
    harness.fire("RetriesNightly");
    harness.advance(Duration.ofMinutes(30));

    assertThat(harness.schedulePolicy()).isEqualTo(StoragePolicy.lambdaAsync());
    assertThat(harness.deliveries())
        .extracting(Delivery::attempt, Delivery::at)
        .containsExactly(
            tuple(1, START), tuple(2, START.plusSeconds(60)), tuple(3, START.plusSeconds(180)));
    assertThat(harness.deadTicks("RetriesNightly"))
        .extracting(DeadTick::attempts, DeadTick::discarded)
        .containsExactly(tuple(3, true));
  }

  @AcrossClouds
  @TernTest(
      value = Nightly.class,
      schedule = StoragePolicy.Preset.DELIVERY,
      delivery = DeliveryPolicy.Preset.PUBSUB,
      maxAttempts = 3)
  void retriesATickAsTheDeliveryPolicyInEveryRunWhenTold(Harness harness) {
    harness.fire("RetriesNightly");
    harness.advance(Duration.ofMinutes(30));

    assertThat(harness.schedulePolicy())
        .isEqualTo(StoragePolicy.of(DeliveryPolicy.pubsub().withMaxAttempts(3)));
    assertThat(harness.deliveries())
        .extracting(Delivery::attempt, Delivery::at)
        .containsExactly(
            tuple(1, START), tuple(2, START.plusSeconds(10)), tuple(3, START.plusSeconds(30)));
    assertThat(harness.deadTicks("RetriesNightly"))
        .extracting(DeadTick::discarded, DeadTick::reason)
        .containsExactly(
            tuple(
                false,
                "the delivery policy ran out of its 3 attempts; it goes to the dead-letter queue"));
  }

  @AcrossClouds
  @TernTest(Nightly.class)
  void retriesATickAsEachCloudDoesUnlessTold(Harness harness) {
    harness.fire("RetriesNightly");
    harness.advance(Duration.ofMinutes(30));

    assertThat(harness.deliveries())
        .hasSize(harness.cloud() == Cloud.AWS ? 3 : 1)
        .noneMatch(Delivery::succeeded);
    assertThat(harness.schedulePolicy())
        .isEqualTo(
            Harness.builder()
                .functions(Nightly.class)
                .cloud(harness.cloud())
                .build()
                .schedulePolicy());
  }

  /** Fails every call, noting the EventBridge event and request id of each. */
  @OnSchedule(cron = "0 2 * * *", name = "RetriesEvents")
  public static final class Events implements ScheduleFunction {
    final List<String> seen = new ArrayList<>();

    @Override
    public void handle(Tick tick, Context context) {
      Map<?, ?> event = tick.unwrap(Map.class).orElseThrow();
      seen.add(event.get("id") + " " + event.get("time") + " " + context.invocationId());
      throw new IllegalStateException("report store unavailable");
    }
  }

  @Test
  void retriesATickOnAwsWithTheEventAndRequestIdOfItsFirstAttempt() {
    Harness harness = Harness.builder().functions(Events.class).cloud(Cloud.AWS).build();

    harness.fire("RetriesEvents");
    harness.fire("RetriesEvents");
    harness.advance(Duration.ofMinutes(30));

    // Lambda retries the invocation it made, so a function can tell a retry by the event's id.
    String first = "00000000-0000-4000-8000-000000000001 2026-01-01T00:00:00Z inv-1";
    String second = "00000000-0000-4000-8000-000000000002 2026-01-01T00:00:00Z inv-2";
    assertThat(harness.instance(Events.class).seen)
        .containsExactly(first, second, first, second, first, second);
  }

  @ParameterizedTest
  @EnumSource(
      value = Cloud.class,
      names = {"LOCAL", "AZURE", "GCP"})
  void recordsAFailedTickWithoutRetryWhereThePlatformMakesNone(Cloud cloud) {
    Harness harness = Harness.builder().functions(Nightly.class).cloud(cloud).build();

    harness.fire("RetriesNightly");
    harness.advance(Duration.ofHours(1));

    assertThat(harness.deliveries())
        .extracting(Delivery::attempt, Delivery::at, Delivery::succeeded)
        .containsExactly(tuple(1, START, false));
    assertThat(harness.inFlight()).isZero();
    assertThat(harness.deadTicks("RetriesNightly"))
        .extracting(DeadTick::attempts, DeadTick::discarded)
        .containsExactly(tuple(1, true));
    assertThat(harness.deadTicks("RetriesNightly").get(0).reason())
        .isEqualTo(
            Map.of(
                    Cloud.LOCAL,
                    "a local run makes no retries; no platform is there to keep it: it is only in"
                        + " deadTicks",
                    Cloud.AZURE,
                    "an Azure timer makes no retries; the platform discards the event",
                    Cloud.GCP,
                    "a Cloud Scheduler job's default RetryConfig makes no retries; the platform"
                        + " discards the event")
                .get(cloud));
  }
}
