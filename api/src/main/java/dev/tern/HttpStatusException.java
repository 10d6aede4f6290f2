package dev.tern;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP function's answer thrown rather than returned: a client error (4xx) or a server error
 * (5xx) raised from any depth of the code below {@link HttpFunction#handle}, without passing an
 * {@link HttpResponse} back up.
 *
 * <pre>{@code
 * Order order = book.get(id).orElseThrow(() -> new HttpStatusException(404, "no order " + id));
 * }</pre>
 *
 * <p>On every cloud the client gets {@link #response()}: here {@code 404} with the UTF-8 {@code
 * text/plain} body {@code no order o-9}. A 4xx is the function's answer, not its failure: it is
 * logged at {@code INFO} with the status and message, without a stack trace. A 5xx is a failure and
 * logged as one, at {@code ERROR} with the stack trace, though the client gets this response rather
 * than the generic 500. For any other body, such as an RFC 9457 {@code application/problem+json}
 * document, throw {@link #HttpStatusException(HttpResponse, String)}.
 *
 * <p>Only HTTP functions answer it. A queue, storage, schedule or auth function that throws it
 * fails as with any exception: the message is retried or dead-lettered, and a blocking auth moment
 * denies.
 *
 * <p>It is not a {@link TernException}: Tern never throws it, the function does.
 *
 * @since 0.1
 */
public class HttpStatusException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * Not serialized ({@link HttpResponse} is not): the answer only matters where it was thrown. A
   * deserialized copy answers its status without a body.
   */
  private final transient HttpResponse response;

  /**
   * Answers {@code status} with {@code message} as its UTF-8 {@code text/plain} body. The client
   * reads the message, so it says what the client did wrong, never a secret or a stack trace.
   *
   * @throws InvalidValueException if {@code status} is outside 400–599
   */
  public HttpStatusException(int status, String message) {
    this(status, message, null);
  }

  /**
   * As {@link #HttpStatusException(int, String)}, keeping the exception that led to it as the cause
   * (logged for a 5xx, never sent).
   *
   * @throws InvalidValueException if {@code status} is outside 400–599
   */
  public HttpStatusException(int status, String message, Throwable cause) {
    super(requireNonNull(message, "message == null"), cause);
    this.status = checkStatus(status);
    this.response = HttpResponse.text(message).withStatus(status);
  }

  /**
   * Answers exactly {@code response}: its status, headers, cookies and body. {@code message} is for
   * the log only, the client never sees it.
   *
   * @throws InvalidValueException if the response's status is outside 400–599
   */
  public HttpStatusException(HttpResponse response, String message) {
    super(requireNonNull(message, "message == null"));
    this.status = checkStatus(requireNonNull(response, "response == null").status());
    this.response = response;
  }

  /** The status the client gets, 400–599. */
  public final int status() {
    return status;
  }

  /** What the client gets. */
  public final HttpResponse response() {
    return response != null ? response : HttpResponse.status(status);
  }

  private static int checkStatus(int status) {
    if (status < 400 || status > 599) {
      throw new InvalidValueException(
          "HTTP status "
              + status
              + " is outside 400-599: an HttpStatusException answers an error; return an"
              + " HttpResponse for any other status");
    }
    return status;
  }
}
