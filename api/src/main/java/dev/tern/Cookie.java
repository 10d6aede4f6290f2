package dev.tern;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A cookie the client sent: a name and its value, as found in a {@code Cookie} header (or in the
 * separate {@code cookies} list some platforms deliver instead).
 *
 * @param name the cookie name, never empty
 * @param value the value as sent, possibly empty; Tern does not decode it
 * @since 0.1
 */
public record Cookie(String name, String value) {
  public Cookie {
    requireNonNull(name, "name == null");
    requireNonNull(value, "value == null");
    if (name.isEmpty()) {
      throw new InvalidValueException("cookie name is empty");
    }
  }

  /**
   * Parses {@code Cookie} header values: given {@code "a=1; b=2"}, returns {@code [a=1, b=2]}.
   * Pairs without a name are skipped; surrounding double quotes are kept, as RFC 6265 says.
   */
  public static List<Cookie> parse(Iterable<String> headerValues) {
    requireNonNull(headerValues, "headerValues == null");
    if (headerValues instanceof Collection && ((Collection<String>) headerValues).isEmpty()) {
      return List.of();
    }
    List<Cookie> cookies = new ArrayList<>();
    for (String header : headerValues) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        String name = (eq < 0 ? pair : pair.substring(0, eq)).trim();
        if (!name.isEmpty()) {
          cookies.add(new Cookie(name, eq < 0 ? "" : pair.substring(eq + 1).trim()));
        }
      }
    }
    return List.copyOf(cookies);
  }
}
