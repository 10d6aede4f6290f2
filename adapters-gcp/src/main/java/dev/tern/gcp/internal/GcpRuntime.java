package dev.tern.gcp.internal;

import static java.util.Objects.requireNonNull;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.Log;
import dev.tern.Message;
import dev.tern.NoFunctionException;
import dev.tern.Tick;
import dev.tern.gcp.GcpKeySource;
import dev.tern.gcp.GcpSettings;
import dev.tern.spi.DecisionParts;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.JsonLog;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What both entry classes share: the dispatcher, settings, where logs go, the clock, and the
 * routing of a Pub/Sub message to a queue function or to a schedule bound to its topic.
 */
public final class GcpRuntime {
  private final Dispatcher dispatcher;
  private final Settings settings;
  private final Consumer<String> logSink;
  private final Clock clock;
  private final GcpKeySource keys;
  private final Log.Level threshold;
  private final String project;
  private final boolean httpEvents;
  private final boolean insecureUnsignedTokens;

  /** Whether push envelopes and scheduler calls are accepted beside HTTP functions. */
  public boolean httpEvents() {
    return httpEvents;
  }

  /** Whether unsigned emulator tokens are accepted; local tests only. */
  public boolean insecureUnsignedTokens() {
    return insecureUnsignedTokens;
  }

  public GcpRuntime(
      Dispatcher dispatcher,
      Settings settings,
      GcpKeySource keys,
      Consumer<String> logSink,
      Clock clock) {
    this.dispatcher = requireNonNull(dispatcher, "dispatcher == null");
    this.settings = requireNonNull(settings, "settings == null");
    this.keys = requireNonNull(keys, "keys == null");
    this.logSink = severityNames(requireNonNull(logSink, "logSink == null"));
    this.clock = requireNonNull(clock, "clock == null");
    this.threshold = JsonLog.threshold(settings);
    this.project = project(settings);
    // Read now, so that a value other than true or false fails the start.
    this.httpEvents = settings.flag(GcpSettings.HTTP_EVENTS);
    this.insecureUnsignedTokens = settings.flag(GcpSettings.INSECURE_UNSIGNED_TOKENS);
  }

  /** A runtime writing logs to standard output, where Cloud Logging reads them. */
  public static GcpRuntime standard(Dispatcher dispatcher, Settings settings, GcpKeySource keys) {
    return new GcpRuntime(dispatcher, settings, keys, new Println(System.out), Clock.systemUTC());
  }

  /** The first project setting present, trimmed, unless blank. */
  private static String project(Settings settings) {
    Optional<String> project = settings.get(GcpSettings.PROJECT);
    if (project.isEmpty()) {
      project = settings.get("GOOGLE_CLOUD_PROJECT");
    }
    if (project.isEmpty()) {
      project = settings.get("GCP_PROJECT");
    }
    return project.isEmpty() || project.get().isBlank() ? null : project.get().trim();
  }

  /** Writes each line to a stream, such as standard output. */
  private static final class Println implements Consumer<String> {
    private final java.io.PrintStream out;

    Println(java.io.PrintStream out) {
      this.out = out;
    }

    @Override
    public void accept(String line) {
      out.println(line);
    }
  }

  /**
   * Cloud Logging knows {@code WARNING}, not {@code WARN}
   * (https://cloud.google.com/logging/docs/reference/v2/rest/v2/LogEntry#LogSeverity). The severity
   * is the second pair of every line, after the time, so only its first occurrence is renamed.
   */
  private static Consumer<String> severityNames(Consumer<String> sink) {
    return new SeverityNames(sink);
  }

  private static final class SeverityNames implements Consumer<String> {
    private final Consumer<String> sink;

    SeverityNames(Consumer<String> sink) {
      this.sink = sink;
    }

    @Override
    public void accept(String line) {
      int at = line.indexOf("\"severity\":\"WARN\"");
      sink.accept(
          at < 0
              ? line
              : line.substring(0, at) + "\"severity\":\"WARNING\"" + line.substring(at + 17));
    }
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  public Settings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public GcpKeySource keys() {
    return keys;
  }

  /**
   * The project id, from {@value GcpSettings#PROJECT}, {@code GOOGLE_CLOUD_PROJECT} or {@code
   * GCP_PROJECT}.
   */
  public Optional<String> project() {
    return Optional.ofNullable(project);
  }

  /** A log for one invocation, in the JSON form Cloud Logging parses. */
  public Log log(String invocationId, String traceId, String function) {
    Log json =
        JsonLog.builder(logSink)
            .clock(clock)
            .levelKey("severity")
            .messageKey("message")
            .timeKey("time")
            // Error Reporting takes a JSON line's stack trace from stack_trace, then exception,
            // then message, and finds none in a message that is not one:
            // https://cloud.google.com/error-reporting/docs/formatting-error-messages
            .stackTraceKey("stack_trace")
            .field(
                "logging.googleapis.com/trace",
                traceId == null
                    ? null
                    : project == null ? traceId : "projects/" + project + "/traces/" + traceId)
            .field("executionId", invocationId)
            .field("functionName", function)
            .threshold(threshold)
            .build();
    return new DistinctLog(json);
  }

  /** Renames a function's fields that would repeat a key every line has. */
  private static final class DistinctLog implements Log {
    private final Log json;

    DistinctLog(Log json) {
      this.json = json;
    }

    @Override
    public void log(Log.Level level, String message, Map<String, ?> fields, Throwable error) {
      json.log(level, message, distinct(fields), error);
    }
  }

  /**
   * Keys every line already has; a function's field of the same name is written as {@code
   * field.<name>}.
   */
  private static final java.util.Set<String> RESERVED =
      java.util.Set.of(
          "time",
          "severity",
          "message",
          "logging.googleapis.com/trace",
          "executionId",
          "functionName",
          "error",
          "stack_trace");

  private static Map<String, ?> distinct(Map<String, ?> fields) {
    if (fields == null || !reserves(fields)) {
      return fields;
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      String k = e.getKey();
      out.put(RESERVED.contains(k) ? "field." + k : k, e.getValue());
    }
    return out;
  }

  private static boolean reserves(Map<String, ?> fields) {
    for (String k : fields.keySet()) {
      if (RESERVED.contains(k)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Contexts for one invocation; they keep {@code natives}, which the caller must not change (a
   * varargs call passes a fresh array).
   */
  public Dispatcher.Contexts contexts(String invocationId, String traceId, Object... natives) {
    return new Invocation(requireNonNull(invocationId, "invocationId == null"), traceId, natives);
  }

  /**
   * The invocation of an HTTP request, whose id and trace id are read from these header values
   * (each may be null) only when something asks for them: most requests never log a line.
   *
   * @param executionId the {@code Function-Execution-Id} header; a fresh id when it is not sane
   */
  public Invocation httpInvocation(
      String executionId, String traceparent, String cloudTrace, Object... natives) {
    return new Invocation(executionId, traceparent, cloudTrace, natives);
  }

  /**
   * One invocation: its id, its trace id, and the contexts of each function it reaches, which share
   * them. Safe to use from many threads; the id, once read, never changes.
   */
  public final class Invocation implements Dispatcher.Contexts {
    private final Object[] natives;

    /** The id, or null until read when it was not given. */
    private volatile String invocationId;

    /** The header the id comes from when not given. */
    private final String executionId;

    /** The trace id once read; null is not read, or none when {@link #traced} is set. */
    private volatile String traceId;

    private volatile boolean traced;
    private final String traceparent;
    private final String cloudTrace;

    Invocation(String invocationId, String traceId, Object[] natives) {
      this.invocationId = invocationId;
      this.executionId = null;
      this.traceId = traceId;
      this.traced = true;
      this.traceparent = null;
      this.cloudTrace = null;
      this.natives = natives;
    }

    Invocation(String executionId, String traceparent, String cloudTrace, Object[] natives) {
      this.executionId = executionId;
      this.traceparent = traceparent;
      this.cloudTrace = cloudTrace;
      this.natives = natives;
    }

    /** The platform's execution id when it sent a sane one, else a fresh id made on first use. */
    public String invocationId() {
      String id = invocationId;
      if (id == null) {
        synchronized (this) {
          id = invocationId;
          if (id == null) {
            id = HttpAdapter.invocationId(executionId);
            invocationId = id;
          }
        }
      }
      return id;
    }

    /** The trace id from {@code traceparent}, else {@code X-Cloud-Trace-Context}; or null. */
    public String traceId() {
      if (!traced) {
        synchronized (this) {
          if (!traced) {
            traceId = Trace.of(traceparent, cloudTrace).orElse(null);
            traced = true;
          }
        }
      }
      return traceId;
    }

    @Override
    public GcpContext create(FunctionDescriptor function) {
      return new GcpContext(GcpRuntime.this, this, function.name(), natives);
    }
  }

  /**
   * Delivers a Pub/Sub message: to the queue function claiming its topic, else the one claiming its
   * subscription, else to the schedule that declares the topic as its source or is named like it (a
   * Cloud Scheduler job with a Pub/Sub target). When nothing claims it, {@link NoFunctionException}
   * says so.
   */
  public void pubsub(PubSubMessage message, Dispatcher.Contexts contexts) {
    Router router = dispatcher.router();
    for (String source : new String[] {message.topic(), message.subscription()}) {
      if (source != null && claimsQueue(router, source)) {
        dispatcher.queue(message.toMessage(source), contexts);
        return;
      }
    }
    for (String source : new String[] {message.topic(), message.subscription()}) {
      if (source != null) {
        Optional<FunctionDescriptor> schedule = schedule(router, source);
        if (schedule.isPresent()) {
          Instant at = message.publishTime() != null ? message.publishTime() : clock.instant();
          dispatcher.schedule(
              schedule.get(),
              Tick.of(schedule.get().name(), at, at, false, message.raw()),
              contexts);
          return;
        }
      }
    }
    Message unclaimed =
        message.toMessage(message.preferredSource().orElse("(no topic or subscription)"));
    dispatcher.queue(unclaimed, contexts);
  }

  private static boolean claimsQueue(Router router, String source) {
    if (!router.declares(dev.tern.spi.TriggerKind.QUEUE)) {
      return false;
    }
    try {
      router.forQueue(source);
      return true;
    } catch (NoFunctionException e) {
      return false;
    }
  }

  private static Optional<FunctionDescriptor> schedule(Router router, String source) {
    if (!router.declares(dev.tern.spi.TriggerKind.SCHEDULE)) {
      return Optional.empty();
    }
    try {
      return Optional.of(router.forScheduleSource(source));
    } catch (NoFunctionException e) {
      return Optional.empty();
    }
  }

  /** Delivers a normalized event; throws what the dispatcher throws when the function fails. */
  public void deliver(Neutral event, Dispatcher.Contexts contexts) {
    if (event instanceof Neutral.PubSub) {
      pubsub(((Neutral.PubSub) event).message(), contexts);
    } else if (event instanceof Neutral.Storage) {
      dispatcher.storage(((Neutral.Storage) event).event(), contexts);
    } else {
      AuthEvent auth = ((Neutral.Auth) event).event();
      AuthDecision decision = dispatcher.auth(auth, contexts);
      // Firebase Auth only tells; nothing a decision asks for has anywhere to go.
      DecisionParts.warnUnapplied(
          contexts.create(dispatcher.router().forAuth(auth.moment())),
          "Firebase Auth "
              + (auth.moment() == AuthMoment.AFTER_SIGN_UP
                  ? Events.AUTH_CREATED
                  : Events.AUTH_DELETED),
          decision,
          Set.of());
    }
  }

  /** Writes an adapter-level line (no function involved): never headers, cookies or bodies. */
  public void note(
      Log.Level level, String invocationId, String traceId, String message, Map<String, ?> fields) {
    log(invocationId, traceId, null).log(level, message, fields, null);
  }
}
