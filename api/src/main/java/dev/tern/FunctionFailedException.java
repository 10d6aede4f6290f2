package dev.tern;

/**
 * A function threw. Tern wraps the function's exception in this one so an adapter can tell a
 * failing function from a failing payload, and hands it to the platform as the failure signal
 * (retry, dead letter). The cause is the function's own exception.
 *
 * @since 0.1
 */
public class FunctionFailedException extends TernException {
  private static final long serialVersionUID = 1L;

  public FunctionFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  public FunctionFailedException(String message) {
    super(message);
  }
}
