package dev.tern;

/**
 * A value handed to Tern is not acceptable: an HTTP status outside 100–599, a header name or value
 * with CR or LF, a route template or cron expression that does not parse.
 *
 * @since 0.1
 */
public class InvalidValueException extends TernException {
  private static final long serialVersionUID = 1L;

  public InvalidValueException(String message) {
    super(message);
  }

  public InvalidValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
