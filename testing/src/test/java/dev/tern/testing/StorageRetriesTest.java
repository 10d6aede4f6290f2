package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.InvalidValueException;
import dev.tern.NoFunctionException;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Storage events are retried under their own policy, each cloud's unless the test chooses one. */
class StorageRetriesTest {
  /** Fails every event. */
  @OnStorage(bucket = "failing", name = "StorageAlwaysFails")
  public static final class AlwaysFails implements StorageFunction {
    @Override
    public void handle(ObjectEvent event, Context context) {
      throw new IllegalStateException("cannot read " + event.key());
    }
  }

  /** Fails the first delivery of every event, then succeeds. */
  @OnStorage(bucket = "flaky", name = "StorageFailsOnce")
  public static final class FailsOnce implements StorageFunction {
    final List<String> seen = new ArrayList<>();

    @Override
    public void handle(ObjectEvent event, Context context) {
      if (!seen.contains(event.id())) {
        seen.add(event.id());
        throw new IllegalStateException("first delivery of " + event.id());
      }
    }
  }

  /** Wants deletions too, so it cannot take the blob trigger. */
  @OnStorage(
      bucket = "audit",
      kinds = {ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED},
      name = "StorageAudit")
  public static final class Audit implements StorageFunction {
    @Override
    public void handle(ObjectEvent event, Context context) {}
  }

  /** Fails every event, noting the event id and the request id of each call. */
  @OnStorage(bucket = "noted", name = "StorageNotesRequests")
  public static final class NotesRequests implements StorageFunction {
    final List<String> seen = new ArrayList<>();

    @Override
    public void handle(ObjectEvent event, Context context) {
      seen.add(event.id() + " " + context.invocationId());
      throw new IllegalStateException("cannot read " + event.key());
    }
  }

  private static final Instant START = VirtualClock.DEFAULT_START;

  /** When each attempt of {@code eventId} came, counted from the start of the clock. */
  private static List<Duration> attemptTimes(Harness harness, String eventId) {
    return harness.deliveriesOf(eventId).stream()
        .map(d -> Duration.between(START, d.at()))
        .toList();
  }

  /**
   * Puts one object into "failing" under {@code policy}, waits two days, and returns the harness.
   */
  private static Harness failedUnder(StoragePolicy policy) {
    Harness harness =
        Harness.builder().functions(AlwaysFails.class).storageDelivery(policy).build();
    harness.putObject("failing", "x.txt", "x");
    harness.advance(Duration.ofDays(2));
    return harness;
  }

  @Test
  void retriesAsLambdasAsynchronousInvocationAMinuteThenTwoLaterThenDiscards() {
    Harness harness = failedUnder(StoragePolicy.lambdaAsync());

    assertThat(attemptTimes(harness, "e-1"))
        .containsExactly(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(3));
    assertThat(harness.deliveriesOf("e-1")).noneMatch(Delivery::succeeded);
    assertThat(harness.deadEvents("failing")).extracting(ObjectEvent::id).containsExactly("e-1");
    DeadEvent dead = harness.deadEvent("e-1").orElseThrow();
    assertThat(dead.function()).isEqualTo("StorageAlwaysFails");
    assertThat(dead.attempts()).isEqualTo(3);
    assertThat(dead.at()).isEqualTo(START.plus(Duration.ofMinutes(3)));
    assertThat(dead.error())
        .hasMessageEndingWith("java.lang.IllegalStateException: cannot read x.txt");
    assertThat(dead.discarded()).isTrue();
    assertThat(dead.reason())
        .isEqualTo(
            "Lambda's asynchronous invocation ran out of its 3 attempts;"
                + " the platform discards the event");
    assertThat(harness.inFlight()).isZero();
  }

  @Test
  void retriesAnEventOnAwsUnderTheRequestIdOfItsFirstAttempt() {
    Harness harness = Harness.builder().functions(NotesRequests.class).cloud(Cloud.AWS).build();

    harness.putObject("noted", "a.txt", "a");
    harness.putObject("noted", "b.txt", "b");
    harness.advance(Duration.ofMinutes(5));

    // Lambda retries the invocation it made: the same S3 notification, under the same request id.
    String a = "e-1:000000000000000001:noted/a.txt inv-1";
    String b = "e-2:000000000000000002:noted/b.txt inv-2";
    assertThat(harness.instance(NotesRequests.class).seen).containsExactly(a, b, a, b, a, b);
    assertThat(harness.deliveriesOf("e-1")).extracting(Delivery::attempt).containsExactly(1, 2, 3);
    assertThat(harness.deadEvents("noted"))
        .extracting(ObjectEvent::id)
        .containsExactly("e-1", "e-2");
  }

  @Test
  void keepsAnEventLambdaSendsToItsOnFailureDestinationAsDeadLettered() {
    Harness harness = failedUnder(StoragePolicy.lambdaAsync().withDeadLetter("uploads-failed"));

    DeadEvent dead = harness.deadEvent("e-1").orElseThrow();
    assertThat(dead.discarded()).isFalse();
    assertThat(dead.reason())
        .isEqualTo(
            "Lambda's asynchronous invocation ran out of its 3 attempts; it goes to uploads-failed");
  }

  @Test
  void stopsRetryingAnEventOlderThanTheMaximumAge() {
    Harness harness = failedUnder(StoragePolicy.lambdaAsync().withMaxAge(Duration.ofSeconds(90)));

    assertThat(attemptTimes(harness, "e-1")).containsExactly(Duration.ZERO, Duration.ofMinutes(1));
    assertThat(harness.deadEvent("e-1").orElseThrow().reason())
        .isEqualTo(
            "Lambda's asynchronous invocation stopped after 2 attempts: the next would come when"
                + " the event is 3m old, past its maximum age of 1m30s;"
                + " the platform discards the event");
  }

  @Test
  void triesABlobFiveTimesAtOnceThenPoisonsIt() {
    Harness harness = failedUnder(StoragePolicy.blobTrigger());

    assertThat(attemptTimes(harness, "e-1")).hasSize(5).containsOnly(Duration.ZERO);
    DeadEvent dead = harness.deadEvent("e-1").orElseThrow();
    assertThat(dead.discarded()).isFalse();
    assertThat(dead.reason())
        .isEqualTo(
            "the blob trigger ran out of its 5 attempts; it goes to webjobs-blobtrigger-poison");
  }

  @Test
  void retriesAsEventGridsScheduleUntilTheEventIsADayOld() {
    Harness harness = failedUnder(StoragePolicy.eventGrid());

    assertThat(attemptTimes(harness, "e-1"))
        .containsExactly(
            Duration.ZERO,
            Duration.ofSeconds(10),
            Duration.ofSeconds(40),
            Duration.parse("PT1M40S"),
            Duration.parse("PT6M40S"),
            Duration.parse("PT16M40S"),
            Duration.parse("PT46M40S"),
            Duration.parse("PT1H46M40S"),
            Duration.parse("PT4H46M40S"),
            Duration.parse("PT10H46M40S"),
            Duration.parse("PT22H46M40S"));
    DeadEvent dead = harness.deadEvent("e-1").orElseThrow();
    assertThat(dead.discarded()).isTrue();
    assertThat(dead.reason())
        .isEqualTo(
            "Event Grid stopped after 11 attempts: the next would come when the event is"
                + " 34h46m40s old, past its maximum age of 24h; the platform discards the event");
  }

  @Test
  void stopsEventGridAtItsMaximumDeliveryAttempts() {
    Harness harness = failedUnder(StoragePolicy.eventGrid().withMaxAttempts(3));

    assertThat(attemptTimes(harness, "e-1"))
        .containsExactly(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(40));
    assertThat(harness.deadEvent("e-1").orElseThrow().reason())
        .isEqualTo("Event Grid ran out of its 3 attempts; the platform discards the event");
  }

  @Test
  void triesOnceWithoutRetryOnGcpAndKeepsWhatCloudFunctionsWouldDrop() {
    Harness harness = failedUnder(StoragePolicy.eventarc());

    assertThat(attemptTimes(harness, "e-1")).containsExactly(Duration.ZERO);
    assertThat(harness.deadEvents("failing")).extracting(ObjectEvent::id).containsExactly("e-1");
    DeadEvent dead = harness.deadEvent("e-1").orElseThrow();
    assertThat(dead.discarded()).isTrue();
    assertThat(dead.reason())
        .isEqualTo(
            "Cloud Functions without --retry makes no retries; the platform discards the event");
  }

  @Test
  void retriesWithBackoffFromTenSecondsToTenMinutesForADayWithRetry() {
    Harness harness = failedUnder(StoragePolicy.eventarcWithRetry());

    List<Duration> times = attemptTimes(harness, "e-1");
    assertThat(times.subList(0, 9))
        .containsExactly(
            Duration.ZERO,
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofSeconds(70),
            Duration.ofSeconds(150),
            Duration.ofSeconds(310),
            Duration.ofSeconds(630),
            Duration.ofSeconds(1230),
            Duration.ofSeconds(1830));
    assertThat(times).hasSize(149);
    assertThat(times.get(148)).isLessThanOrEqualTo(Duration.ofHours(24));
    assertThat(harness.deadEvent("e-1").orElseThrow().reason())
        .startsWith("Cloud Functions with --retry stopped after 149 attempts")
        .endsWith("past its maximum age of 24h; the platform discards the event");
  }

  @Test
  void retriesAsTheDeliveryPolicyWithoutACloud() {
    Harness harness =
        Harness.builder()
            .functions(AlwaysFails.class)
            .delivery(DeliveryPolicy.pubsub().withMaxAttempts(3))
            .build();
    harness.putObject("failing", "x.txt", "x");
    harness.advance(Duration.ofDays(2));

    assertThat(harness.storagePolicy(AlwaysFails.class))
        .isEqualTo(StoragePolicy.of(DeliveryPolicy.pubsub().withMaxAttempts(3)));
    assertThat(attemptTimes(harness, "e-1"))
        .as("Pub/Sub's backoff: 10 s, then 20 s")
        .containsExactly(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(30));
    DeadEvent dead = harness.deadEvent("e-1").orElseThrow();
    assertThat(dead.discarded()).isFalse();
    assertThat(dead.reason())
        .isEqualTo(
            "the delivery policy ran out of its 3 attempts; it goes to the dead-letter queue");
  }

  @Test
  void saysNothingOfAnEventWhileItHasAttemptsLeftOrOnceItSucceeded() {
    Harness harness =
        Harness.builder()
            .functions(FailsOnce.class)
            .storageDelivery(StoragePolicy.lambdaAsync())
            .build();
    harness.putObject("flaky", "x.txt", "x");

    assertThat(harness.deadEvent("e-1")).isEmpty();
    assertThat(harness.inFlight()).isEqualTo(1);

    harness.advance(Duration.ofMinutes(1));

    assertThat(harness.deliveriesOf("e-1"))
        .extracting(Delivery::attempt, Delivery::succeeded)
        .containsExactly(tuple(1, false), tuple(2, true));
    assertThat(harness.deadEvent("e-1")).isEmpty();
    assertThat(harness.deadEvents("flaky")).isEmpty();
  }

  @Test
  void choosesEachCloudsStoragePolicyAndOnAzureTheFunctionsTriggers() {
    Map<String, StoragePolicy> chosen = new LinkedHashMap<>();
    for (Cloud cloud : List.of(Cloud.LOCAL, Cloud.AWS, Cloud.AZURE, Cloud.GCP)) {
      Harness harness =
          Harness.builder()
              .functions(FailsOnce.class, Audit.class)
              .cloud(cloud)
              .azureBlobTrigger(FailsOnce.class)
              .build();
      chosen.put(cloud + " FailsOnce", harness.storagePolicy(FailsOnce.class));
      chosen.put(cloud + " Audit", harness.storagePolicy(Audit.class));
    }

    StoragePolicy local = StoragePolicy.of(DeliveryPolicy.sqs());
    assertThat(chosen)
        .containsExactly(
            Map.entry("LOCAL FailsOnce", local),
            Map.entry("LOCAL Audit", local),
            Map.entry("AWS FailsOnce", StoragePolicy.lambdaAsync()),
            Map.entry("AWS Audit", StoragePolicy.lambdaAsync()),
            Map.entry("AZURE FailsOnce", StoragePolicy.blobTrigger()),
            Map.entry("AZURE Audit", StoragePolicy.eventGrid()),
            Map.entry("GCP FailsOnce", StoragePolicy.eventarcWithRetry()),
            Map.entry("GCP Audit", StoragePolicy.eventarcWithRetry()));
  }

  @Test
  void takesTheChosenStoragePolicyOnEveryCloud() {
    for (Cloud cloud : List.of(Cloud.LOCAL, Cloud.AWS, Cloud.AZURE, Cloud.GCP)) {
      Harness chosen =
          Harness.builder()
              .functions(AlwaysFails.class)
              .cloud(cloud)
              .storageDelivery(StoragePolicy.eventarcWithRetry())
              .build();
      Harness delivery =
          Harness.builder()
              .functions(AlwaysFails.class)
              .cloud(cloud)
              .delivery(DeliveryPolicy.azureQueue())
              .storageDelivery(StoragePolicy.Preset.DELIVERY)
              .build();
      Harness reset =
          Harness.builder()
              .functions(AlwaysFails.class)
              .cloud(cloud)
              .storageDelivery(StoragePolicy.blobTrigger())
              .storageDelivery(StoragePolicy.Preset.CLOUD)
              .build();

      assertThat(chosen.storagePolicy(AlwaysFails.class))
          .as("%s", cloud)
          .isEqualTo(StoragePolicy.eventarcWithRetry());
      assertThat(delivery.storagePolicy(AlwaysFails.class))
          .as("%s", cloud)
          .isEqualTo(StoragePolicy.of(DeliveryPolicy.azureQueue()));
      assertThat(reset.storagePolicy(AlwaysFails.class))
          .as("%s", cloud)
          .isEqualTo(
              Harness.builder()
                  .functions(AlwaysFails.class)
                  .cloud(cloud)
                  .build()
                  .storagePolicy(AlwaysFails.class));
    }
  }

  @Test
  void refusesAClassThatIsNotAStorageFunctionOfTheHarness() {
    Harness harness = Harness.of(AlwaysFails.class);

    assertThatThrownBy(() -> harness.storagePolicy(Audit.class))
        .isInstanceOf(NoFunctionException.class)
        .hasMessage(
            "storagePolicy(Audit.class): dev.tern.testing.StorageRetriesTest$Audit is not a"
                + " storage function of this harness");
  }

  @AcrossClouds
  @TernTest(FailsOnce.class)
  void retriesAFailedEventAsEachCloudDoes(Harness harness) {
    ObjectEvent put = harness.putObject("flaky", "x.txt", "x");
    harness.advance(Duration.ofDays(2));

    List<Delivery> attempts = harness.deliveriesOf(put.id());
    Map<Cloud, Duration> retryAfter =
        Map.of(
            Cloud.LOCAL, Duration.ofSeconds(30), // the delivery policy's
            Cloud.AWS, Duration.ofMinutes(1),
            Cloud.AZURE, Duration.ofSeconds(10), // Event Grid, Tern's default Azure source
            Cloud.GCP, Duration.ofSeconds(10)); // deployed with --retry
    assertThat(attempts).extracting(Delivery::succeeded).containsExactly(false, true);
    assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
        .isEqualTo(retryAfter.get(harness.cloud()));
    assertThat(harness.deadEvents("flaky")).isEmpty();
  }

  @AcrossClouds
  @TernTest(AlwaysFails.class)
  void keepsEveryEventThatRunsOutOnEveryCloud(Harness harness) {
    ObjectEvent put = harness.putObject("failing", "x.txt", "x");
    harness.advance(Duration.ofDays(2));

    Map<Cloud, Integer> attempts =
        Map.of(Cloud.LOCAL, 5, Cloud.AWS, 3, Cloud.AZURE, 11, Cloud.GCP, 149);
    assertThat(harness.deliveriesOf(put.id()))
        .hasSize(attempts.get(harness.cloud()))
        .noneMatch(Delivery::succeeded);
    assertThat(harness.deadEvents("failing")).containsExactly(put);
    DeadEvent dead = harness.deadEvent(put.id()).orElseThrow();
    assertThat(dead.attempts()).isEqualTo(attempts.get(harness.cloud()));
    assertThat(dead.discarded()).isEqualTo(harness.cloud() != Cloud.LOCAL);
  }

  @AcrossClouds(Cloud.AZURE)
  @TernTest(value = AlwaysFails.class, azureBlobTrigger = true)
  void poisonsABlobAfterFiveAttemptsThroughTheBlobTrigger(Harness harness) {
    ObjectEvent put = harness.putObject("failing", "x.txt", "x");

    assertThat(harness.deliveriesOf(put.id())).hasSize(5);
    assertThat(harness.deadEvent(put.id()).map(DeadEvent::reason))
        .hasValue(
            "the blob trigger ran out of its 5 attempts; it goes to webjobs-blobtrigger-poison");
  }

  @AcrossClouds
  @TernTest(value = FailsOnce.class, storage = StoragePolicy.Preset.EVENTARC_WITH_RETRY)
  void retriesAsTheChosenPresetInEveryRun(Harness harness) {
    ObjectEvent put = harness.putObject("flaky", "x.txt", "x");
    harness.advance(Duration.ofSeconds(10));

    assertThat(harness.storagePolicy(FailsOnce.class)).isEqualTo(StoragePolicy.eventarcWithRetry());
    assertThat(harness.deliveriesOf(put.id()))
        .extracting(Delivery::succeeded)
        .containsExactly(false, true);
  }

  @AcrossClouds
  @TernTest(value = AlwaysFails.class, storage = StoragePolicy.Preset.DELIVERY, maxAttempts = 2)
  void retriesAsTheDeliveryPolicyInEveryRunWhenTold(Harness harness) {
    ObjectEvent put = harness.putObject("failing", "x.txt", "x");
    harness.advance(Duration.ofMinutes(1));

    assertThat(harness.deliveriesOf(put.id())).hasSize(2);
    assertThat(harness.deadEvent(put.id()).map(DeadEvent::discarded)).isEqualTo(Optional.of(false));
  }

  @Test
  void refusesAPolicyThatCannotBe() {
    assertThatThrownBy(
            () -> new StoragePolicy("x", 0, List.of(), Duration.ofHours(1), Optional.empty()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("maxAttempts 0 < 1");
    assertThatThrownBy(
            () -> new StoragePolicy("x", 2, List.of(), Duration.ofHours(1), Optional.empty()))
        .hasMessage("maxAttempts 2 needs at least one retry delay");
    assertThatThrownBy(
            () ->
                new StoragePolicy(
                    "x", 2, List.of(Duration.ofSeconds(-1)), Duration.ofHours(1), Optional.empty()))
        .hasMessage("retry delay PT-1S is negative");
    assertThatThrownBy(() -> StoragePolicy.eventGrid().withMaxAge(Duration.ZERO))
        .hasMessage("maxAge PT0S is not positive");
    assertThatThrownBy(() -> StoragePolicy.lambdaAsync().withDeadLetter(" "))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("deadLetter is blank");
    assertThatThrownBy(() -> new DeliveryPolicy(0, Duration.ZERO, 1, DeliveryPolicy.Ordering.NONE))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("maxAttempts 0 < 1");
  }

  @Test
  void refusesLambdaSettingsOutsideTheRangesLambdaAccepts() {
    assertThatThrownBy(() -> StoragePolicy.lambdaAsync().withMaxAttempts(4))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "Lambda's asynchronous invocation: maxAttempts 4 is MaximumRetryAttempts 3, outside"
                + " its range 0–2; give maxAttempts 1 to 3");
    assertThatThrownBy(() -> StoragePolicy.lambdaAsync().withMaxAttempts(0))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "Lambda's asynchronous invocation: maxAttempts 0 is MaximumRetryAttempts -1, outside"
                + " its range 0–2; give maxAttempts 1 to 3");
    assertThatThrownBy(() -> StoragePolicy.lambdaAsync().withMaxAge(Duration.ofSeconds(59)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "Lambda's asynchronous invocation: maxAge 59s is MaximumEventAgeInSeconds 59, outside"
                + " its range 60–21600; give maxAge 1 minute to 6 hours");
    assertThatThrownBy(() -> StoragePolicy.lambdaAsync().withMaxAge(Duration.ofSeconds(21601)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "Lambda's asynchronous invocation: maxAge 6h1s is MaximumEventAgeInSeconds 21601,"
                + " outside its range 60–21600; give maxAge 1 minute to 6 hours");
    assertThatThrownBy(() -> StoragePolicy.lambdaAsync().withMaxAge(Duration.ofMillis(90_500)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "Lambda's asynchronous invocation: maxAge 1m30.5s is not a whole number of seconds,"
                + " as MaximumEventAgeInSeconds is");
    assertThat(StoragePolicy.lambdaAsync().withMaxAttempts(1).withMaxAge(Duration.ofSeconds(60)))
        .extracting(StoragePolicy::maxAttempts, StoragePolicy::maxAge)
        .containsExactly(1, Duration.ofSeconds(60));
  }

  @Test
  void repeatsTheLastRetryDelay() {
    StoragePolicy policy = StoragePolicy.eventGrid();

    assertThat(policy.retryDelay(1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.retryDelay(9)).isEqualTo(Duration.ofHours(6));
    assertThat(policy.retryDelay(10)).isEqualTo(Duration.ofHours(12));
    assertThat(policy.retryDelay(29)).isEqualTo(Duration.ofHours(12));
    assertThat(StoragePolicy.eventarc().withMaxAttempts(3).retryDelays())
        .containsExactly(Duration.ZERO);
    assertThat(StoragePolicy.Preset.CLOUD.policy()).isEmpty();
    assertThat(StoragePolicy.Preset.EVENT_GRID.policy()).hasValue(StoragePolicy.eventGrid());
  }
}
