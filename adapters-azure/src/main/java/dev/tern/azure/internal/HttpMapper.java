package dev.tern.azure.internal;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import dev.tern.Body;
import dev.tern.Headers;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.Query;
import dev.tern.UndecodablePayloadException;
import dev.tern.spi.ForwardedFor;
import dev.tern.spi.HeaderNames;
import dev.tern.spi.RouteTemplate;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Maps the worker's {@link HttpRequestMessage} to an {@link HttpRequest} and an {@link
 * HttpResponse} back to the worker's response builder.
 *
 * <p>What the worker hands over (https://github.com/Azure/azure-functions-host, {@code
 * GrpcMessageConversionExtensions.ToRpcHttp}): the full URL with the raw query, header names in
 * lower case with repeated headers comma-joined, a query map whose repeated keys are comma-joined
 * and whose empty values are dropped (so Tern rebuilds the query from the URL), and the body as a
 * string unless the content type is {@code application/octet-stream} or {@code multipart/*}.
 */
public final class HttpMapper {
  /** The header App Service Authentication sets with the signed-in user, base64 JSON. */
  public static final String PRINCIPAL = "X-MS-CLIENT-PRINCIPAL";

  /** {@link #status} by code, for the codes an {@link HttpResponse} allows. */
  private static final HttpStatusType[] STATUSES = new HttpStatusType[600];

  private HttpMapper() {}

  /**
   * Builds the neutral request.
   *
   * @param routePrefix the host's {@code extensions.http.routePrefix} ({@code api} by default) as
   *     {@link #routePrefix} gives it, removed from the path so routes match as declared
   * @param trustPrincipal whether {@value #PRINCIPAL} comes from App Service Authentication, which
   *     removes any such header the client sent; only then does it become the caller
   */
  public static HttpRequest request(
      HttpRequestMessage<?> message, String routePrefix, boolean trustPrincipal) {
    if (message == null) {
      throw new UndecodablePayloadException("azure: the HTTP trigger delivered no request");
    }
    HttpMethod method = message.getHttpMethod();
    URI uri = message.getUri();
    if (method == null || uri == null) {
      throw new UndecodablePayloadException(
          "azure: HTTP request has no " + (method == null ? "method" : "URL"));
    }
    String rawPath = uri.getRawPath();
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    path = stripPrefix(path, routePrefix);
    HttpRequest.Builder builder = HttpRequest.builder(method.name(), path);
    String rawQuery = uri.getRawQuery();
    builder.query(rawQuery == null ? Query.of() : Query.parse(rawQuery));
    // The worker's headers are copied the first time something reads them, as most functions never
    // do. The first value of each header the request is built from is noted now, as Headers.first
    // would find it, and checked where it is used: the content type by Body, the client address
    // by ForwardedFor, the principal by its decoding.
    String contentType = null;
    String forwardedFor = null;
    String principal = null;
    boolean cookie = false;
    Map<String, String> map = message.getHeaders();
    if (map != null) {
      for (Map.Entry<String, String> e : map.entrySet()) {
        String name = e.getKey();
        String value = e.getValue();
        if (name == null || value == null) {
          continue;
        }
        // Names of another length cannot be equal ignoring case, so most names are compared with
        // none of these.
        int length = name.length();
        if (length == 6) {
          cookie |= HeaderNames.same(name, "Cookie");
        } else if (length == 12) {
          if (contentType == null && HeaderNames.same(name, "Content-Type")) {
            contentType = value;
          }
        } else if (length == 15) {
          if (forwardedFor == null && HeaderNames.same(name, "X-Forwarded-For")) {
            forwardedFor = value;
          }
        } else if (length == PRINCIPAL.length()) {
          if (principal == null && HeaderNames.same(name, PRINCIPAL)) {
            principal = value;
          }
        }
      }
    }
    builder.headers(map == null ? Headers.of() : Headers.deferred(new Copy(map)));
    builder.body(body(message.getBody(), contentType));
    if (!cookie) {
      builder.cookies(List.of()); // no Cookie header to look for again
    }
    if (forwardedFor != null) {
      builder.deferredSourceIp(ForwardedFor.deferredLastAddress(forwardedFor));
    }
    if (trustPrincipal && principal != null) {
      builder.caller(AppServicePrincipal.read(principal));
    }
    builder.raw(message);
    return builder.build();
  }

  /**
   * The host's {@code extensions.http.routePrefix} as {@link #request} takes it: without white
   * space or slashes around it, empty for none. Done once, not per request.
   */
  public static String routePrefix(String setting) {
    String p = setting == null ? "" : setting.trim();
    int from = 0;
    int to = p.length();
    while (from < to && p.charAt(from) == '/') {
      from++;
    }
    while (to > from && p.charAt(to - 1) == '/') {
      to--;
    }
    return p.substring(from, to);
  }

  /**
   * Removes {@code /prefix} from the start of {@code path} when it is a whole segment, in any case,
   * as the host's routing matches it (ASP.NET Core routes ignore case); {@code prefix} is as {@link
   * #routePrefix} gives it.
   */
  static String stripPrefix(String path, String prefix) {
    return RouteTemplate.withoutFirstSegment(path, prefix, true);
  }

  /** Copies the worker's headers, skipping a null name or value, which the worker never sends. */
  private static final class Copy implements Supplier<Headers> {
    private final Map<String, String> map;

    Copy(Map<String, String> map) {
      this.map = map;
    }

    @Override
    public Headers get() {
      Headers.Builder headers = Headers.builder();
      for (Map.Entry<String, String> e : map.entrySet()) {
        String name = e.getKey();
        String value = e.getValue();
        if (name == null || value == null) {
          continue;
        }
        if (name.length() == 6 && HeaderNames.same(name, "Cookie")) {
          addCookies(headers, name, value);
        } else {
          headers.add(name, value);
        }
      }
      return headers.build();
    }
  }

  /**
   * Adds a {@code Cookie} header. The host joins repeated headers with commas; only Cookie is split
   * back, since cookie values cannot contain a comma (RFC 6265 section 4.1.1) while other values
   * may.
   */
  private static void addCookies(Headers.Builder headers, String name, String value) {
    if (!value.contains(",")) {
      headers.add(name, value);
      return;
    }
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        headers.add(name, part.trim());
      }
    }
  }

  static Body body(Object body, String contentType) {
    Object value = body instanceof Optional ? ((Optional<?>) body).orElse(null) : body;
    if (value == null) {
      return contentType == null ? Body.empty() : Body.wrap(new byte[0], contentType);
    }
    if (value instanceof byte[]) {
      return Body.wrap(((byte[]) value).clone(), contentType);
    }
    if (value instanceof String) {
      return text((String) value, contentType);
    }
    throw new UndecodablePayloadException(
        "azure: HTTP body arrived as "
            + value.getClass().getName()
            + "; the entry must bind Optional<String> or Optional<byte[]>");
  }

  /**
   * A body the host handed over as text, encoded with its content type's charset so that {@code
   * text()} reads what the host read. For a charset this JVM lacks, the UTF-8 the host decoded it
   * with: the request then reaches the function, whose {@code text()} fails only if called, as on
   * the other clouds, instead of the whole request answering 400.
   */
  private static Body text(String text, String contentType) {
    try {
      return Body.ofText(text, contentType);
    } catch (UndecodablePayloadException e) {
      return Body.wrap(text.getBytes(StandardCharsets.UTF_8), contentType);
    }
  }

  /**
   * Writes {@code response} with the worker's builder. Repeated header values are joined with
   * {@code ", "}, as RFC 9110 section 5.3 allows; the builder keeps one value per name, so more
   * than one {@code Set-Cookie} cannot be sent and is refused.
   *
   * @throws InvalidValueException if the response sets more than one cookie
   */
  public static HttpResponseMessage response(HttpRequestMessage<?> request, HttpResponse response) {
    if (response.cookies().size() > 1) {
      throw new InvalidValueException(
          "azure: the response sets "
              + response.cookies().size()
              + " cookies, but the Azure Functions Java worker sends one Set-Cookie header per response");
    }
    HttpResponseMessage.Builder builder = request.createResponseBuilder(status(response.status()));
    // What effectiveHeaders() holds, without building it: the headers, then the body's type.
    Headers headers = response.headers();
    if (!headers.isEmpty()) {
      headers.forEach(new HeaderWriter(builder));
    }
    Optional<String> bodyType = response.body().contentType();
    if (bodyType.isPresent() && !headers.contains("Content-Type")) {
      builder.header("Content-Type", bodyType.get());
    }
    if (!response.cookies().isEmpty()) {
      builder.header("Set-Cookie", response.cookies().get(0).headerValue());
    }
    if (!response.body().isEmpty()) {
      builder.body(response.body().unsafeBytes()); // the worker only reads it
    }
    return builder.build();
  }

  /**
   * The worker's status type for {@code code}, each made once: {@link HttpStatusType#custom} makes
   * a new one on every call. Threads that race here store equal immutable values.
   */
  static HttpStatusType status(int code) {
    if (code < 0 || code >= STATUSES.length) {
      return HttpStatusType.custom(code);
    }
    HttpStatusType status = STATUSES[code];
    if (status == null) {
      status = HttpStatusType.custom(code);
      STATUSES[code] = status;
    }
    return status;
  }

  /** Sets each header on the worker's builder, repeated values joined. */
  private static final class HeaderWriter implements BiConsumer<String, List<String>> {
    private final HttpResponseMessage.Builder builder;

    HeaderWriter(HttpResponseMessage.Builder builder) {
      this.builder = builder;
    }

    @Override
    public void accept(String name, List<String> values) {
      builder.header(name, values.size() == 1 ? values.get(0) : String.join(", ", values));
    }
  }

  /** A short plain-text answer for requests Tern refuses before any function runs. */
  public static HttpResponseMessage plain(HttpRequestMessage<?> request, int status, String text) {
    return request
        .createResponseBuilder(status(status))
        .header("Content-Type", "text/plain; charset=utf-8")
        .body(text.getBytes(StandardCharsets.UTF_8))
        .build();
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
