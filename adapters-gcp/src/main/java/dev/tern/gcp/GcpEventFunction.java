package dev.tern.gcp;

import static java.util.Objects.requireNonNull;

import com.google.cloud.functions.CloudEventsFunction;
import dev.tern.Log;
import dev.tern.TernException;
import dev.tern.gcp.internal.Ce;
import dev.tern.gcp.internal.Events;
import dev.tern.gcp.internal.GcpRuntime;
import dev.tern.gcp.internal.Json;
import dev.tern.gcp.internal.Neutral;
import dev.tern.gcp.internal.PubSubMessage;
import dev.tern.gcp.internal.Trace;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.Settings;
import dev.tern.spi.Warmup;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * The entry point for event-driven functions: deploy with {@code --entry-point
 * dev.tern.gcp.GcpEventFunction} and an Eventarc (or legacy) trigger. The invoker hands it binary
 * and structured CloudEvents, and converts 1st-gen legacy events to CloudEvents first.
 *
 * <ul>
 *   <li>{@code google.cloud.pubsub.topic.v1.messagePublished}: a message for the queue function
 *       claiming the topic (or the subscription), or a tick for the schedule named like the topic.
 *   <li>{@code google.cloud.storage.object.v1.finalized}, {@code deleted}, {@code archived}, {@code
 *       metadataUpdated}: an object event for the storage function of the bucket and kind.
 *   <li>{@code google.firebase.auth.user.v1.created} and {@code deleted}: the auth moments {@code
 *       AFTER_SIGN_UP} and {@code USER_DELETED}.
 * </ul>
 *
 * <p>A failing function, an event that cannot be read and an event no function claims all throw a
 * {@link TernException}; the invoker answers 500, which Eventarc and Pub/Sub retry when retries are
 * enabled on the trigger.
 *
 * @since 0.1
 */
public final class GcpEventFunction implements CloudEventsFunction {
  /**
   * What loads on the warm-up thread while the index is read: Jackson's tree (event data is read
   * with databind) through a small Pub/Sub envelope, and the neutral message it becomes.
   */
  static final class EventWarmup implements Runnable {
    @Override
    public void run() {
      byte[] envelope =
          "{\"message\":{\"messageId\":\"1\",\"data\":\"e30=\",\"attributes\":{\"a\":\"b\"}}}"
              .getBytes(StandardCharsets.UTF_8);
      PubSubMessage.read(
              Json.parse(envelope, "warm-up"),
              "warm-up",
              "projects/p/topics/t",
              "1",
              Instant.EPOCH,
              null)
          .toMessage("projects/p/topics/t")
          .body()
          .text();
    }
  }

  private final GcpRuntime runtime;

  /** Serves the functions of the classpath's index, configured by environment variables. */
  public GcpEventFunction() {
    this(startWarmup());
  }

  /** The deployment's function; the warm-up, if started, is loading classes on another thread. */
  private GcpEventFunction(boolean warming) {
    this(Dispatcher.fromIndex(GcpEventFunction.class.getClassLoader(), Settings.environment()));
  }

  private static boolean startWarmup() {
    if (!Warmup.worthStarting()) {
      return false;
    }
    Warmup.start(new EventWarmup());
    return true;
  }

  /** Serves the functions of {@code dispatcher}, configured by environment variables. */
  public GcpEventFunction(Dispatcher dispatcher) {
    this(dispatcher, Settings.environment());
  }

  /** Serves the functions of {@code dispatcher} with explicit settings. */
  public GcpEventFunction(Dispatcher dispatcher, Settings settings) {
    this(
        GcpRuntime.standard(
            requireNonNull(dispatcher, "dispatcher == null"),
            requireNonNull(settings, "settings == null"),
            GcpKeySource.google()));
  }

  /**
   * Serves over a runtime built by hand, with its own clock and log sink, as tern-testing's GCP
   * shape builds it; {@link GcpRuntime} is internal, so this is not for applications.
   */
  public GcpEventFunction(GcpRuntime runtime) {
    this.runtime = requireNonNull(runtime, "runtime == null");
  }

  @Override
  public void accept(CloudEvent event) {
    requireNonNull(event, "event == null");
    Ce ce = Ce.from(event);
    String trace = Trace.fromTraceparent(ce.extension("traceparent").orElse(null)).orElse(null);
    Neutral neutral;
    try {
      neutral = Events.normalize(ce);
    } catch (TernException e) {
      runtime.note(
          Log.Level.WARN,
          ce.id(),
          trace,
          "event could not be mapped",
          Map.of("type", ce.type(), "reason", e.getMessage()));
      throw e;
    }
    runtime.deliver(neutral, runtime.contexts(ce.id(), trace, event));
  }
}
