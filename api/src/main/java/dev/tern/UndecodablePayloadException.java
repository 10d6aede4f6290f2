package dev.tern;

/**
 * A native payload that cannot be read: not JSON, truncated, a required field missing or of the
 * wrong type, invalid base64. The message names the cloud, the source that was recognized and the
 * field that was missing or wrong.
 *
 * @since 0.1
 */
public class UndecodablePayloadException extends TernException {
  private static final long serialVersionUID = 1L;

  public UndecodablePayloadException(String message) {
    super(message);
  }

  public UndecodablePayloadException(String message, Throwable cause) {
    super(message, cause);
  }
}
