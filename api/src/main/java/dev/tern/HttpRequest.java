package dev.tern;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An HTTP request, the same on every cloud.
 *
 * <p>Given {@code GET /orders/42?expand=items&expand=customer} routed to {@code /orders/{id}}:
 * {@code method()} is {@code GET}, {@code path()} is {@code /orders/42}, {@code pathParam("id")} is
 * {@code Optional[42]} and {@code query().all("expand")} is {@code [items, customer]}.
 *
 * <p>The path is kept as the client encoded it; path parameters are decoded once, segment by
 * segment, so {@code /files/a%2Fb} gives the single parameter {@code a/b}.
 *
 * @since 0.1
 */
public final class HttpRequest {
  /** What {@link #sourceIp} holds once a deferred source has given no address. */
  private static final String NO_ADDRESS = new String();

  private final String method;
  private final String path;
  private final Query query;
  private final Headers headers;

  /** The cookies given to the builder; null when they are read from the {@code Cookie} headers. */
  private final List<Cookie> givenCookies;

  /**
   * Without given cookies, those of the {@code Cookie} headers, parsed the first time something
   * asks: most requests never do. Threads that race here parse equal immutable lists from the same
   * final headers, each safely published by its final fields.
   */
  private List<Cookie> parsedCookies;

  private final Body body;

  /**
   * The client address; for a {@linkplain Builder#deferredSourceIp deferred} one, what its source
   * gave once something asked ({@link #NO_ADDRESS} for none). Set without a lock: threads that race
   * here read the same address from the same source.
   */
  private String sourceIp;

  /** What reads a deferred client address; null when none was deferred. */
  private final Supplier<String> sourceIpSource;

  private final Caller caller;
  private final String route;
  private final Map<String, String> pathParams;
  private final Object raw;

  private HttpRequest(Builder b) {
    this.method = b.method;
    this.path = b.path;
    this.query = b.query;
    this.headers = b.headers;
    this.givenCookies = b.cookies;
    this.body = b.body;
    this.sourceIp = b.sourceIp;
    this.sourceIpSource = b.sourceIpSource;
    this.caller = b.caller;
    this.route = b.route;
    this.pathParams = b.pathParams;
    this.raw = b.raw;
  }

  private HttpRequest(HttpRequest r, String route, Map<String, String> pathParams) {
    this.method = r.method;
    this.path = r.path;
    this.query = r.query;
    this.headers = r.headers;
    this.givenCookies = r.givenCookies;
    this.parsedCookies = r.parsedCookies;
    this.body = r.body;
    this.sourceIp = r.sourceIp;
    this.sourceIpSource = r.sourceIpSource;
    this.caller = r.caller;
    this.route = route;
    this.pathParams = pathParams;
    this.raw = r.raw;
  }

  /**
   * Starts a request for {@code method} and {@code target}, a path with an optional query: {@code
   * HttpRequest.builder("GET", "/hello?name=Ada")}.
   */
  public static Builder builder(String method, String target) {
    return new Builder(method, target);
  }

  /** {@code GET target}, for tests: {@code HttpRequest.get("/hello?name=Ada")}. */
  public static HttpRequest get(String target) {
    return builder("GET", target).build();
  }

  /** {@code POST target} with a JSON text body, for tests. */
  public static HttpRequest postJson(String target, String json) {
    return builder("POST", target).body(Body.ofText(json, "application/json")).build();
  }

  /** The method in upper case: {@code GET}, {@code POST}. */
  public String method() {
    return method;
  }

  /** The path as sent, still percent-encoded, always starting with {@code /}. */
  public String path() {
    return path;
  }

  public Query query() {
    return query;
  }

  public Headers headers() {
    return headers;
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    return headers.first(name);
  }

  public List<Cookie> cookies() {
    if (givenCookies != null) {
      return givenCookies;
    }
    List<Cookie> parsed = parsedCookies;
    if (parsed == null) {
      parsed = Cookie.parse(headers.all("Cookie"));
      parsedCookies = parsed;
    }
    return parsed;
  }

  /** The value of the first cookie named {@code name}. */
  public Optional<String> cookie(String name) {
    requireNonNull(name, "name == null");
    for (Cookie cookie : cookies()) {
      if (cookie.name().equals(name)) {
        return Optional.of(cookie.value());
      }
    }
    return Optional.empty();
  }

  public Body body() {
    return body;
  }

  /** The client address the platform saw, when it reports one. */
  public Optional<String> sourceIp() {
    return Optional.ofNullable(address());
  }

  /** The client address, read from its deferred source the first time; null when there is none. */
  private String address() {
    String address = sourceIp;
    if (address == null) {
      Supplier<String> source = sourceIpSource;
      if (source == null) {
        return null;
      }
      address = source.get();
      sourceIp = address == null ? NO_ADDRESS : address;
    }
    return address == NO_ADDRESS ? null : address;
  }

  /** The caller the platform authenticated; empty when nothing was verified. */
  public Optional<Caller> caller() {
    return Optional.ofNullable(caller);
  }

  /** The route template this request matched, such as {@code /orders/{id}}. */
  public Optional<String> route() {
    return Optional.ofNullable(route);
  }

  /** Decoded path parameters of the matched route. */
  public Map<String, String> pathParams() {
    return pathParams;
  }

  public Optional<String> pathParam(String name) {
    return Optional.ofNullable(pathParams.get(requireNonNull(name, "name == null")));
  }

  /** The native request this was built from (a JSON tree, a worker object), or empty in tests. */
  public Optional<Object> raw() {
    return Optional.ofNullable(raw);
  }

  /** The native request as {@code type}, when it is one. */
  public <T> Optional<T> unwrap(Class<T> type) {
    requireNonNull(type, "type == null");
    return type.isInstance(raw) ? Optional.of(type.cast(raw)) : Optional.empty();
  }

  /** A copy that records the matched route and its decoded parameters. */
  public HttpRequest withRoute(String route, Map<String, String> pathParams) {
    if (path.indexOf('?') >= 0) {
      return toBuilder().route(route, pathParams).build();
    }
    return new HttpRequest(
        this, requireNonNull(route, "route == null"), copyOf("pathParams", pathParams));
  }

  public Builder toBuilder() {
    Builder b;
    if (path.indexOf('?') < 0) {
      b = new Builder();
      b.method = method;
      b.path = path;
    } else {
      // A path given to Builder.path with a '?' is split again, like a target.
      b = new Builder(method, path);
    }
    b.query = query;
    b.headers = headers;
    b.cookies = cookies(); // these, even if the builder's headers change
    b.body = body;
    b.sourceIp = sourceIp == NO_ADDRESS ? null : sourceIp;
    b.sourceIpSource = sourceIpSource;
    b.caller = caller;
    b.route = route;
    b.pathParams = pathParams;
    b.raw = raw;
    return b;
  }

  @Override
  public String toString() {
    return method + " " + path + (query.isEmpty() ? "" : "?" + query.raw());
  }

  /**
   * A copy of {@code map} that refuses a null key or value with an {@link InvalidValueException}
   * naming it ({@link InvalidValueException#nullIn}); here rather than shared with {@link AuthUser}
   * so that this class loads no other.
   */
  private static Map<String, String> copyOf(String what, Map<String, String> map) {
    if (map == null) {
      throw new NullPointerException(what + " == null"); // the message made only when thrown
    }
    try {
      return Map.copyOf(map);
    } catch (NullPointerException e) {
      throw InvalidValueException.nullIn(what, map, e);
    }
  }

  /** A copy of {@code cookies} that refuses a null element, naming its index. */
  private static List<Cookie> copyOf(List<Cookie> cookies) {
    requireNonNull(cookies, "cookies == null");
    try {
      return List.copyOf(cookies);
    } catch (NullPointerException e) {
      for (int i = 0; i < cookies.size(); i++) {
        if (cookies.get(i) == null) {
          throw new InvalidValueException("cookies: null element at index " + i, e);
        }
      }
      throw e;
    }
  }

  /** Builds a request; used by adapters and tests. */
  public static final class Builder {
    private String method;
    private String path;
    private Query query = Query.of();
    private Headers headers = Headers.of();
    private List<Cookie> cookies;
    private Body body = Body.empty();
    private String sourceIp;
    private Supplier<String> sourceIpSource;
    private Caller caller;
    private String route;
    private Map<String, String> pathParams = Map.of();
    private Object raw;

    /** A builder whose method and path the caller sets, already checked. */
    private Builder() {}

    private Builder(String method, String target) {
      method(method);
      requireNonNull(target, "target == null");
      int q = target.indexOf('?');
      path(q < 0 ? target : target.substring(0, q));
      if (q >= 0) {
        query = Query.parse(target.substring(q + 1));
      }
    }

    public Builder method(String method) {
      requireNonNull(method, "method == null");
      if (method.isEmpty()) {
        throw notAToken(method);
      }
      // One pass checks that it is a token and finds whether it needs upper-casing (as a method
      // almost never does): this runs on every request.
      boolean lowerCase = false;
      for (int i = 0; i < method.length(); i++) {
        char c = method.charAt(i);
        if (!Headers.isTokenChar(c)) {
          throw notAToken(method);
        }
        lowerCase |= c >= 'a' && c <= 'z';
      }
      this.method = lowerCase ? method.toUpperCase(Locale.ROOT) : method;
      return this;
    }

    private static InvalidValueException notAToken(String method) {
      return new InvalidValueException("HTTP method \"" + method + "\" is not a token");
    }

    /** The raw (still encoded) path; an empty path is {@code /}. */
    public Builder path(String path) {
      requireNonNull(path, "path == null");
      if (path.isEmpty()) {
        path = "/";
      }
      if (path.charAt(0) != '/') {
        throw new InvalidValueException("request path \"" + path + "\" does not start with /");
      }
      this.path = path;
      return this;
    }

    public Builder query(Query query) {
      this.query = requireNonNull(query, "query == null");
      return this;
    }

    public Builder headers(Headers headers) {
      this.headers = requireNonNull(headers, "headers == null");
      return this;
    }

    /** Adds one header value. */
    public Builder header(String name, String value) {
      this.headers = headers.plus(name, value);
      return this;
    }

    /**
     * Cookies delivered apart from the headers (API Gateway HTTP APIs do this). When not set,
     * cookies are parsed from the {@code Cookie} headers.
     */
    public Builder cookies(List<Cookie> cookies) {
      this.cookies = copyOf(cookies);
      return this;
    }

    public Builder body(Body body) {
      this.body = requireNonNull(body, "body == null");
      return this;
    }

    public Builder sourceIp(String sourceIp) {
      this.sourceIp = sourceIp;
      this.sourceIpSource = null;
      return this;
    }

    /**
     * A client address that {@code source} reads the first time something asks for it, for adapters
     * whose platform reports the address in a form that takes work to read (the last hop of an
     * {@code X-Forwarded-For} header), which most functions never ask for.
     *
     * <p>{@code source} gives the address or null for none, each time the same; it must not throw.
     * Threads that ask at once may each call it. It may be called late, on any thread, even after
     * the platform's call has returned, so it must read only what stays as it was.
     */
    public Builder deferredSourceIp(Supplier<String> source) {
      this.sourceIpSource = requireNonNull(source, "source == null");
      this.sourceIp = null;
      return this;
    }

    public Builder caller(Caller caller) {
      this.caller = caller;
      return this;
    }

    public Builder route(String route, Map<String, String> pathParams) {
      this.route = requireNonNull(route, "route == null");
      this.pathParams = copyOf("pathParams", pathParams);
      return this;
    }

    public Builder raw(Object raw) {
      this.raw = raw;
      return this;
    }

    public HttpRequest build() {
      return new HttpRequest(this);
    }
  }
}
