package dev.tern;

/**
 * A value handed to Tern is not acceptable: an HTTP status outside 100–599, a header name or value
 * with CR or LF, a route template or cron expression that does not parse.
 *
 * <p>When it comes from reading {@linkplain Headers#deferred deferred} headers, it knows which, so
 * that an HTTP function that lets it escape answers 400 only when they are the request's own.
 *
 * @since 0.1
 */
public class InvalidValueException extends TernException {
  private static final long serialVersionUID = 1L;

  /** The deferred headers whose reading failed with this; not serialized, as identity is local. */
  private transient Headers headers;

  public InvalidValueException(String message) {
    super(message);
  }

  public InvalidValueException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether this was thrown reading {@code headers}, the same instance of {@linkplain
   * Headers#deferred deferred} headers.
   */
  public boolean isAbout(Headers headers) {
    return this.headers != null && this.headers == headers;
  }

  /** Marks this as thrown reading {@code headers}. */
  InvalidValueException about(Headers headers) {
    this.headers = headers;
    return this;
  }

  /**
   * What to throw when copying {@code map} failed with {@code cause}: the error naming its null key
   * or the key of its null value ({@code attributes: null value for key "x"}), or {@code cause}
   * itself when the map holds no null and threw for another reason. The value types copy maps with
   * {@link java.util.Map#copyOf}, which checks every entry as it copies, and look for the culprit
   * only when it failed.
   */
  static RuntimeException nullIn(String what, java.util.Map<?, ?> map, NullPointerException cause) {
    for (java.util.Map.Entry<?, ?> entry : map.entrySet()) {
      if (entry.getKey() == null) {
        return new InvalidValueException(what + ": null key", cause);
      }
      if (entry.getValue() == null) {
        return new InvalidValueException(
            what + ": null value for key \"" + entry.getKey() + "\"", cause);
      }
    }
    return cause;
  }
}
