package dev.tern;

/**
 * A native payload that is well formed but not one Tern maps: an SQS batch arrived where only HTTP
 * functions are declared, a Kinesis record, a CloudEvent type with no neutral counterpart. The
 * message names the cloud and what was recognized.
 *
 * @since 0.1
 */
public class UnsupportedEventException extends TernException {
  private static final long serialVersionUID = 1L;

  public UnsupportedEventException(String message) {
    super(message);
  }
}
