package dev.tern.spi;

import static java.util.Objects.requireNonNull;

import dev.tern.InvalidValueException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed HTTP route template such as {@code /orders/{id}} or {@code /files/{path+}}.
 *
 * <p>Matching works on the raw request path split at {@code /}; each segment is then
 * percent-decoded once, so an encoded slash ({@code %2F}) stays inside its segment. A single
 * trailing slash is ignored. Paths with empty segments ({@code //}) or dot segments ({@code .},
 * {@code ..}, also when encoded) never match: Tern does not normalize paths, and a parameter can
 * never be {@code ..}.
 *
 * @since 0.1
 */
public final class RouteTemplate {
  private final String template;

  /** Literal segments as-is; parameters as {@code {name}}, the greedy one as {@code {name+}}. */
  private final List<String> segments;

  /** The one raw path a template without parameters matches without a trailing slash, else null. */
  private final String literal;

  private RouteTemplate(String template, List<String> segments) {
    this.template = template;
    this.segments = segments;
    boolean literal = true;
    for (String segment : segments) {
      literal &= !segment.startsWith("{");
    }
    this.literal = literal ? "/" + String.join("/", segments) : null;
  }

  private static final Optional<Map<String, String>> NO_PARAMETERS = Optional.of(Map.of());

  /**
   * Parses a template.
   *
   * @throws InvalidValueException naming the template and what is wrong with it
   */
  public static RouteTemplate parse(String template) {
    requireNonNull(template, "template == null");
    if (!template.startsWith("/")) {
      throw invalid(template, "must start with /");
    }
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c < ' ' || c == 0x7f) {
        // A control character can never be in a request path, and would break the index file.
        throw invalid(
            template.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"),
            "has a control character at index " + i);
      }
    }
    List<String> segments = new ArrayList<>();
    List<String> names = new ArrayList<>();
    String body =
        template.length() > 2 && template.endsWith("/")
            ? template.substring(1, template.length() - 1)
            : template.substring(1);
    if (!body.isEmpty()) {
      String[] parts = body.split("/", -1);
      for (int i = 0; i < parts.length; i++) {
        String part = parts[i];
        if (part.isEmpty()) {
          throw invalid(template, "has an empty segment");
        }
        if (part.equals(".") || part.equals("..")) {
          throw invalid(template, "has a dot segment");
        }
        if (part.startsWith("{")) {
          if (!part.endsWith("}") || part.length() < 3) {
            throw invalid(template, "segment \"" + part + "\" is not a {name} parameter");
          }
          String name = part.substring(1, part.length() - 1);
          boolean greedy = name.endsWith("+");
          if (greedy) {
            name = name.substring(0, name.length() - 1);
            if (i != parts.length - 1) {
              throw invalid(template, "greedy parameter {" + name + "+} must be the last segment");
            }
          }
          if (!isParameterName(name)) {
            throw invalid(template, "parameter name \"" + name + "\" must be letters, digits or _");
          }
          if (names.contains(name)) {
            throw invalid(template, "names parameter " + name + " twice");
          }
          names.add(name);
        } else if (part.contains("{") || part.contains("}")) {
          throw invalid(template, "segment \"" + part + "\" mixes text and a parameter");
        } else if (part.contains("?") || part.contains("#") || part.contains("%")) {
          throw invalid(template, "segment \"" + part + "\" contains ?, # or %");
        }
        segments.add(part);
      }
    }
    return new RouteTemplate(template, List.copyOf(segments));
  }

  private static boolean isParameterName(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '_') {
        return false;
      }
    }
    return true;
  }

  public String template() {
    return template;
  }

  /** Parameter names in order. */
  public List<String> parameters() {
    List<String> names = new ArrayList<>();
    for (String segment : segments) {
      if (segment.startsWith("{")) {
        names.add(segment.substring(1, segment.length() - (segment.endsWith("+}") ? 2 : 1)));
      }
    }
    return names;
  }

  /** Whether both templates match exactly the same paths (so they conflict). */
  public boolean sameShape(RouteTemplate other) {
    if (segments.size() != other.segments.size()) {
      return false;
    }
    for (int i = 0; i < segments.size(); i++) {
      String a = segments.get(i);
      String b = other.segments.get(i);
      boolean pa = a.startsWith("{");
      boolean pb = b.startsWith("{");
      if (pa != pb || (!pa && !a.equals(b)) || (pa && a.endsWith("+}") != b.endsWith("+}"))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Orders templates most specific first: at the first segment where they differ, a literal beats a
   * parameter and a parameter beats a greedy one, so {@code /files/{path+}} is tried before {@code
   * /{a}/{b}/{c}}.
   */
  static int compareSpecificity(RouteTemplate a, RouteTemplate b) {
    int common = Math.min(a.segments.size(), b.segments.size());
    for (int i = 0; i < common; i++) {
      int byKind = Integer.compare(rank(b.segments.get(i)), rank(a.segments.get(i)));
      if (byKind != 0) {
        return byKind;
      }
    }
    return Integer.compare(b.segments.size(), a.segments.size());
  }

  private static int rank(String segment) {
    return segment.startsWith("{") ? (segment.endsWith("+}") ? 0 : 1) : 2;
  }

  int size() {
    return segments.size();
  }

  /**
   * Matches a raw, still-encoded request path; returns the decoded parameters, or empty when the
   * path does not match.
   */
  public Optional<Map<String, String>> match(String rawPath) {
    requireNonNull(rawPath, "rawPath == null");
    if (literal != null && rawPath.startsWith("/") && rawPath.indexOf('%') < 0) {
      // Nothing to decode: the path matches exactly, or with one trailing slash (not the root).
      boolean matches =
          rawPath.equals(literal)
              || literal.length() > 1
                  && rawPath.length() == literal.length() + 1
                  && rawPath.startsWith(literal)
                  && rawPath.endsWith("/");
      return matches ? NO_PARAMETERS : Optional.empty();
    }
    List<String> parts = split(rawPath);
    if (parts == null) {
      return Optional.empty();
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String segment = segments.get(i);
      if (segment.endsWith("+}")) {
        if (i >= parts.size()) {
          return Optional.empty();
        }
        List<String> rest = new ArrayList<>();
        for (String part : parts.subList(i, parts.size())) {
          String decoded = decode(part);
          // Slashes separate the segments of a greedy parameter; an encoded one inside a segment
          // would let "..%2Fetc" pass as one harmless-looking segment and join into "../etc".
          if (decoded.indexOf('/') >= 0) {
            return Optional.empty();
          }
          rest.add(decoded);
        }
        params.put(segment.substring(1, segment.length() - 2), String.join("/", rest));
        return Optional.of(params);
      }
      if (i >= parts.size()) {
        return Optional.empty();
      }
      String decoded = decode(parts.get(i));
      if (segment.startsWith("{")) {
        params.put(segment.substring(1, segment.length() - 1), decoded);
      } else if (!segment.equals(decoded)) {
        return Optional.empty();
      }
    }
    return parts.size() == segments.size() ? Optional.of(params) : Optional.empty();
  }

  /** Splits a raw path into segments; null when it has empty or dot segments, which never match. */
  static List<String> split(String rawPath) {
    requireNonNull(rawPath, "rawPath == null");
    String body = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    // Only a trailing slash after a segment is ignored: "//" is an empty segment, not the root.
    if (body.length() > 1 && body.endsWith("/")) {
      body = body.substring(0, body.length() - 1);
    }
    List<String> parts = new ArrayList<>();
    if (body.isEmpty()) {
      return parts;
    }
    for (String part : body.split("/", -1)) {
      String decoded = decode(part);
      if (part.isEmpty() || decoded.equals(".") || decoded.equals("..")) {
        return null;
      }
      parts.add(part);
    }
    return parts;
  }

  /**
   * {@code rawPath} without a first segment equal to {@code segment}, as a platform puts one in
   * front of the path routes are declared for (Azure's route prefix, an HTTP API's named stage):
   * {@code /api/orders} without {@code api} is {@code /orders}, {@code /api} is {@code /}, and a
   * path whose first segment differs ({@code /apis/x}) comes back as it is.
   */
  public static String withoutFirstSegment(String rawPath, String segment) {
    return withoutFirstSegment(rawPath, segment, false);
  }

  /**
   * As {@link #withoutFirstSegment(String, String)}, the segment matched ignoring case where {@code
   * ignoreCase} says so, as Azure's host matches its route prefix: {@code /API/orders} without
   * {@code api} is {@code /orders} there.
   */
  public static String withoutFirstSegment(String rawPath, String segment, boolean ignoreCase) {
    int end = segment.length() + 1; // after "/" and the segment
    if (segment.isEmpty()
        || rawPath.length() < end
        || rawPath.charAt(0) != '/'
        || !(rawPath.startsWith(segment, 1) // as written, mostly, and cheaper to tell
            || ignoreCase && rawPath.regionMatches(true, 1, segment, 0, segment.length()))) {
      return rawPath;
    }
    if (rawPath.length() == end) {
      return "/";
    }
    return rawPath.charAt(end) == '/' ? rawPath.substring(end) : rawPath;
  }

  /** Whether a raw path is one that never matches any route (empty or dot segments). */
  public static boolean isMalformed(String rawPath) {
    return split(rawPath) == null;
  }

  /**
   * Percent-decodes a path or one of its segments as UTF-8: {@code %XX} with two ASCII hex digits
   * is a byte, anything else stands for itself (a bare {@code %} too), and {@code +} stays a plus
   * sign.
   */
  public static String decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%'
          && i + 2 < segment.length()
          && hex(segment.charAt(i + 1)) >= 0
          && hex(segment.charAt(i + 2)) >= 0) {
        out.write(hex(segment.charAt(i + 1)) << 4 | hex(segment.charAt(i + 2)));
        i += 2;
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < segment.length() ? i + 2 : i + 1;
        byte[] bytes = segment.substring(i, end).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        i = end - 1;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The value of an ASCII hex digit, or -1; {@link Character#digit} would accept any digit. */
  private static int hex(char c) {
    return c < 0x80 ? Character.digit(c, 16) : -1;
  }

  private static InvalidValueException invalid(String template, String why) {
    return new InvalidValueException("route \"" + template + "\" " + why);
  }

  @Override
  public String toString() {
    return template;
  }
}
