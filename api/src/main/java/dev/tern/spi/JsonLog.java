package dev.tern.spi;

import static java.util.Objects.requireNonNull;

import dev.tern.Log;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@link Log} that writes one JSON object per line, the form CloudWatch, Cloud Logging and
 * Application Insights parse into fields. Adapters choose the key names their platform expects:
 *
 * <pre>{@code
 * JsonLog.builder(System.out::println)
 *     .levelKey("severity")                       // Cloud Logging
 *     .field("logging.googleapis.com/trace", trace)
 *     .build();
 * }</pre>
 *
 * <p>It writes only what it is given: Tern passes no headers, cookies or bodies to it.
 *
 * @since 0.1
 */
public final class JsonLog implements Log {
  /** The setting every adapter reads for the lowest level logged. */
  public static final String LEVEL_SETTING = "TERN_LOG_LEVEL";

  private final Consumer<String> sink;
  private final Clock clock;
  private final String levelKey;
  private final String messageKey;
  private final String timeKey;
  private final String stackTraceKey;
  private final Map<String, Object> fields;
  private final Log.Level threshold;

  private JsonLog(Builder b) {
    this.sink = b.sink;
    this.clock = b.clock;
    this.levelKey = b.levelKey;
    this.messageKey = b.messageKey;
    this.timeKey = b.timeKey;
    this.stackTraceKey = b.stackTraceKey;
    this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
    this.threshold = b.threshold;
  }

  /** A log writing each line to {@code sink}. */
  public static Builder builder(Consumer<String> sink) {
    return new Builder(sink);
  }

  /**
   * The lowest level to log, from {@value #LEVEL_SETTING}: {@code DEBUG}, {@code INFO}, {@code
   * WARN} (or {@code WARNING}, Cloud Logging's name) or {@code ERROR}, in any case. Unset, or any
   * other value, is {@code INFO}, the same on every cloud: a mistyped level must not stop a
   * function.
   */
  public static Log.Level threshold(Settings settings) {
    String value = settings.get(LEVEL_SETTING).orElse("").trim().toUpperCase(java.util.Locale.ROOT);
    switch (value) {
      case "DEBUG":
        return Log.Level.DEBUG;
      case "WARN":
      case "WARNING":
        return Log.Level.WARN;
      case "ERROR":
        return Log.Level.ERROR;
      default:
        return Log.Level.INFO;
    }
  }

  @Override
  public void log(Log.Level level, String message, Map<String, ?> extra, Throwable error) {
    requireNonNull(level, "level == null");
    if (level.compareTo(threshold) < 0) {
      return;
    }
    StringBuilder out = new StringBuilder(128).append('{');
    // A field may not overwrite a key already written (a user's "level" must not spoof the
    // severity, and duplicate keys make strict parsers refuse the line): it is renamed field.<key>.
    java.util.Set<String> written = new java.util.HashSet<>();
    if (timeKey != null) {
      append(out, written, timeKey, clock.instant().toString());
    }
    append(out, written, levelKey, level.name());
    append(out, written, messageKey, message == null ? "" : message);
    if (error != null) {
      written.add("error");
      written.add(stackTraceKey);
    }
    fields.forEach((k, v) -> append(out, written, k, v));
    if (extra != null) {
      extra.forEach((k, v) -> append(out, written, k, v));
    }
    if (error != null) {
      appendPair(out, "error", error.getClass().getName());
      appendPair(out, stackTraceKey, stackTrace(error));
    }
    sink.accept(out.append('}').toString());
  }

  /** Frames written per exception; the rest are counted, since the top frames say where. */
  static final int FRAMES = 24;

  /**
   * The exception and its causes with their first {@value #FRAMES} frames each: bounded, so a deep
   * stack (a framework's, a test runner's) neither floods the log nor costs a retry loop most of
   * its time.
   */
  static String stackTrace(Throwable error) {
    StringBuilder out = new StringBuilder(1024);
    java.util.Set<Throwable> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t) && seen.size() <= 8; t = t.getCause()) {
      out.append(t == error ? "" : "Caused by: ").append(t).append('\n');
      StackTraceElement[] frames = t.getStackTrace();
      int shown = Math.min(frames.length, FRAMES);
      for (int i = 0; i < shown; i++) {
        out.append("\tat ").append(frames[i]).append('\n');
      }
      if (frames.length > shown) {
        out.append("\t... ").append(frames.length - shown).append(" more\n");
      }
    }
    return out.toString();
  }

  private static void append(
      StringBuilder out, java.util.Set<String> written, String key, Object value) {
    String name = key;
    while (!written.add(name)) {
      name = "field." + name;
    }
    appendPair(out, name, value);
  }

  private static void appendPair(StringBuilder out, String key, Object value) {
    if (out.length() > 1) {
      out.append(',');
    }
    appendString(out, key);
    out.append(':');
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean
        || value instanceof Number && isJsonNumber((Number) value)) {
      out.append(value);
    } else {
      appendString(out, value.toString());
    }
  }

  /** Whether a number's {@code toString} is a JSON number; NaN and the infinities are not. */
  private static boolean isJsonNumber(Number value) {
    if (value instanceof Double || value instanceof Float) {
      return Double.isFinite(value.doubleValue());
    }
    return value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof java.math.BigInteger
        || value instanceof java.math.BigDecimal
        || value instanceof java.util.concurrent.atomic.AtomicInteger
        || value instanceof java.util.concurrent.atomic.AtomicLong;
  }

  /**
   * Appends {@code text} as a JSON string literal. Runs of characters that need no escape are
   * copied in one call each, so a long stack trace costs little more than its length.
   */
  public static void appendString(StringBuilder out, String text) {
    out.append('"');
    int pending = 0;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x2028 && c != 0x2029) {
        continue;
      }
      out.append(text, pending, i);
      pending = i + 1;
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          out.append("\\u")
              .append(Character.forDigit(c >> 12, 16))
              .append(Character.forDigit(c >> 8 & 0xf, 16))
              .append(Character.forDigit(c >> 4 & 0xf, 16))
              .append(Character.forDigit(c & 0xf, 16));
      }
    }
    out.append(text, pending, length).append('"');
  }

  public static final class Builder {
    private final Consumer<String> sink;
    private Clock clock = Clock.systemUTC();
    private String levelKey = "level";
    private String messageKey = "message";
    private String timeKey = "timestamp";
    private String stackTraceKey = "stackTrace";
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private Log.Level threshold = Log.Level.INFO;

    private Builder(Consumer<String> sink) {
      this.sink = requireNonNull(sink, "sink == null");
    }

    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock == null");
      return this;
    }

    public Builder levelKey(String levelKey) {
      this.levelKey = requireNonNull(levelKey, "levelKey == null");
      return this;
    }

    public Builder messageKey(String messageKey) {
      this.messageKey = requireNonNull(messageKey, "messageKey == null");
      return this;
    }

    /** The key of the timestamp; null leaves the time out (when the platform adds its own). */
    public Builder timeKey(String timeKey) {
      this.timeKey = timeKey;
      return this;
    }

    /**
     * The key of an exception's stack trace, {@code stackTrace} by default; Cloud Error Reporting
     * reads {@code stack_trace}.
     */
    public Builder stackTraceKey(String stackTraceKey) {
      this.stackTraceKey = requireNonNull(stackTraceKey, "stackTraceKey == null");
      return this;
    }

    /** A field written on every line, such as the request id; null values are skipped. */
    public Builder field(String key, Object value) {
      if (value != null) {
        fields.put(requireNonNull(key, "key == null"), value);
      }
      return this;
    }

    /** The lowest level written; {@code INFO} by default, {@code TERN_LOG_LEVEL} in adapters. */
    public Builder threshold(Log.Level threshold) {
      this.threshold = requireNonNull(threshold, "threshold == null");
      return this;
    }

    public JsonLog build() {
      return new JsonLog(this);
    }
  }
}
