package dev.tern;

/**
 * A function that consumes queue or topic messages, one message per call.
 *
 * <p>Returning normally acknowledges the message. Throwing fails that message only: on AWS it is
 * reported in {@code batchItemFailures} (or fails the invocation when partial batch responses are
 * off) and SQS redelivers it after the visibility timeout, then moves it to the dead-letter queue
 * configured on the queue; on Azure the worker abandons it, and Queue Storage or Service Bus
 * redelivers it until the maximum dequeue or delivery count, then poisons or dead-letters it; on
 * GCP the request fails and Pub/Sub redelivers with backoff until the subscription's dead-letter
 * policy applies. Other messages of the same batch are not affected.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface QueueFunction {
  void handle(Message message, Context context) throws Exception;
}
