package dev.tern.testing;

import static java.util.Objects.requireNonNull;

import dev.tern.InvalidValueException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the harness retries a storage event whose function failed: how many attempts it gets, how
 * long each retry waits, how old the event may grow before the platform stops retrying it, and
 * where the platform keeps an event that ran out of attempts. Storage events do not come from a
 * queue the app owns, so each platform retries them its own way, and the presets follow each
 * platform's documented defaults:
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>preset</th><th>attempts</th><th>before each retry</th><th>maximum age</th>
 *       <th>then</th><th>source</th></tr>
 *   <tr><td>{@link #lambdaAsync()}</td><td>3</td><td>1 min, 2 min</td><td>6 h</td>
 *       <td>discarded</td>
 *       <td>S3 invokes Lambda asynchronously, which retries a failed function twice, about 1 and
 *       then 2 minutes later, and discards the event unless the function has an on-failure
 *       destination or a dead-letter queue (<a
 *       href="https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html">error
 *       handling</a>)</td></tr>
 *   <tr><td>{@link #blobTrigger()}</td><td>5</td><td>0 s</td><td>none</td>
 *       <td>{@code webjobs-blobtrigger-poison}</td>
 *       <td>host.json {@code queues.maxDequeueCount} 5, then a message in the poison queue (<a
 *       href="https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-blob-trigger#poison-blobs">poison
 *       blobs</a>)</td></tr>
 *   <tr><td>{@link #eventGrid()}</td><td>30</td><td>10 s, 30 s, 1 min, 5 min, 10 min, 30 min, 1 h,
 *       3 h, 6 h, then every 12 h</td><td>24 h</td><td>discarded</td>
 *       <td>the subscription's defaults, max delivery attempts 30 and event time to live 24 h,
 *       whichever ends first (here the age, after 11 attempts); dead-lettered only when the
 *       subscription has a dead-letter destination (<a
 *       href="https://learn.microsoft.com/azure/event-grid/delivery-and-retry">delivery and
 *       retry</a>)</td></tr>
 *   <tr><td>{@link #eventarc()}</td><td>1</td><td>—</td><td>—</td><td>discarded</td>
 *       <td>a Cloud Functions event function deployed without {@code --retry}: a failed event is
 *       dropped (<a href="https://cloud.google.com/functions/docs/bestpractices/retries">retries</a>)</td></tr>
 *   <tr><td>{@link #eventarcWithRetry()}</td><td>until 24 h</td><td>10 s, doubling to at most
 *       600 s</td><td>24 h</td><td>discarded</td>
 *       <td>deployed with {@code --retry}: exponential backoff between 10 and 600 seconds, for up
 *       to 24 hours (2nd gen)</td></tr>
 * </table>
 *
 * <p>A policy also retries a schedule function's failed ticks, where the platform retries them: on
 * AWS, an EventBridge rule invokes Lambda asynchronously as S3 does, so {@link #lambdaAsync()} is
 * the harness's default for ticks there, and {@link
 * Harness.Builder#scheduleDelivery(StoragePolicy)} or {@link TernTest#schedule()} chooses another;
 * a tick that runs out is in {@link Harness#deadTicks(String)}.
 *
 * <p>The harness keeps every event that runs out, whatever the platform would do with it: it is in
 * {@link Harness#deadEvents(String)}, and {@link Harness#deadEvent(String)} says why, naming the
 * platform's fate for it ({@link DeadEvent#discarded()}). The harness waits exactly the delays
 * given; the platforms add some randomness to theirs.
 *
 * @param source what retries the events, as a {@link DeadEvent}'s reason names it: {@code "Event
 *     Grid"}
 * @param maxAttempts attempts before the event runs out, at least 1
 * @param retryDelays how long each retry waits after the failed attempt before it: the first
 *     element before attempt 2, the second before attempt 3, and the last before every later one;
 *     empty only when {@code maxAttempts} is 1
 * @param maxAge how long after its first attempt the platform still retries an event: a retry that
 *     would come later is not made, and the event runs out
 * @param deadLetter where the platform keeps an event that ran out, as {@code
 *     "webjobs-blobtrigger-poison"}; empty when the platform discards it
 * @since 0.1
 */
public record StoragePolicy(
    String source,
    int maxAttempts,
    List<Duration> retryDelays,
    Duration maxAge,
    Optional<String> deadLetter) {
  /** Longer than any retry a test can wait for: the age at which presets without one stop. */
  static final Duration NO_MAXIMUM = Duration.ofDays(365_000);

  /** The source of {@link #lambdaAsync()} and the policies made from it. */
  private static final String LAMBDA_ASYNC = "Lambda's asynchronous invocation";

  /**
   * Refuses, in a policy of {@link #lambdaAsync()}, what Lambda's event invoke config cannot be, as
   * in {@code lambdaAsync().withMaxAttempts(4)}.
   *
   * @throws InvalidValueException naming the setting and its range
   */
  public StoragePolicy {
    requireNonNull(source, "source == null");
    if (source.isBlank()) {
      throw new InvalidValueException("source is blank");
    }
    if (source.equals(LAMBDA_ASYNC)) {
      requireLambdaRanges(maxAttempts, maxAge);
    }
    if (maxAttempts < 1) {
      throw new InvalidValueException("maxAttempts " + maxAttempts + " < 1");
    }
    retryDelays = List.copyOf(requireNonNull(retryDelays, "retryDelays == null"));
    for (Duration delay : retryDelays) {
      if (delay.isNegative()) {
        throw new InvalidValueException("retry delay " + delay + " is negative");
      }
    }
    if (retryDelays.isEmpty() && maxAttempts > 1) {
      throw new InvalidValueException(
          "maxAttempts " + maxAttempts + " needs at least one retry delay");
    }
    requireNonNull(maxAge, "maxAge == null");
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new InvalidValueException("maxAge " + maxAge + " is not positive");
    }
    requireNonNull(deadLetter, "deadLetter == null");
    if (deadLetter.isPresent() && deadLetter.get().isBlank()) {
      throw new InvalidValueException("deadLetter is blank");
    }
  }

  /**
   * Refuses a maximum of attempts or an age Lambda's {@code PutFunctionEventInvokeConfig} does not
   * take: {@code MaximumRetryAttempts} 0–2, which is 1–3 attempts, and {@code
   * MaximumEventAgeInSeconds} 60–21600, whole seconds (<a
   * href="https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html">PutFunctionEventInvokeConfig</a>).
   */
  private static void requireLambdaRanges(int maxAttempts, Duration maxAge) {
    if (maxAttempts < 1 || maxAttempts > 3) {
      throw new InvalidValueException(
          LAMBDA_ASYNC
              + ": maxAttempts "
              + maxAttempts
              + " is MaximumRetryAttempts "
              + (maxAttempts - 1L)
              + ", outside its range 0–2; give maxAttempts 1 to 3");
    }
    if (maxAge == null) {
      return;
    }
    if (maxAge.getNano() != 0) {
      throw new InvalidValueException(
          LAMBDA_ASYNC
              + ": maxAge "
              + readable(maxAge)
              + " is not a whole number of seconds, as MaximumEventAgeInSeconds is");
    }
    long seconds = maxAge.getSeconds();
    if (seconds < 60 || seconds > 21_600) {
      throw new InvalidValueException(
          LAMBDA_ASYNC
              + ": maxAge "
              + readable(maxAge)
              + " is MaximumEventAgeInSeconds "
              + seconds
              + ", outside its range 60–21600; give maxAge 1 minute to 6 hours");
    }
  }

  /** {@code 24h}, {@code 34h46m40s}, {@code 90s}: a duration as a reason names it. */
  static String readable(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  /**
   * S3 notifying Lambda: an asynchronous invocation, which Lambda retries twice when the function
   * fails, waiting about a minute before the first retry and about two before the second, and then
   * discards, as the function has no on-failure destination or dead-letter queue unless one is
   * configured (<a
   * href="https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html">error
   * handling</a>, <a
   * href="https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html">asynchronous
   * invocation</a>). {@code MaximumRetryAttempts} (0–2) is {@link #withMaxAttempts(int)} of 1–3,
   * {@code MaximumEventAgeInSeconds} (60 s to 6 h, 6 h by default) {@link #withMaxAge(Duration)},
   * and a destination {@link #withDeadLetter(String)}; a value outside those ranges is refused with
   * an {@link InvalidValueException} naming the setting and its range (<a
   * href="https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html">PutFunctionEventInvokeConfig</a>).
   * The AWS shape's default, for storage events and, as EventBridge invokes Lambda the same way,
   * for ticks ({@link Harness.Builder#scheduleDelivery(StoragePolicy)}).
   */
  public static StoragePolicy lambdaAsync() {
    return new StoragePolicy(
        LAMBDA_ASYNC,
        3,
        List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)),
        Duration.ofHours(6),
        Optional.empty());
  }

  /**
   * The Azure Functions blob trigger: a blob whose function fails is tried 5 times in all,
   * host.json {@code queues.maxDequeueCount}, and then the host writes a message to the {@code
   * webjobs-blobtrigger-poison} queue (<a
   * href="https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-blob-trigger#poison-blobs">poison
   * blobs</a>). The harness retries at once, as the queues section's default {@code
   * visibilityTimeout} of 0 does for queue messages. The Azure shape's default for a function on
   * the blob trigger.
   */
  public static StoragePolicy blobTrigger() {
    return new StoragePolicy(
        "the blob trigger",
        5,
        List.of(Duration.ZERO),
        NO_MAXIMUM,
        Optional.of("webjobs-blobtrigger-poison"));
  }

  /**
   * An Event Grid subscription with its defaults: retries after 10 s, 30 s, 1 min, 5 min, 10 min,
   * 30 min, 1 h, 3 h, 6 h and then every 12 h, up to 30 attempts (max delivery attempts, 1–30) or
   * until the event is 24 hours old (event time to live), whichever comes first, which with this
   * schedule is the age, after 11 attempts. Event Grid then dead-letters the event if the
   * subscription has a dead-letter destination, and otherwise drops it (<a
   * href="https://learn.microsoft.com/azure/event-grid/delivery-and-retry">delivery and retry</a>);
   * a subscription has none unless one is set, so this preset discards. The Azure shape's default
   * for a function on Event Grid.
   */
  public static StoragePolicy eventGrid() {
    return new StoragePolicy(
        "Event Grid",
        30,
        List.of(
            Duration.ofSeconds(10),
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(3),
            Duration.ofHours(6),
            Duration.ofHours(12)),
        Duration.ofHours(24),
        Optional.empty());
  }

  /**
   * Cloud Storage events through Eventarc to a function deployed without retries, the default: a
   * failed invocation drops the event (<a
   * href="https://cloud.google.com/functions/docs/bestpractices/retries">retrying event-driven
   * functions</a>). Choose it to test a function deployed so; the GCP shape's default is {@link
   * #eventarcWithRetry()}.
   */
  public static StoragePolicy eventarc() {
    return new StoragePolicy(
        "Cloud Functions without --retry", 1, List.of(), NO_MAXIMUM, Optional.empty());
  }

  /**
   * Cloud Storage events through Eventarc to a function deployed with {@code gcloud functions
   * deploy --retry}: failures are retried with exponential backoff between 10 and 600 seconds until
   * the function succeeds or 24 hours pass (2nd gen), and then the event is dropped (<a
   * href="https://cloud.google.com/functions/docs/bestpractices/retries">retrying event-driven
   * functions</a>). The harness doubles the backoff from 10 s (10, 20, 40, … 320 s, then 600 s),
   * which makes 149 attempts within the 24 hours. The GCP shape's default, as Tern's GCP deploy
   * guide deploys storage functions with {@code --retry}.
   */
  public static StoragePolicy eventarcWithRetry() {
    return new StoragePolicy(
        "Cloud Functions with --retry",
        Integer.MAX_VALUE,
        List.of(
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(40),
            Duration.ofSeconds(80),
            Duration.ofSeconds(160),
            Duration.ofSeconds(320),
            Duration.ofSeconds(600)),
        Duration.ofHours(24),
        Optional.empty());
  }

  /**
   * Storage events retried as {@code delivery} retries queue messages: its attempts, each retry
   * after its delay ({@link DeliveryPolicy#retryDelay(int)}, so backing off under {@link
   * DeliveryPolicy#pubsub()}), then dead-lettered. A harness without a cloud uses this with its own
   * delivery policy unless told otherwise.
   */
  public static StoragePolicy of(DeliveryPolicy delivery) {
    requireNonNull(delivery, "delivery == null");
    return new StoragePolicy(
        "the delivery policy",
        delivery.maxAttempts(),
        delivery.retryDelays(),
        NO_MAXIMUM,
        Optional.of("the dead-letter queue"));
  }

  /**
   * The storage policies by name, for where a {@code StoragePolicy} cannot be given, such as {@link
   * TernTest#storage()}: {@code @TernTest(value = Thumbnails.class, storage = Preset.EVENT_GRID)},
   * and {@link TernTest#schedule()} for ticks.
   *
   * @since 0.1
   */
  public enum Preset {
    /**
     * Each run's cloud's own: {@link #lambdaAsync()} on AWS, on Azure {@link #blobTrigger()} or
     * {@link #eventGrid()} by the function's trigger, {@link #eventarcWithRetry()} on GCP, and
     * without a cloud the harness's delivery policy ({@link #DELIVERY}). For ticks, each cloud's
     * schedule retries: {@link #lambdaAsync()} on AWS, and none elsewhere, nor without a cloud (see
     * {@link Harness#schedulePolicy()}).
     */
    CLOUD,
    /**
     * {@link StoragePolicy#of(DeliveryPolicy)} of the harness's delivery policy, on every cloud.
     */
    DELIVERY,
    /** {@link StoragePolicy#lambdaAsync()}. */
    LAMBDA_ASYNC,
    /** {@link StoragePolicy#blobTrigger()}. */
    BLOB_TRIGGER,
    /** {@link StoragePolicy#eventGrid()}. */
    EVENT_GRID,
    /** {@link StoragePolicy#eventarc()}. */
    EVENTARC,
    /** {@link StoragePolicy#eventarcWithRetry()}. */
    EVENTARC_WITH_RETRY;

    /**
     * The policy this preset names; empty for {@link #CLOUD} and {@link #DELIVERY}, which depend on
     * the harness they are given to.
     */
    public Optional<StoragePolicy> policy() {
      switch (this) {
        case LAMBDA_ASYNC:
          return Optional.of(lambdaAsync());
        case BLOB_TRIGGER:
          return Optional.of(blobTrigger());
        case EVENT_GRID:
          return Optional.of(eventGrid());
        case EVENTARC:
          return Optional.of(eventarc());
        case EVENTARC_WITH_RETRY:
          return Optional.of(eventarcWithRetry());
        default:
          return Optional.empty();
      }
    }
  }

  /** How long the retry after failed attempt {@code attempt} (from 1) waits. */
  public Duration retryDelay(int attempt) {
    if (attempt < 1) {
      throw new InvalidValueException("attempt " + attempt + " < 1");
    }
    if (retryDelays.isEmpty()) {
      throw new IllegalStateException(source + " makes no retries");
    }
    return retryDelays.get(Math.min(attempt, retryDelays.size()) - 1);
  }

  /** Whether the platform drops an event that ran out, as it keeps no dead letter for it. */
  public boolean discards() {
    return deadLetter.isEmpty();
  }

  /**
   * This policy with {@code maxAttempts} attempts; with more than 1 and no retry delays, each retry
   * waits as long as none.
   */
  public StoragePolicy withMaxAttempts(int maxAttempts) {
    List<Duration> delays =
        retryDelays.isEmpty() && maxAttempts > 1 ? List.of(Duration.ZERO) : retryDelays;
    return new StoragePolicy(source, maxAttempts, delays, maxAge, deadLetter);
  }

  /** This policy with these retry delays; the last is repeated for every later retry. */
  public StoragePolicy withRetryDelays(Duration... retryDelays) {
    return new StoragePolicy(
        source,
        maxAttempts,
        List.of(requireNonNull(retryDelays, "retryDelays == null")),
        maxAge,
        deadLetter);
  }

  public StoragePolicy withMaxAge(Duration maxAge) {
    return new StoragePolicy(source, maxAttempts, retryDelays, maxAge, deadLetter);
  }

  /**
   * This policy keeping the events that run out in {@code destination}, as a Lambda on-failure
   * destination or an Event Grid dead-letter destination does: {@code
   * lambdaAsync().withDeadLetter("receipts-failed")}.
   */
  public StoragePolicy withDeadLetter(String destination) {
    requireNonNull(destination, "destination == null");
    return new StoragePolicy(source, maxAttempts, retryDelays, maxAge, Optional.of(destination));
  }
}
