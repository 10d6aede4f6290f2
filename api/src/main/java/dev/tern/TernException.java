package dev.tern;

/**
 * The root of every exception Tern throws. It is unchecked: a function never has to declare it, and
 * an adapter that catches it knows the failure came from Tern rather than from the function.
 *
 * <p>Messages name what was wrong and where, quoting the offending value: for example {@code aws:
 * SQS record 3 has no "messageId"}.
 *
 * @since 0.1
 */
public class TernException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TernException(String message) {
    super(message);
  }

  public TernException(String message, Throwable cause) {
    super(message, cause);
  }
}
