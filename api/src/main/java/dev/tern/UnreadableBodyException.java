package dev.tern;

/**
 * A {@link Body} that cannot be read as asked: not JSON of the requested shape ({@link
 * Body#as(Class)}), or text in a charset this JVM lacks ({@link Body#text()}). It knows which body
 * it is about, so that an HTTP function that lets it escape answers 400 only when the body is the
 * request's own; a body the function fetched elsewhere (a downstream service's answer) makes it a
 * 500 like any other failure.
 *
 * @since 0.1
 */
public class UnreadableBodyException extends UndecodablePayloadException {
  private static final long serialVersionUID = 1L;

  /** Not serialized: identity only matters in the process that read the body. */
  private final transient Body body;

  public UnreadableBodyException(Body body, String message, Throwable cause) {
    super(message, cause);
    this.body = body;
  }

  /** Whether this is about {@code other}, the same body instance. */
  public boolean isAbout(Body other) {
    return body != null && body == other;
  }
}
