package dev.tern.testing;

import static java.util.Objects.requireNonNull;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.Cloud;
import dev.tern.FunctionFailedException;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.Tick;
import dev.tern.spi.Dispatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs neutral events through one cloud's real adapter in that cloud's native form: each event is
 * encoded as the cloud delivers it (API Gateway JSON, an Azure worker request, a CloudEvent),
 * passed to the adapter's entry point, and the native answer decoded back.
 *
 * <p>A test that passes through every cloud's shape proves the function ports. Implementations are
 * built over a {@link dev.tern.spi.Dispatcher} holding the functions under test.
 *
 * @since 0.1
 */
public interface CloudShape {
  Cloud cloud();

  /** Sends a request the way the cloud delivers it and decodes the cloud's response. */
  HttpResponse http(HttpRequest request);

  /**
   * Delivers a batch of messages from one source (a batch of one where the cloud has no batches)
   * and returns the ids the adapter reported failed, so the platform would redeliver them.
   */
  List<String> queue(List<Message> batch);

  /**
   * Delivers a batch as {@link #queue(List)} does and says why each reported message failed: what
   * the function threw, wrapped as the dispatcher wraps it, where the cloud makes that known, else
   * why the message comes back (the batch failed as a whole).
   */
  default Dispatcher.BatchResult queueBatch(List<Message> batch) {
    List<String> failed = queue(batch);
    Map<String, Throwable> errors = new LinkedHashMap<>();
    for (String id : failed) {
      errors.put(id, new FunctionFailedException(cloud() + " reported message " + id + " failed"));
    }
    return new Dispatcher.BatchResult(failed, errors);
  }

  /**
   * Delivers a batch as {@link #queueBatch(List)} does, or, when {@code ordered}, as a batch of an
   * ordered queue (SQS FIFO), which stops at its first failure and reports every later message
   * failed unprocessed. This default serves clouds that deliver one message at a time: it sends the
   * messages one by one and holds back the rest after a failure. A shape whose cloud delivers
   * ordered batches itself overrides it.
   */
  default Dispatcher.BatchResult queueBatch(List<Message> batch, boolean ordered) {
    if (!ordered) {
      return queueBatch(batch);
    }
    List<String> failed = new ArrayList<>();
    Map<String, Throwable> errors = new LinkedHashMap<>();
    for (Message message : batch) {
      if (failed.isEmpty()) {
        Dispatcher.BatchResult one = queueBatch(List.of(message));
        failed.addAll(one.failedIds());
        errors.putAll(one.errors());
      } else {
        // The harness says why: an earlier message of the ordered batch failed.
        failed.add(message.id());
      }
    }
    return new Dispatcher.BatchResult(failed, errors);
  }

  /**
   * Throws, naming what is wrong, when the queue {@code message}'s function is bound to could not
   * carry it, or could not keep the order {@code ordered} asks for, so that the harness enqueues
   * nothing; {@link #queueBatch(List, boolean)} refuses such a message too. By default every
   * message can be delivered.
   *
   * @throws InvalidValueException if the cloud's queue could not carry {@code message}
   */
  default void requireDeliverable(Message message, boolean ordered) {}

  /**
   * Delivers a storage event as the change {@link ObjectChange#of(ObjectEvent)} describes, in a
   * bucket without versioning; throws what the adapter throws when the function fails.
   */
  void storage(ObjectEvent event);

  /**
   * Delivers a storage event with what the bucket knows of the change, of which the cloud's event
   * carries what it has a place for (an S3 notification the {@code sequencer}, and the {@code
   * versionId} only for versioned buckets); throws what the adapter throws when the function fails.
   * A shape whose cloud's event carries none of it delivers as {@link #storage(ObjectEvent)} does.
   */
  default void storage(ObjectEvent event, ObjectChange change) {
    requireNonNull(change, "change == null");
    storage(event);
  }

  /** Delivers a tick; throws what the adapter throws when the function fails. */
  void schedule(Tick tick);

  /** Runs an auth moment and decodes the decision from the cloud's native answer. */
  AuthDecision auth(AuthEvent event);
}
