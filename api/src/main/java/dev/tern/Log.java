package dev.tern;

import java.util.Map;

/**
 * A structured logger whose lines carry the invocation id and land where the cloud expects them:
 * JSON lines that CloudWatch, Cloud Logging and Application Insights parse.
 *
 * <pre>{@code
 * context.log().info("order accepted", Map.of("orderId", order.id(), "items", order.size()));
 * }</pre>
 *
 * <p>Tern itself never logs request headers, cookies or bodies; what a function passes here is its
 * own choice.
 *
 * @since 0.1
 */
public interface Log {
  /** Severity, in increasing order. */
  enum Level {
    DEBUG,
    INFO,
    WARN,
    ERROR
  }

  /**
   * Writes one entry. {@code fields} values are rendered as JSON strings, numbers or booleans;
   * {@code error} may be null.
   */
  void log(Level level, String message, Map<String, ?> fields, Throwable error);

  default void debug(String message) {
    log(Level.DEBUG, message, Map.of(), null);
  }

  default void info(String message) {
    log(Level.INFO, message, Map.of(), null);
  }

  default void info(String message, Map<String, ?> fields) {
    log(Level.INFO, message, fields, null);
  }

  default void warn(String message) {
    log(Level.WARN, message, Map.of(), null);
  }

  default void warn(String message, Map<String, ?> fields) {
    log(Level.WARN, message, fields, null);
  }

  default void error(String message, Throwable error) {
    log(Level.ERROR, message, Map.of(), error);
  }
}
