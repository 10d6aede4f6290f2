package dev.tern.testing;

import static java.util.Objects.requireNonNull;

import dev.tern.InvalidValueException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the harness delivers queue messages: how many attempts before a message is dead-lettered, how
 * long a failed message stays invisible before each next attempt, how many messages go to the
 * function per batch, and what order it keeps (see {@link Ordering}).
 *
 * <p>The presets follow each platform's documented defaults:
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>preset</th><th>attempts</th><th>before a retry</th><th>batch</th><th>source</th></tr>
 *   <tr><td>{@link #sqs()}</td><td>5</td><td>30 s</td><td>10</td>
 *       <td>SQS default visibility timeout 30 s; Lambda's default batch size 10; the attempts are
 *       the redrive policy's {@code maxReceiveCount}, which has no default: set yours</td></tr>
 *   <tr><td>{@link #sqsFifo()}</td><td>5</td><td>30 s</td><td>10</td>
 *       <td>as {@link #sqs()}, ordered ({@link Ordering#FIFO}): the ordering key is the
 *       {@code MessageGroupId}, which every message needs (<a
 *       href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html">FIFO
 *       delivery logic</a>)</td></tr>
 *   <tr><td>{@link #azureQueue()}</td><td>5</td><td>0 s</td><td>16</td>
 *       <td>host.json {@code maxDequeueCount} 5, {@code visibilityTimeout} 00:00:00,
 *       {@code batchSize} 16; failed messages go to {@code <queue>-poison}</td></tr>
 *   <tr><td>{@link #pubsub()}</td><td>5</td><td>10 s, doubling to at most 600 s</td><td>1</td>
 *       <td>dead-letter policy {@code maxDeliveryAttempts} 5; retry policy with exponential
 *       backoff, {@code minimumBackoff} 10 s and {@code maximumBackoff} 600 s (<a
 *       href="https://cloud.google.com/pubsub/docs/handling-failures#exponential_backoff">exponential
 *       backoff</a>); push delivers one message per request</td></tr>
 *   <tr><td>{@link #pubsubOrdered()}</td><td>5</td><td>10 s, doubling to at most 600 s</td>
 *       <td>1</td>
 *       <td>as {@link #pubsub()}, in order per ordering key ({@link Ordering#KEYED})</td></tr>
 *   <tr><td>{@link #serviceBus()}</td><td>10</td><td>0 s</td><td>1</td>
 *       <td>queue {@code maxDeliveryCount} 10, then the dead-letter subqueue; the host abandons a
 *       failed message, which makes it available again at once; Tern's trigger takes one message
 *       per call</td></tr>
 *   <tr><td>{@link #serviceBusSessions()}</td><td>10</td><td>0 s</td><td>1</td>
 *       <td>as {@link #serviceBus()}, ordered by session ({@link Ordering#FIFO}): the ordering key
 *       is the {@code SessionId}, which every message needs (<a
 *       href="https://learn.microsoft.com/azure/service-bus-messaging/message-sessions">message
 *       sessions</a>)</td></tr>
 * </table>
 *
 * <p>A queue's failed message waits the same time before every retry, its visibility timeout. A
 * Pub/Sub subscription backs off instead: its retry policy waits longer after each failure, between
 * its minimum and maximum backoff, but Pub/Sub does not publish how much longer (<a
 * href="https://cloud.google.com/pubsub/docs/reference/rest/v1/projects.subscriptions#RetryPolicy">RetryPolicy</a>).
 * The harness doubles the delay after each attempt, up to the maximum, as it does for Cloud
 * Functions' retries ({@link StoragePolicy#eventarcWithRetry()}): that curve is the harness's
 * choice. {@link #retryDelay(int)} gives each delay; {@link #withBackoff(Duration, Duration)} sets
 * the bounds, and {@link #withRetryDelay(Duration)} a constant delay. The harness waits exactly the
 * delays given; Pub/Sub's retry policy is best effort, and its delays may be longer or shorter.
 *
 * @param maxAttempts attempts before the message is dead-lettered, at least 1
 * @param retryDelay how long a failed message stays invisible before its first retry; with a longer
 *     {@code maxRetryDelay}, Pub/Sub's minimum backoff
 * @param maxRetryDelay the longest a retry waits: each retry waits twice as long as the one before,
 *     up to this, Pub/Sub's maximum backoff; equal to {@code retryDelay} for a constant delay, and
 *     never shorter
 * @param batchSize messages per call of the batch path, at least 1
 * @param ordering what order delivery keeps: none, an ordered queue's ({@link Ordering#FIFO}) or
 *     Pub/Sub's per ordering key ({@link Ordering#KEYED})
 * @since 0.1
 */
public record DeliveryPolicy(
    int maxAttempts,
    Duration retryDelay,
    Duration maxRetryDelay,
    int batchSize,
    Ordering ordering) {
  /**
   * Refuses what no platform's policy can be.
   *
   * @throws InvalidValueException naming the value: fewer than 1 attempt or message per batch, a
   *     negative delay, or a {@code maxRetryDelay} shorter than {@code retryDelay}
   */
  public DeliveryPolicy {
    if (maxAttempts < 1) {
      throw new InvalidValueException("maxAttempts " + maxAttempts + " < 1");
    }
    requireNonNull(retryDelay, "retryDelay == null");
    if (retryDelay.isNegative()) {
      throw new InvalidValueException("retryDelay " + retryDelay + " is negative");
    }
    requireNonNull(maxRetryDelay, "maxRetryDelay == null");
    if (maxRetryDelay.isNegative()) {
      throw new InvalidValueException("maxRetryDelay " + maxRetryDelay + " is negative");
    }
    if (maxRetryDelay.compareTo(retryDelay) < 0) {
      throw new InvalidValueException(
          "maxRetryDelay " + maxRetryDelay + " is shorter than retryDelay " + retryDelay);
    }
    if (batchSize < 1) {
      throw new InvalidValueException("batchSize " + batchSize + " < 1");
    }
    requireNonNull(ordering, "ordering == null");
  }

  /** A policy whose every retry waits {@code retryDelay}, as a queue's visibility timeout makes. */
  public DeliveryPolicy(int maxAttempts, Duration retryDelay, int batchSize, Ordering ordering) {
    this(maxAttempts, retryDelay, retryDelay, batchSize, ordering);
  }

  /**
   * What order the harness keeps when it delivers a queue's messages, on every cloud.
   *
   * @since 0.1
   */
  public enum Ordering {
    /** No order: a failed message's retry comes after the messages sent since. */
    NONE,

    /**
     * An ordered queue's, as SQS FIFO and session-enabled Service Bus queues keep it: every message
     * belongs to a group, its {@link dev.tern.Message#orderingKey()}; a batch stops at its first
     * failure, the later messages reported failed unprocessed; and while a message awaits its
     * retry, the later messages of its group wait for it to succeed or be dead-lettered. Both
     * clouds refuse a message without a group: SQS FIFO one without a {@code MessageGroupId} (<a
     * href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html">SendMessage</a>),
     * a session-enabled queue one without a {@code SessionId} (<a
     * href="https://learn.microsoft.com/azure/service-bus-messaging/message-sessions">message
     * sessions</a>). So does {@link Harness#enqueue(dev.tern.Message)}, without a cloud and through
     * every cloud shape: it throws {@link dev.tern.InvalidValueException} naming the queue and the
     * missing field, and enqueues nothing.
     */
    FIFO,

    /**
     * Pub/Sub's with message ordering: messages with the same {@link
     * dev.tern.Message#orderingKey()} are delivered in the order they were published, a key's next
     * message only once the previous one is acknowledged (so a batch takes at most one message of
     * each key), and while a message awaits its redelivery the later messages of its key wait for
     * it to succeed or be dead-lettered. Messages without an ordering key keep no order at all (<a
     * href="https://cloud.google.com/pubsub/docs/ordering">ordering</a>).
     */
    KEYED
  }

  /** Whether delivery keeps any order: {@link #ordering()} is not {@link Ordering#NONE}. */
  public boolean ordered() {
    return ordering != Ordering.NONE;
  }

  /**
   * How long the retry after failed attempt {@code attempt} (from 1) waits: {@link #retryDelay()}
   * doubled after each attempt before it, at most {@link #maxRetryDelay()}. Under {@link #pubsub()}
   * the retries wait 10, 20, 40, 80, 160 and 320 s, and then 600 s each; under {@link #sqs()}, 30 s
   * each. From a delay of zero there is nothing to double: every retry comes at once.
   *
   * @throws InvalidValueException if {@code attempt} is less than 1
   */
  public Duration retryDelay(int attempt) {
    if (attempt < 1) {
      throw new InvalidValueException("attempt " + attempt + " < 1");
    }
    Duration delay = retryDelay;
    for (int i = 1; i < attempt && delay.compareTo(maxRetryDelay) < 0 && !delay.isZero(); i++) {
      delay = doubled(delay);
    }
    return delay;
  }

  /**
   * Every delay {@link #retryDelay(int)} gives, in order, without repeating the last: {@code [10s,
   * 20s, 40s, 80s, 160s, 320s, 600s]} under {@link #pubsub()}, {@code [30s]} under {@link #sqs()}.
   */
  List<Duration> retryDelays() {
    List<Duration> delays = new ArrayList<>();
    Duration delay = retryDelay;
    delays.add(delay);
    while (delay.compareTo(maxRetryDelay) < 0 && !delay.isZero()) {
      delay = doubled(delay);
      delays.add(delay);
    }
    return List.copyOf(delays);
  }

  /** Twice {@code delay}, at most {@link #maxRetryDelay()}. */
  private Duration doubled(Duration delay) {
    // Compared before doubling, so that no delay, however long, overflows.
    return delay.compareTo(maxRetryDelay.dividedBy(2)) >= 0 ? maxRetryDelay : delay.multipliedBy(2);
  }

  public static DeliveryPolicy sqs() {
    return new DeliveryPolicy(5, Duration.ofSeconds(30), 10, Ordering.NONE);
  }

  /**
   * SQS FIFO: like {@link #sqs()}, but ordered: a batch stops at its first failure, and a message
   * group waits for its failed message (<a
   * href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html">FIFO
   * delivery logic</a>). The group is the message's {@link dev.tern.Message#orderingKey()}; a FIFO
   * queue refuses a message without a {@code MessageGroupId} (<a
   * href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html">SendMessage</a>),
   * and the harness refuses one without an ordering key. See {@link Ordering#FIFO}.
   */
  public static DeliveryPolicy sqsFifo() {
    return new DeliveryPolicy(5, Duration.ofSeconds(30), 10, Ordering.FIFO);
  }

  public static DeliveryPolicy azureQueue() {
    return new DeliveryPolicy(5, Duration.ZERO, 16, Ordering.NONE);
  }

  /**
   * A Pub/Sub push subscription with a dead-letter policy of 5 delivery attempts ({@code
   * maxDeliveryAttempts}, <a
   * href="https://cloud.google.com/pubsub/docs/dead-letter-topics">dead-letter topics</a>) and a
   * retry policy with exponential backoff at its defaults, a minimum backoff of 10 s and a maximum
   * of 600 s (<a
   * href="https://cloud.google.com/pubsub/docs/handling-failures#exponential_backoff">exponential
   * backoff</a>): the harness redelivers a failed message 10 s later, then 20, 40 and 80 s later,
   * doubling to at most 600 s (see {@link #retryDelay(int)}). Push delivers one message per
   * request.
   */
  public static DeliveryPolicy pubsub() {
    return new DeliveryPolicy(5, Duration.ofSeconds(10), Duration.ofSeconds(600), 1, Ordering.NONE);
  }

  /**
   * A Pub/Sub subscription with message ordering enabled: like {@link #pubsub()}, but messages with
   * the same ordering key come in the order they were published, each once the key's previous one
   * is acknowledged, and a key's later messages wait while its failed message awaits redelivery or
   * until it is dead-lettered; messages without an ordering key are not ordered (<a
   * href="https://cloud.google.com/pubsub/docs/ordering">ordering messages</a>). See {@link
   * Ordering#KEYED}.
   */
  public static DeliveryPolicy pubsubOrdered() {
    return new DeliveryPolicy(
        5, Duration.ofSeconds(10), Duration.ofSeconds(600), 1, Ordering.KEYED);
  }

  /**
   * Service Bus: a queue's default {@code maxDeliveryCount} of 10 (<a
   * href="https://learn.microsoft.com/dotnet/api/azure.messaging.servicebus.administration.queueproperties.maxdeliverycount">QueueProperties.MaxDeliveryCount</a>),
   * after which the broker moves the message to the dead-letter subqueue. The Functions host
   * abandons a message whose function threw, so it is available again at once; Tern's trigger binds
   * one message per call.
   */
  public static DeliveryPolicy serviceBus() {
    return new DeliveryPolicy(10, Duration.ZERO, 1, Ordering.NONE);
  }

  /**
   * A session-enabled Service Bus queue: like {@link #serviceBus()}, but ordered. A session's
   * messages come in the order they were sent, and the next one waits while the session's earlier
   * message awaits its redelivery (<a
   * href="https://learn.microsoft.com/azure/service-bus-messaging/message-sessions">message
   * sessions</a>). The session id is the message's {@link dev.tern.Message#orderingKey()}; Service
   * Bus refuses a message without one on such a queue, and so does the harness. See {@link
   * Ordering#FIFO}.
   */
  public static DeliveryPolicy serviceBusSessions() {
    return new DeliveryPolicy(10, Duration.ZERO, 1, Ordering.FIFO);
  }

  /**
   * The presets by name, for where a {@code DeliveryPolicy} cannot be given, such as {@link
   * TernTest#delivery()}: {@code @TernTest(value = Ledger.class, delivery = Preset.SQS_FIFO)}.
   *
   * @since 0.1
   */
  public enum Preset {
    /** {@link DeliveryPolicy#sqs()}. */
    SQS,
    /** {@link DeliveryPolicy#sqsFifo()}. */
    SQS_FIFO,
    /** {@link DeliveryPolicy#azureQueue()}. */
    AZURE_QUEUE,
    /** {@link DeliveryPolicy#pubsub()}. */
    PUBSUB,
    /** {@link DeliveryPolicy#pubsubOrdered()}. */
    PUBSUB_ORDERED,
    /** {@link DeliveryPolicy#serviceBus()}. */
    SERVICE_BUS,
    /** {@link DeliveryPolicy#serviceBusSessions()}. */
    SERVICE_BUS_SESSIONS;

    /** The policy this preset names. */
    public DeliveryPolicy policy() {
      switch (this) {
        case SQS_FIFO:
          return sqsFifo();
        case AZURE_QUEUE:
          return azureQueue();
        case PUBSUB:
          return pubsub();
        case PUBSUB_ORDERED:
          return pubsubOrdered();
        case SERVICE_BUS:
          return serviceBus();
        case SERVICE_BUS_SESSIONS:
          return serviceBusSessions();
        default:
          return sqs();
      }
    }
  }

  public DeliveryPolicy withMaxAttempts(int maxAttempts) {
    return new DeliveryPolicy(maxAttempts, retryDelay, maxRetryDelay, batchSize, ordering);
  }

  /**
   * This policy with every retry waiting {@code retryDelay}, a constant delay, as a queue's
   * visibility timeout makes it: {@code sqs().withRetryDelay(Duration.ofMinutes(2))}. On {@link
   * #pubsub()} it replaces the backoff; to change the backoff's bounds, use {@link
   * #withBackoff(Duration, Duration)}.
   */
  public DeliveryPolicy withRetryDelay(Duration retryDelay) {
    return new DeliveryPolicy(maxAttempts, retryDelay, retryDelay, batchSize, ordering);
  }

  /**
   * This policy backing off as a Pub/Sub subscription's retry policy with this {@code
   * minimumBackoff} and {@code maximumBackoff} does: the first retry waits {@code minimum}, each
   * next one twice as long as the one before, up to {@code maximum}. {@code
   * pubsub().withBackoff(Duration.ofSeconds(5), Duration.ofMinutes(5))} retries after 5, 10, 20,
   * 40, 80 and 160 s, and then every 300 s; equal bounds make a constant delay.
   *
   * @throws InvalidValueException if either is negative, or {@code maximum} is shorter than {@code
   *     minimum}
   */
  public DeliveryPolicy withBackoff(Duration minimum, Duration maximum) {
    return new DeliveryPolicy(maxAttempts, minimum, maximum, batchSize, ordering);
  }

  public DeliveryPolicy withBatchSize(int batchSize) {
    return new DeliveryPolicy(maxAttempts, retryDelay, maxRetryDelay, batchSize, ordering);
  }
}
