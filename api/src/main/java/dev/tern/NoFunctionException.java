package dev.tern;

/**
 * An event that no declared function claims: a message from a queue nobody listens to, a schedule
 * with an unknown name. Tern never routes such an event somewhere else; the message lists what was
 * declared so the mismatch is visible. (An HTTP request with no route is an ordinary 404, not this
 * exception.)
 *
 * @since 0.1
 */
public class NoFunctionException extends TernException {
  private static final long serialVersionUID = 1L;

  public NoFunctionException(String message) {
    super(message);
  }
}
