package dev.tern.azure.internal;

import static java.util.Objects.requireNonNull;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.TraceContext;
import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.Log;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.JsonLog;
import dev.tern.spi.Settings;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The {@link Context} of one Azure invocation: the worker's invocation id, the W3C trace id from
 * {@code traceparent}, and a log that writes JSON lines through the worker's logger, so they reach
 * Application Insights with the invocation attached.
 */
public final class AzureContext implements Context {

  /** Marks a context without a trace id: compared by identity, so no real value can be it. */
  private static final String NONE = new String("none");

  private final ExecutionContext execution;
  private final String function;
  private final String invocationId;

  /**
   * The trace id, read from the worker's context the first time something asks: most invocations
   * never do. Null until then; {@link #NONE} when there is none. Left at its default rather than
   * set to a marker, so that making a context costs no volatile write.
   */
  private volatile String traceId;

  private final Settings settings;
  private final Log.Level threshold;

  /**
   * Built on first use, as most invocations write no line. Threads that race here build equal logs,
   * each safely published by its final fields.
   */
  private Log log;

  public AzureContext(
      ExecutionContext context,
      FunctionDescriptor function,
      Settings settings,
      Log.Level threshold) {
    this.execution = requireNonNull(context, "context == null");
    this.function = function.name();
    this.settings = settings;
    this.threshold = threshold;
    String id = context.getInvocationId();
    this.invocationId = id == null || id.isEmpty() ? "unknown" : id;
  }

  private String trace() {
    String id = traceId;
    if (id == null) {
      id = traceId(execution);
      if (id == null) {
        id = NONE;
      }
      traceId = id;
    }
    return id == NONE ? null : id;
  }

  /** The 32-hex trace id of a {@code 00-<trace>-<span>-<flags>} traceparent, if well formed. */
  static String traceId(ExecutionContext context) {
    TraceContext trace;
    try {
      trace = context.getTraceContext();
    } catch (RuntimeException e) {
      return null; // a context implementation without trace support
    }
    String parent = trace == null ? null : trace.getTraceparent();
    if (parent == null) {
      return null;
    }
    String text = parent.trim();
    int first = text.indexOf('-');
    int second = first < 0 ? -1 : text.indexOf('-', first + 1);
    int third = second < 0 ? -1 : text.indexOf('-', second + 1);
    if (third < 0
        || second - first != 33
        || !hasFieldAfter(text, third)
        || !isTraceId(text, first + 1)) {
      return null;
    }
    return text.substring(first + 1, second);
  }

  /** Whether a non-empty field follows the dash at {@code dash}. */
  private static boolean hasFieldAfter(String text, int dash) {
    for (int i = dash + 1; i < text.length(); i++) {
      if (text.charAt(i) != '-') {
        return true;
      }
    }
    return false;
  }

  /** Whether the 32 characters from {@code from} are lower-case hex digits, not all zero. */
  private static boolean isTraceId(String text, int from) {
    boolean zero = true;
    for (int i = from; i < from + 32; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
      zero &= c == '0';
    }
    return !zero;
  }

  @Override
  public String invocationId() {
    return invocationId;
  }

  @Override
  public String functionName() {
    return function;
  }

  @Override
  public Cloud cloud() {
    return Cloud.AZURE;
  }

  @Override
  public Optional<Instant> deadline() {
    return Optional.empty();
  }

  @Override
  public Optional<String> traceId() {
    return Optional.ofNullable(trace());
  }

  @Override
  public Log log() {
    Log built = log;
    if (built == null) {
      Logger logger = execution.getLogger();
      if (logger == null) {
        // Looked up here rather than held by the class: making a context then sets up nothing.
        logger = Logger.getLogger("dev.tern.azure");
      }
      built = new WorkerLog(logger, invocationId, function, trace(), threshold);
      log = built;
    }
    return built;
  }

  @Override
  public Optional<String> setting(String name) {
    return settings.get(requireNonNull(name, "name == null"));
  }

  @Override
  public <T> Optional<T> unwrap(Class<T> type) {
    requireNonNull(type, "type == null");
    return type.isInstance(execution) ? Optional.of(type.cast(execution)) : Optional.empty();
  }

  /** JSON lines through the worker's {@link Logger}, at the matching level. */
  static final class WorkerLog implements Log {
    private final JsonLog json;
    private final ThreadLocal<Log.Level> level = new ThreadLocal<>();

    WorkerLog(
        Logger logger, String invocationId, String function, String traceId, Log.Level threshold) {
      this.json =
          JsonLog.builder(new Sink(logger, level))
              .timeKey(null)
              .field("invocationId", invocationId)
              .field("functionName", function)
              .field("traceId", traceId)
              .threshold(threshold)
              .build();
    }

    @Override
    public void log(Log.Level level, String message, Map<String, ?> fields, Throwable error) {
      requireNonNull(level, "level == null");
      this.level.set(level);
      try {
        json.log(level, message, fields, error);
      } finally {
        this.level.remove();
      }
    }

    /** Writes each line at the level of the call that made it. */
    private static final class Sink implements Consumer<String> {
      private final Logger logger;
      private final ThreadLocal<Log.Level> level;

      Sink(Logger logger, ThreadLocal<Log.Level> level) {
        this.logger = logger;
        this.level = level;
      }

      @Override
      public void accept(String line) {
        Log.Level current = level.get();
        logger.log(current == null ? java.util.logging.Level.INFO : jul(current), line);
      }
    }

    private static java.util.logging.Level jul(Log.Level level) {
      switch (level) {
        case DEBUG:
          return java.util.logging.Level.FINE;
        case WARN:
          return java.util.logging.Level.WARNING;
        case ERROR:
          return java.util.logging.Level.SEVERE;
        default:
          return java.util.logging.Level.INFO;
      }
    }
  }
}
