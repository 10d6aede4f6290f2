package dev.tern.aws.internal;

import static dev.tern.aws.internal.Json.list;
import static dev.tern.aws.internal.Json.obj;
import static dev.tern.aws.internal.Json.str;

import dev.tern.Body;
import dev.tern.Caller;
import dev.tern.Headers;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Query;
import dev.tern.SetCookie;
import dev.tern.UndecodablePayloadException;
import dev.tern.aws.internal.Detector.Kind;
import dev.tern.jackson.JsonBytes;
import dev.tern.spi.ForwardedFor;
import dev.tern.spi.RouteTemplate;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * HTTP payloads to {@link HttpRequest} and {@link HttpResponse} back to each source's response
 * format.
 *
 * <ul>
 *   <li>API Gateway HTTP API and function URLs, payload 2.0:
 *       https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 *       and https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
 *   <li>API Gateway REST, payload 1.0:
 *       https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 *   <li>ALB:
 *       https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html
 * </ul>
 */
public final class HttpMapper {
  private HttpMapper() {}

  /**
   * Reads an HTTP payload, maps it and writes a small JSON answer in its format, as an invocation
   * does but without a function: for warming up the classes a request needs, in the order a request
   * needs them. The parser comes first: it is the most to load, and the first thing the
   * deployment's first event waits for.
   */
  public static byte[] warm(byte[] payload) {
    Object root = Json.parseEvent(payload);
    Kind kind = root instanceof HttpEvent ? ((HttpEvent) root).kind() : Detector.detect(root);
    Map<String, Object> event = obj(root);
    request(kind, event);
    return response(kind, event, HttpResponse.json(Map.of("warm", Boolean.TRUE)));
  }

  /** Maps an HTTP payload of {@code kind}. */
  public static HttpRequest request(Kind kind, Map<String, Object> event) {
    // Compared rather than switched on: a switch on an enum costs a cold JVM one more class.
    if (kind == Kind.HTTP_API || kind == Kind.FUNCTION_URL) {
      return v2(event instanceof HttpEvent ? (HttpEvent) event : HttpEvent.of(kind, event));
    } else if (kind == Kind.REST_API) {
      return v1(event);
    } else if (kind == Kind.ALB) {
      return alb(event);
    }
    throw new IllegalArgumentException(kind.name());
  }

  private static HttpRequest v2(HttpEvent event) {
    Kind kind = event.kind();
    String method = need(kind, event.method, "requestContext.http.method");
    String path = event.rawPath;
    if (path == null) {
      path = need(kind, event.httpPath, "rawPath");
    }
    path = withoutStage(path, event.stage);
    if (kind == Kind.HTTP_API) {
      path = encoded(path);
    }
    HttpRequest.Builder b = builder(kind, method, path);
    String rawQuery = event.rawQueryString;
    if (rawQuery != null && !rawQuery.isEmpty()) {
      b.query(Query.parse(rawQuery));
    }
    Headers.Builder headers = Headers.builder();
    for (int i = 0; i < event.headerCount; i++) {
      String v = event.headerValues[i];
      if (v != null) {
        headers.add(event.headerNames[i], v);
      }
    }
    List<String> cookieHeaders = new ArrayList<>(event.cookieCount);
    for (int i = 0; i < event.cookieCount; i++) {
      cookieHeaders.add(event.cookies[i]);
    }
    if (!cookieHeaders.isEmpty()) {
      // 2.0 moves the Cookie header into "cookies"; put it back so headers read the same
      // everywhere.
      headers.set("Cookie", String.join("; ", cookieHeaders));
    }
    Headers built = headers.build();
    // The request parses its cookies from the Cookie header when first asked.
    b.headers(built);
    b.body(body(kind, event.body, event.base64, built));
    b.sourceIp(event.sourceIp);
    b.caller(callerV2(event.authorizer));
    return b.raw(event).build();
  }

  /**
   * {@code rawPath} without the named stage an HTTP API puts in front of it: routes are declared
   * without it, as a REST API's {@code path} has it not. Payload 2.0 carries the stage on the API's
   * own endpoint, {@code https://{api-id}.execute-api.{region}.amazonaws.com/{stage}/...}, and on a
   * custom domain too, where the API mapping's key is not in the path
   * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html:
   * "rawPath won't provide the API mapping value"): {@code https://api.example.com/v1/orders},
   * mapped to the stage {@code prod}, arrives as {@code /prod/orders}. The {@code $default} stage
   * is never in the path.
   */
  private static String withoutStage(String path, String stage) {
    if (stage == null || stage.equals("$default")) {
      return path;
    }
    return RouteTemplate.withoutFirstSegment(path, stage);
  }

  /**
   * {@code path} of an HTTP API's payload 1.0 without the named stage, on the API's own endpoint
   * only: on a custom domain, payload 1.0's {@code path} is the one to carry the API mapping (same
   * page), and it stays as it came.
   */
  private static String withoutStage(String path, String stage, String domain) {
    if (domain == null || !domain.contains(".execute-api.")) {
      return path;
    }
    return withoutStage(path, stage);
  }

  /**
   * {@code path}, which an HTTP API hands Lambda already percent-decoded, encoded again: an HTTP
   * API request for {@code /files/a%2520b} arrives as {@code /files/a%20b}, and is {@code
   * /files/a%2520b} again, so its parameter is {@code a%20b}, decoded once as on every other front
   * end. Every character but a path's own ({@code A-Z a-z 0-9 - . _ ~ ! $ & ' ( ) * + , ; = : @ /})
   * is encoded as UTF-8, {@code %} itself too. An encoded slash ({@code %2F}) cannot be told from a
   * slash once decoded, and stays one. Sources, real events of both payload formats:
   * fastify/aws-lambda-fastify issue 169 ({@code /a%2Fb} as {@code /a/b}), honojs/hono issue 2156
   * ({@code %40}, {@code %23} decoded), middleapi/standard-server pull request 93 (payload 1.0 too;
   * function URLs and REST APIs keep the encoding).
   */
  static String encoded(String path) {
    int i = 0;
    while (i < path.length() && isPathChar(path.charAt(i))) {
      i++;
    }
    if (i == path.length()) {
      return path;
    }
    StringBuilder out = new StringBuilder(path.length() + 16).append(path, 0, i);
    while (i < path.length()) {
      char c = path.charAt(i);
      if (isPathChar(c)) {
        out.append(c);
        i++;
        continue;
      }
      int cp = path.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isSurrogate((char) cp)) {
        cp = 0xFFFD; // a lone surrogate is no character: send the replacement character's bytes
      }
      if (cp < 0x80) {
        percent(out, cp);
      } else if (cp < 0x800) {
        percent(out, 0xC0 | cp >> 6);
        percent(out, 0x80 | cp & 0x3F);
      } else if (cp < 0x10000) {
        percent(out, 0xE0 | cp >> 12);
        percent(out, 0x80 | cp >> 6 & 0x3F);
        percent(out, 0x80 | cp & 0x3F);
      } else {
        percent(out, 0xF0 | cp >> 18);
        percent(out, 0x80 | cp >> 12 & 0x3F);
        percent(out, 0x80 | cp >> 6 & 0x3F);
        percent(out, 0x80 | cp & 0x3F);
      }
    }
    return out.toString();
  }

  /** Whether {@code c} stands for itself in a path (RFC 3986 pchar, and the slash). */
  private static boolean isPathChar(char c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
      return true;
    }
    switch (c) {
      case '-':
      case '.':
      case '_':
      case '~':
      case '!':
      case '$':
      case '&':
      case '\'':
      case '(':
      case ')':
      case '*':
      case '+':
      case ',':
      case ';':
      case '=':
      case ':':
      case '@':
      case '/':
        return true;
      default:
        return false;
    }
  }

  private static void percent(StringBuilder out, int octet) {
    out.append('%').append(HEX[octet >> 4]).append(HEX[octet & 0xF]);
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private static HttpRequest v1(Map<String, Object> event) {
    Kind kind = Kind.REST_API;
    String method = need(kind, event, "httpMethod", "httpMethod");
    String path = str(event, "path");
    Map<String, Object> rc = obj(event, "requestContext");
    if (path == null) {
      path = need(kind, rc, "path", "path");
    } else if ("1.0".equals(str(event, "version"))) {
      // An HTTP API's payload 1.0 has the named stage in path, as 2.0 has in rawPath; a REST API
      // sends no version and never has it.
      path = encoded(withoutStage(path, str(rc, "stage"), str(rc, "domainName")));
    }
    HttpRequest.Builder b = builder(kind, method, path);
    // API Gateway decodes query parameters; prefer the multi-value map, which keeps every value.
    Map<String, List<String>> query =
        multi(obj(event, "multiValueQueryStringParameters"), obj(event, "queryStringParameters"));
    if (!query.isEmpty()) {
      b.query(Query.of(query));
    }
    Headers headers = headers(event);
    b.headers(headers);
    b.body(body(kind, event, headers));
    b.sourceIp(str(obj(rc, "identity"), "sourceIp"));
    b.caller(callerV1(rc));
    return b.raw(event).build();
  }

  private static HttpRequest alb(Map<String, Object> event) {
    Kind kind = Kind.ALB;
    String method = need(kind, event, "httpMethod", "httpMethod");
    String path = need(kind, event, "path", "path");
    HttpRequest.Builder b = builder(kind, method, path);
    // The load balancer passes the query as received, still percent-encoded: rebuild the raw
    // query and decode it exactly once.
    Map<String, List<String>> raw =
        multi(obj(event, "multiValueQueryStringParameters"), obj(event, "queryStringParameters"));
    if (!raw.isEmpty()) {
      StringBuilder q = new StringBuilder();
      for (Map.Entry<String, List<String>> e : raw.entrySet()) {
        for (String v : e.getValue()) {
          if (q.length() > 0) {
            q.append('&');
          }
          q.append(e.getKey()).append('=').append(v);
        }
      }
      b.query(Query.parse(q.toString()));
    }
    Headers headers = headers(event);
    b.headers(headers);
    b.body(body(kind, event, headers));
    List<String> xff = headers.all("X-Forwarded-For");
    if (!xff.isEmpty()) {
      // The ALB appends the address it saw as the last entry; earlier ones, and in multi-value
      // mode any earlier header line, are client-supplied.
      b.deferredSourceIp(ForwardedFor.deferredLastAddress(xff.get(xff.size() - 1)));
    }
    return b.raw(event).build();
  }

  private static HttpRequest.Builder builder(Kind kind, String method, String path) {
    if (path.isEmpty() || path.charAt(0) != '/') {
      throw new UndecodablePayloadException(
          "aws: " + kind.description() + " has a path that does not start with /");
    }
    return HttpRequest.builder(method, "/").path(path);
  }

  private static Headers headers(Map<String, Object> event) {
    Headers.Builder out = Headers.builder();
    Map<String, List<String>> all = multi(obj(event, "multiValueHeaders"), obj(event, "headers"));
    for (Map.Entry<String, List<String>> e : all.entrySet()) {
      out.addAll(e.getKey(), e.getValue());
    }
    return out.build();
  }

  /** The multi-value map when present, else the single-value map as lists. */
  private static Map<String, List<String>> multi(
      Map<String, Object> multi, Map<String, Object> single) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (multi != null) {
      for (Map.Entry<String, Object> e : multi.entrySet()) {
        List<Object> list = list(e.getValue());
        if (list != null) {
          List<String> strings = new ArrayList<>();
          for (Object v : list) {
            String s = Json.scalarText(v);
            if (s != null) {
              strings.add(s);
            }
          }
          out.put(e.getKey(), strings);
        }
      }
      return out;
    }
    if (single != null) {
      for (Map.Entry<String, Object> e : single.entrySet()) {
        String s = Json.scalarText(e.getValue());
        if (s != null) {
          out.put(e.getKey(), List.of(s));
        }
      }
    }
    return out;
  }

  private static Body body(Kind kind, Map<String, Object> event, Headers headers) {
    return body(kind, str(event, "body"), Json.isTrue(event, "isBase64Encoded"), headers);
  }

  private static Body body(Kind kind, String body, boolean base64, Headers headers) {
    if (body == null || body.isEmpty()) {
      return Body.empty();
    }
    String contentType = headers.first("Content-Type").orElse(null);
    if (base64) {
      try {
        return Body.wrap(Base64.getDecoder().decode(body), contentType);
      } catch (IllegalArgumentException e) {
        throw new UndecodablePayloadException(
            "aws: " + kind.description() + " says isBase64Encoded but its body is not base64");
      }
    }
    return Body.wrap(body.getBytes(StandardCharsets.UTF_8), contentType);
  }

  /** The authorizer of a 2.0 payload: JWT claims, IAM identity or Lambda authorizer context. */
  private static Caller callerV2(Map<String, Object> authorizer) {
    if (authorizer == null) {
      return null;
    }
    Map<String, Object> jwt = obj(authorizer, "jwt");
    if (jwt != null) {
      Map<String, String> claims = Json.stringMap(obj(jwt, "claims"));
      String sub = claims.get("sub");
      List<Object> scopes = list(jwt, "scopes");
      if (scopes != null && !claims.containsKey("scope")) {
        List<String> s = new ArrayList<>();
        for (Object x : scopes) {
          if (x instanceof String) {
            s.add((String) x);
          }
        }
        claims.put("scope", String.join(" ", s));
      }
      return new Caller("jwt", sub == null ? "" : sub, claims);
    }
    Map<String, Object> iam = obj(authorizer, "iam");
    if (iam != null) {
      Map<String, String> claims = Json.stringMap(iam);
      String arn = claims.get("userArn");
      return new Caller("iam", arn == null ? claims.getOrDefault("userId", "") : arn, claims);
    }
    Map<String, Object> lambda = obj(authorizer, "lambda");
    if (lambda != null) {
      Map<String, String> claims = Json.stringMap(lambda);
      String principal = Json.str(authorizer, "principalId");
      return new Caller(
          "lambda-authorizer",
          principal != null
              ? principal
              : claims.getOrDefault("principalId", claims.getOrDefault("sub", "")),
          claims);
    }
    return null;
  }

  /**
   * The authorizer of a 1.0 payload: Cognito user pool claims, a Lambda authorizer's principal and
   * context, or the IAM identity API Gateway verified.
   */
  private static Caller callerV1(Map<String, Object> rc) {
    Map<String, Object> authorizer = obj(rc, "authorizer");
    if (authorizer != null) {
      Map<String, Object> claimsNode = obj(authorizer, "claims");
      if (claimsNode != null) {
        Map<String, String> claims = Json.stringMap(claimsNode);
        return new Caller("jwt", claims.getOrDefault("sub", ""), claims);
      }
      Map<String, Object> jwt = obj(authorizer, "jwt");
      if (jwt != null) {
        return callerV2(authorizer);
      }
      String principal = Json.text(authorizer, "principalId");
      if (principal != null) {
        Map<String, String> context = Json.stringMap(authorizer);
        context.remove("principalId");
        return new Caller("lambda-authorizer", principal, context);
      }
    }
    Map<String, Object> identity = obj(rc, "identity");
    String userArn = str(identity, "userArn");
    if (userArn != null && !userArn.isEmpty()) {
      Map<String, String> claims = new LinkedHashMap<>();
      for (String key :
          List.of(
              "accountId",
              "caller",
              "user",
              "userArn",
              "accessKey",
              "cognitoIdentityId",
              "cognitoIdentityPoolId",
              "principalOrgId")) {
        String v = str(identity, key);
        if (v != null) {
          claims.put(key, v);
        }
      }
      return new Caller("iam", userArn, claims);
    }
    return null;
  }

  /**
   * Writes {@code response} in the format {@code kind} expects, in the request's mode, straight to
   * JSON bytes: no intermediate tree.
   */
  public static byte[] response(Kind kind, Map<String, Object> event, HttpResponse response) {
    JsonBytes out = new JsonBytes(256);
    write(out, kind, event, response);
    return out.toByteArray();
  }

  private static void write(
      JsonBytes out, Kind kind, Map<String, Object> event, HttpResponse response) {
    out.startObject();
    out.name("statusCode").number(response.status());
    // The response's headers, then the body's content type unless a header set it: what
    // effectiveHeaders() holds, in its order, without building it.
    Headers headers = response.headers();
    Optional<String> header = headers.first("Content-Type");
    String contentType = header.isPresent() ? null : response.body().contentType().orElse(null);
    List<SetCookie> cookies = response.cookies();
    if (kind == Kind.HTTP_API || kind == Kind.FUNCTION_URL) {
      out.name("headers");
      joinedHeaders(out, headers, contentType, ",", null);
      if (!cookies.isEmpty()) {
        out.name("cookies").startArray();
        for (SetCookie c : cookies) {
          out.string(c.headerValue());
        }
        out.endArray();
      }
    } else if (kind == Kind.ALB) {
      out.name("statusDescription").string(response.status() + " " + reason(response.status()));
      if (event.containsKey("multiValueHeaders")) {
        out.name("multiValueHeaders");
        multiHeaders(out, headers, contentType, cookies);
      } else {
        // Single-value mode carries one value per name: join repeated headers as HTTP allows;
        // only one Set-Cookie fits, so enable multi-value headers on the target group for more.
        out.name("headers");
        joinedHeaders(out, headers, contentType, ", ", cookies.isEmpty() ? null : cookies.get(0));
      }
    } else {
      out.name("multiValueHeaders");
      multiHeaders(out, headers, contentType, cookies);
    }
    byte[] body = response.body().unsafeBytes();
    // response.contentType(), without looking for the header again
    if (isText(header.isPresent() ? header.get() : contentType) && isUtf8(body)) {
      out.name("body")
          .utf8String(body, 0, body.length); // escaped as a string, never decoded to one
      out.name("isBase64Encoded").bool(false);
    } else {
      out.name("body").string(Base64.getEncoder().encodeToString(body));
      out.name("isBase64Encoded").bool(true);
    }
    out.endObject();
  }

  /**
   * One value per name, repeated values joined with {@code separator}; then the content type and
   * one Set-Cookie, when given.
   */
  private static void joinedHeaders(
      JsonBytes out, Headers headers, String contentType, String separator, SetCookie cookie) {
    out.startObject();
    headers.forEach(new HeaderWriter(out, separator));
    if (contentType != null) {
      out.name("Content-Type").string(contentType);
    }
    if (cookie != null) {
      out.name("Set-Cookie").string(cookie.headerValue());
    }
    out.endObject();
  }

  private static void multiHeaders(
      JsonBytes out, Headers headers, String contentType, List<SetCookie> cookies) {
    out.startObject();
    headers.forEach(new HeaderWriter(out, null));
    if (contentType != null) {
      out.name("Content-Type").startArray().string(contentType).endArray();
    }
    if (!cookies.isEmpty()) {
      out.name("Set-Cookie").startArray();
      for (SetCookie c : cookies) {
        out.string(c.headerValue());
      }
      out.endArray();
    }
    out.endObject();
  }

  /**
   * Writes each header as a member: its values joined with a separator, or as an array without one.
   */
  private static final class HeaderWriter implements BiConsumer<String, List<String>> {
    private final JsonBytes out;
    private final String separator;

    HeaderWriter(JsonBytes out, String separator) {
      this.out = out;
      this.separator = separator;
    }

    @Override
    public void accept(String name, List<String> values) {
      out.name(name);
      if (separator != null) {
        out.string(values.size() == 1 ? values.get(0) : String.join(separator, values));
        return;
      }
      out.startArray();
      for (String v : values) {
        out.string(v);
      }
      out.endArray();
    }
  }

  /** Whether a body of this type can travel as text: text, JSON, XML, forms, JavaScript. */
  static boolean isText(String contentType) {
    if (contentType == null || contentType.equals("application/json")) {
      return true;
    }
    String t = contentType.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    String mime = (semi < 0 ? t : t.substring(0, semi)).trim();
    String params = semi < 0 ? "" : t.substring(semi);
    if (params.contains("charset=")
        && !params.contains("charset=utf-8")
        && !params.contains("charset=\"utf-8\"")
        && !params.contains("charset=us-ascii")) {
      return false;
    }
    return mime.startsWith("text/")
        || mime.equals("application/json")
        || mime.endsWith("+json")
        || mime.equals("application/xml")
        || mime.endsWith("+xml")
        || mime.equals("application/javascript")
        || mime.equals("application/x-www-form-urlencoded");
  }

  /** Whether the bytes are valid UTF-8. */
  private static boolean isUtf8(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        // A new decoder reports malformed input; UTF-8 decodes to at most one char per byte.
        return !StandardCharsets.UTF_8
            .newDecoder()
            .decode(ByteBuffer.wrap(bytes), CharBuffer.allocate(bytes.length), true)
            .isError();
      }
    }
    return true; // ASCII, the common case
  }

  private static String need(Kind kind, Map<String, Object> map, String key, String field) {
    return need(kind, str(map, key), field);
  }

  private static String need(Kind kind, String value, String field) {
    if (value == null || value.isEmpty()) {
      throw new UndecodablePayloadException(
          "aws: recognized "
              + kind.description()
              + " but \""
              + field
              + "\" is missing or not a string");
    }
    return value;
  }

  /** The reason phrase the ALB wants in {@code statusDescription}. */
  static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 201:
        return "Created";
      case 202:
        return "Accepted";
      case 204:
        return "No Content";
      case 301:
        return "Moved Permanently";
      case 302:
        return "Found";
      case 303:
        return "See Other";
      case 304:
        return "Not Modified";
      case 307:
        return "Temporary Redirect";
      case 308:
        return "Permanent Redirect";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 409:
        return "Conflict";
      case 413:
        return "Payload Too Large";
      case 415:
        return "Unsupported Media Type";
      case 422:
        return "Unprocessable Content";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return status < 300
            ? "Success"
            : status < 400 ? "Redirection" : status < 500 ? "Client Error" : "Server Error";
    }
  }
}
