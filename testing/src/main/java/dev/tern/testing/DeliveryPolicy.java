package dev.tern.testing;

import static java.util.Objects.requireNonNull;

import dev.tern.InvalidValueException;
import java.time.Duration;

/**
 * How the harness delivers queue messages: how many attempts before a message is dead-lettered, how
 * long a failed message stays invisible before its next attempt, how many messages go to the
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
 *   <tr><td>{@link #pubsub()}</td><td>5</td><td>10 s</td><td>1</td>
 *       <td>dead-letter policy {@code maxDeliveryAttempts} 5, retry policy minimum backoff 10 s,
 *       push delivers one message per request</td></tr>
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
 * @param maxAttempts attempts before the message is dead-lettered, at least 1
 * @param retryDelay how long a failed message stays invisible
 * @param batchSize messages per call of the batch path, at least 1
 * @param ordering what order delivery keeps: none, an ordered queue's ({@link Ordering#FIFO}) or
 *     Pub/Sub's per ordering key ({@link Ordering#KEYED})
 * @since 0.1
 */
public record DeliveryPolicy(
    int maxAttempts, Duration retryDelay, int batchSize, Ordering ordering) {
  public DeliveryPolicy {
    if (maxAttempts < 1) {
      throw new InvalidValueException("maxAttempts " + maxAttempts + " < 1");
    }
    requireNonNull(retryDelay, "retryDelay == null");
    if (retryDelay.isNegative()) {
      throw new InvalidValueException("retryDelay " + retryDelay + " is negative");
    }
    if (batchSize < 1) {
      throw new InvalidValueException("batchSize " + batchSize + " < 1");
    }
    requireNonNull(ordering, "ordering == null");
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

  public static DeliveryPolicy pubsub() {
    return new DeliveryPolicy(5, Duration.ofSeconds(10), 1, Ordering.NONE);
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
    return new DeliveryPolicy(5, Duration.ofSeconds(10), 1, Ordering.KEYED);
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
    return new DeliveryPolicy(maxAttempts, retryDelay, batchSize, ordering);
  }

  public DeliveryPolicy withRetryDelay(Duration retryDelay) {
    return new DeliveryPolicy(maxAttempts, retryDelay, batchSize, ordering);
  }

  public DeliveryPolicy withBatchSize(int batchSize) {
    return new DeliveryPolicy(maxAttempts, retryDelay, batchSize, ordering);
  }
}
