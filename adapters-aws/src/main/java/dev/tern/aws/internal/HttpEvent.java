package dev.tern.aws.internal;

import static dev.tern.aws.internal.Json.list;
import static dev.tern.aws.internal.Json.obj;
import static dev.tern.aws.internal.Json.str;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import dev.tern.UndecodablePayloadException;
import dev.tern.aws.internal.Detector.Kind;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An API Gateway HTTP API or function URL request (payload 2.0): the parts {@link HttpMapper} maps,
 * and, as a read-only map, the whole event for {@code raw()}.
 *
 * <p>{@link #read} takes those parts from the parser as it goes and only steps over the rest
 * (stage, account, route key, the already decoded query parameters…): no tree is built and no
 * string made for what the mapping never reads. The map view is then parsed from the retained
 * payload on first use, into the same tree {@link Json#parse} gives.
 */
final class HttpEvent extends AbstractMap<String, Object> {
  /**
   * Most names one object may have on the streaming path, so that looking for a repeated one stays
   * cheap; a larger object sends the payload to {@link Json#parse}, which checks with a map.
   */
  private static final int MAX_NAMES = 64;

  private final byte[] payload;
  private volatile Map<String, Object> tree;

  Kind kind = Kind.HTTP_API;
  String rawPath;
  String rawQueryString;
  String body;
  boolean base64;

  /** Header names and their values as text, null for a value that is no scalar; in order. */
  String[] headerNames = NO_STRINGS;

  String[] headerValues = NO_STRINGS;
  int headerCount;

  /** The string members of {@code cookies}, in order. */
  String[] cookies = NO_STRINGS;

  int cookieCount;
  String method;
  String httpPath;
  String sourceIp;

  /** {@code requestContext.domainName} and {@code requestContext.stage}, or null. */
  String domainName;

  String stage;

  /** {@code requestContext.authorizer} as a tree, or null. */
  Map<String, Object> authorizer;

  private static final String[] NO_STRINGS = new String[0];

  private HttpEvent(byte[] payload, Map<String, Object> tree) {
    this.payload = payload;
    this.tree = tree;
  }

  /** The parts of an event already parsed into a tree, which is also its map view. */
  static HttpEvent of(Kind kind, Map<String, Object> event) {
    // No wrapper for a parsed tree, which is read-only already: unmodifiableMap returns it.
    HttpEvent e = new HttpEvent(null, Collections.unmodifiableMap(event));
    e.kind = kind;
    e.rawPath = str(event, "rawPath");
    e.rawQueryString = str(event, "rawQueryString");
    e.body = str(event, "body");
    e.base64 = Json.isTrue(event, "isBase64Encoded");
    Map<String, Object> headers = obj(event, "headers");
    if (headers != null) {
      e.headerNames = new String[headers.size()];
      e.headerValues = new String[headers.size()];
      for (Map.Entry<String, Object> h : headers.entrySet()) {
        e.headerNames[e.headerCount] = h.getKey();
        e.headerValues[e.headerCount++] = Json.scalarText(h.getValue());
      }
    }
    List<Object> cookies = list(event, "cookies");
    if (cookies != null) {
      e.cookies = new String[cookies.size()];
      for (Object c : cookies) {
        if (c instanceof String) {
          e.cookies[e.cookieCount++] = (String) c;
        }
      }
    }
    Map<String, Object> rc = obj(event, "requestContext");
    Map<String, Object> http = obj(rc, "http");
    e.method = str(http, "method");
    e.httpPath = str(http, "path");
    e.sourceIp = str(http, "sourceIp");
    e.domainName = str(rc, "domainName");
    e.stage = str(rc, "stage");
    e.authorizer = obj(rc, "authorizer");
    return e;
  }

  /**
   * Reads the rest of a payload whose first member, {@code "version": "2.0"}, {@code parser} has
   * just read, up to and including its end.
   *
   * @return the request, or null when the payload is something else after all or anything about it
   *     is wrong (malformed, a repeated key, content after the document, an object too large for
   *     this path): {@link Json#parse} then reads it again and answers as it always does
   */
  static HttpEvent read(JsonParser parser, byte[] payload) {
    HttpEvent e = new HttpEvent(payload, null);
    try {
      return e.readEvent(parser) && parser.nextToken() == null ? e : null;
    } catch (IOException | UndecodablePayloadException ignored) {
      return null;
    }
  }

  private boolean readEvent(JsonParser parser) throws IOException {
    String[] names = new String[16];
    names[0] = "version";
    int count = 1;
    long seen = 1L << "version".hashCode();
    boolean requestContext = false;
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String name = parser.currentName();
      seen = unique(seen, names, count, name);
      names = named(names, count++, name);
      JsonToken value = parser.nextToken();
      if (name.equals("headers")) {
        if (value == JsonToken.START_OBJECT) {
          readHeaders(parser);
        } else {
          skip(parser, value);
        }
      } else if (name.equals("requestContext")) {
        // Anything but an object here, or an ALB's context, is another kind of event.
        if (value != JsonToken.START_OBJECT || !readContext(parser)) {
          return false;
        }
        requestContext = true;
      } else if (name.equals("rawPath")) {
        rawPath = string(parser, value);
      } else if (name.equals("rawQueryString")) {
        rawQueryString = string(parser, value);
      } else if (name.equals("body")) {
        body = string(parser, value);
      } else if (name.equals("isBase64Encoded")) {
        base64 =
            value == JsonToken.VALUE_TRUE
                || value == JsonToken.VALUE_STRING && "true".equalsIgnoreCase(parser.getText());
        skip(parser, value);
      } else if (name.equals("cookies")) {
        if (value == JsonToken.START_ARRAY) {
          readCookies(parser);
        } else {
          skip(parser, value);
        }
      } else if (name.equals("Records") && value == JsonToken.START_ARRAY) {
        return false; // Detector looks for records first
      } else {
        skip(parser, value);
      }
    }
    return requestContext;
  }

  /**
   * {@code requestContext}: false when it makes the payload no HTTP API request (an ALB's {@code
   * elb}, no {@code http} object).
   */
  private boolean readContext(JsonParser parser) throws IOException {
    String[] names = new String[16];
    int count = 0;
    long seen = 0;
    boolean http = false;
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String name = parser.currentName();
      seen = unique(seen, names, count, name);
      names = named(names, count++, name);
      JsonToken value = parser.nextToken();
      if (name.equals("http")) {
        if (value != JsonToken.START_OBJECT) {
          return false;
        }
        readHttp(parser);
        http = true;
      } else if (name.equals("domainName")) {
        String domain = string(parser, value);
        domainName = domain;
        kind =
            domain != null && domain.contains(".lambda-url.") ? Kind.FUNCTION_URL : Kind.HTTP_API;
      } else if (name.equals("stage")) {
        stage = string(parser, value);
      } else if (name.equals("authorizer")) {
        authorizer = obj(Json.read(parser, value));
      } else if (name.equals("elb") && value == JsonToken.START_OBJECT) {
        return false;
      } else {
        skip(parser, value);
      }
    }
    return http;
  }

  private void readHttp(JsonParser parser) throws IOException {
    String[] names = new String[8];
    int count = 0;
    long seen = 0;
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String name = parser.currentName();
      seen = unique(seen, names, count, name);
      names = named(names, count++, name);
      JsonToken value = parser.nextToken();
      if (name.equals("method")) {
        method = string(parser, value);
      } else if (name.equals("path") && rawPath == null) {
        // Only read when rawPath, which Lambda sends before requestContext, is missing so far.
        httpPath = string(parser, value);
      } else if (name.equals("sourceIp")) {
        sourceIp = string(parser, value);
      } else {
        skip(parser, value);
      }
    }
  }

  private void readHeaders(JsonParser parser) throws IOException {
    String[] names = new String[16];
    String[] values = new String[16];
    int count = 0;
    long seen = 0;
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String name = parser.currentName();
      seen = unique(seen, names, count, name);
      names = named(names, count, name);
      if (values.length != names.length) {
        values = Arrays.copyOf(values, names.length);
      }
      JsonToken value = parser.nextToken();
      values[count++] = scalar(parser, value);
    }
    headerNames = names;
    headerValues = values;
    headerCount = count;
  }

  private void readCookies(JsonParser parser) throws IOException {
    String[] found = new String[4];
    int count = 0;
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      if (t == JsonToken.VALUE_STRING) {
        if (count == found.length) {
          found = Arrays.copyOf(found, count * 2);
        }
        found[count++] = parser.getText();
      } else {
        skip(parser, t);
      }
    }
    cookies = found;
    cookieCount = count;
  }

  /** The string at the current token, or null (stepping over the value) when it is no string. */
  private static String string(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    skip(parser, token);
    return null;
  }

  /** A scalar as {@link Json#scalarText} gives it; null for null, objects and arrays. */
  private static String scalar(JsonParser parser, JsonToken token) throws IOException {
    switch (token.id()) {
      case JsonTokenId.ID_STRING:
      case JsonTokenId.ID_NUMBER_INT:
      case JsonTokenId.ID_NUMBER_FLOAT:
        return parser.getText();
      case JsonTokenId.ID_TRUE:
        return "true";
      case JsonTokenId.ID_FALSE:
        return "false";
      default:
        skip(parser, token);
        return null;
    }
  }

  /**
   * Steps over the value at {@code token}, checking what {@link Json#parse} checks that the parser
   * does not: that no object repeats a key.
   */
  private static void skip(JsonParser parser, JsonToken token) throws IOException {
    if (token == JsonToken.START_OBJECT) {
      String[] names = new String[8];
      int count = 0;
      long seen = 0;
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
        String name = parser.currentName();
        seen = unique(seen, names, count, name);
        names = named(names, count++, name);
        skip(parser, parser.nextToken());
      }
    } else if (token == JsonToken.START_ARRAY) {
      for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
        skip(parser, t);
      }
    }
  }

  /**
   * Checks that {@code name} is none of the first {@code count} {@code names}, whose hashes set the
   * bits of {@code seen}: only a name whose bit is set already is compared with them.
   *
   * @return {@code seen} with the bit of {@code name}
   * @throws UndecodablePayloadException when the object already has that name
   */
  private static long unique(long seen, String[] names, int count, String name) {
    int hash = name.hashCode(); // kept by the string: parsed names are canonical
    long bit = 1L << hash; // the low six bits of the hash choose the bit
    if ((seen & bit) != 0) {
      for (int i = 0; i < count; i++) {
        String other = names[i];
        if (other.hashCode() == hash && other.equals(name)) {
          throw new UndecodablePayloadException("aws: the payload repeats a key in one object");
        }
      }
    }
    return seen | bit;
  }

  /**
   * Records {@code name} at {@code count} in {@code names}, grown when full.
   *
   * @throws UndecodablePayloadException when the object has too many names for this path
   */
  private static String[] named(String[] names, int count, String name) {
    if (count == names.length) {
      if (count == MAX_NAMES) {
        throw new UndecodablePayloadException("aws: an object has too many keys to stream");
      }
      names = Arrays.copyOf(names, count * 2);
    }
    names[count] = name;
    return names;
  }

  Kind kind() {
    return kind;
  }

  /** The whole event, parsed from the payload the first time it is asked for. */
  private Map<String, Object> tree() {
    Map<String, Object> t = tree;
    if (t == null) {
      // The payload parsed once already, so this cannot fail; the tree is read-only throughout.
      t = obj(Json.parse(payload));
      tree = t;
    }
    return t;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return tree().entrySet();
  }

  @Override
  public Object get(Object key) {
    return tree().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return tree().containsKey(key);
  }

  @Override
  public int size() {
    return tree().size();
  }

  @Override
  public boolean isEmpty() {
    return false;
  }
}
