package dev.tern;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP response: an immutable value built from static factories and refined with {@code with…}
 * methods, each returning a new response.
 *
 * <pre>{@code
 * return HttpResponse.json(order).withStatus(201).withHeader("Location", "/orders/" + order.id());
 * return HttpResponse.text("no such order").withStatus(404);
 * return HttpResponse.noContent().withCookie(SetCookie.of("session", "").withMaxAge(Duration.ZERO));
 * }</pre>
 *
 * <p>The body's content type, when it has one, is the {@code Content-Type} header unless a header
 * of that name was set explicitly.
 *
 * @since 0.1
 */
public final class HttpResponse {
  private final int status;
  private final Headers headers;
  private final List<SetCookie> cookies;
  private final Body body;

  private HttpResponse(int status, Headers headers, List<SetCookie> cookies, Body body) {
    this.status = status;
    this.headers = headers;
    this.cookies = cookies;
    this.body = body;
  }

  /** {@code status} with no body. */
  public static HttpResponse status(int status) {
    return new HttpResponse(checkStatus(status), Headers.of(), List.of(), Body.empty());
  }

  /** 200 with no body. */
  public static HttpResponse ok() {
    return status(200);
  }

  /** 204 No Content. */
  public static HttpResponse noContent() {
    return status(204);
  }

  /** 404 with a short plain-text body. */
  public static HttpResponse notFound() {
    return text("Not Found").withStatus(404);
  }

  /** 200 with {@code text} as UTF-8 {@code text/plain}. */
  public static HttpResponse text(String text) {
    return new HttpResponse(200, Headers.of(), List.of(), Body.ofText(text));
  }

  /** 200 with {@code value} encoded as JSON ({@code application/json}). */
  public static HttpResponse json(Object value) {
    return new HttpResponse(200, Headers.of(), List.of(), Body.ofJson(value));
  }

  /** 200 with binary content: {@code HttpResponse.bytes(png, "image/png")}. */
  public static HttpResponse bytes(byte[] bytes, String contentType) {
    return new HttpResponse(
        200,
        Headers.of(),
        List.of(),
        Body.of(bytes, requireNonNull(contentType, "contentType == null")));
  }

  public int status() {
    return status;
  }

  /** The headers, without {@code Set-Cookie} (see {@link #cookies()}). */
  public Headers headers() {
    return headers;
  }

  public Optional<String> header(String name) {
    return headers.first(name);
  }

  public List<SetCookie> cookies() {
    return cookies;
  }

  public Body body() {
    return body;
  }

  /** The effective content type: the header when set, else the body's. */
  public Optional<String> contentType() {
    Optional<String> header = headers.first("Content-Type");
    return header.isPresent() ? header : body.contentType();
  }

  /**
   * The headers to send: {@link #headers()} plus {@code Content-Type} from the body when no header
   * set it. {@code Set-Cookie} values come from {@link #cookies()}, each rendered separately.
   */
  public Headers effectiveHeaders() {
    Optional<String> bodyType = body.contentType();
    if (bodyType.isEmpty() || headers.contains("Content-Type")) {
      return headers;
    }
    return headers.withAbsent("Content-Type", bodyType.get());
  }

  public HttpResponse withStatus(int status) {
    return new HttpResponse(checkStatus(status), headers, cookies, body);
  }

  /** Sets {@code name} to exactly {@code value}. Use {@link #withCookie} for cookies. */
  public HttpResponse withHeader(String name, String value) {
    return new HttpResponse(status, headers.with(checkNotSetCookie(name), value), cookies, body);
  }

  /** Adds another value for {@code name}. */
  public HttpResponse plusHeader(String name, String value) {
    return new HttpResponse(status, headers.plus(checkNotSetCookie(name), value), cookies, body);
  }

  public HttpResponse withCookie(SetCookie cookie) {
    requireNonNull(cookie, "cookie == null");
    List<SetCookie> list = new ArrayList<>(cookies);
    list.add(cookie);
    return new HttpResponse(status, headers, List.copyOf(list), body);
  }

  public HttpResponse withBody(Body body) {
    return new HttpResponse(status, headers, cookies, requireNonNull(body, "body == null"));
  }

  public HttpResponse withText(String text) {
    return withBody(Body.ofText(text));
  }

  public HttpResponse withJson(Object value) {
    return withBody(Body.ofJson(value));
  }

  @Override
  public String toString() {
    return "HttpResponse[" + status + ", " + headers + ", " + body + "]";
  }

  private static int checkStatus(int status) {
    if (status < 100 || status > 599) {
      throw new InvalidValueException("HTTP status " + status + " is outside 100-599");
    }
    return status;
  }

  private static String checkNotSetCookie(String name) {
    if ("set-cookie".equalsIgnoreCase(requireNonNull(name, "name == null"))) {
      throw new InvalidValueException("set cookies with withCookie(SetCookie), not as a header");
    }
    return name;
  }
}
