package dev.tern;

/**
 * A function told about changes to stored objects.
 *
 * <p>Throwing fails the event: S3 notifications to Lambda are retried twice by the asynchronous
 * invoke and then go to the function's failure destination or dead-letter queue; Event Grid retries
 * with backoff for up to 24 hours, then dead-letters if configured; the blob trigger retries five
 * times, then writes to the {@code webjobs-blobtrigger-poison} queue; Cloud Storage events are
 * retried only when the function was deployed with retries on.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface StorageFunction {
  void handle(ObjectEvent event, Context context) throws Exception;
}
