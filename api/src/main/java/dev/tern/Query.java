package dev.tern;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A URL query: an immutable, ordered multi-map of decoded names to decoded values.
 *
 * <p>Given {@code /orders/42?expand=items&expand=customer&q=a%2Bb+c}, {@code all("expand")} is
 * {@code [items, customer]} and {@code first("q")} is {@code Optional[a+b c]}. Each value is
 * decoded exactly once: {@code %2B} is a plus sign, {@code +} is a space, as browsers encode forms.
 * A key without {@code =} has the empty value; empty values are kept.
 *
 * @since 0.1
 */
public final class Query {
  private static final Query EMPTY = new Query("", Map.of());

  private final String raw;
  private final Map<String, List<String>> values;

  private Query(String raw, Map<String, List<String>> values) {
    this.raw = raw;
    this.values = values;
  }

  public static Query of() {
    return EMPTY;
  }

  /**
   * Parses a raw query string as it appears after {@code ?}, without the {@code ?}. Malformed
   * percent escapes are kept literally rather than failing the request.
   */
  public static Query parse(String rawQuery) {
    requireNonNull(rawQuery, "rawQuery == null");
    if (rawQuery.isEmpty()) {
      return EMPTY;
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    int start = 0;
    while (start <= rawQuery.length()) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = rawQuery.length();
      }
      if (end > start) {
        int eq = rawQuery.indexOf('=', start);
        String name;
        String value;
        if (eq < 0 || eq > end) {
          name = decode(rawQuery, start, end);
          value = "";
        } else {
          name = decode(rawQuery, start, eq);
          value = decode(rawQuery, eq + 1, end);
        }
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
      start = end + 1;
    }
    return new Query(rawQuery, freeze(values));
  }

  /** Builds a query from decoded names and values; {@link #raw()} is their form encoding. */
  public static Query of(Map<String, ? extends List<String>> decoded) {
    requireNonNull(decoded, "decoded == null");
    Map<String, List<String>> values = new LinkedHashMap<>();
    StringBuilder raw = new StringBuilder();
    decoded.forEach(
        (name, list) -> {
          requireNonNull(name, "name == null");
          for (String value : requireNonNull(list, "values of " + name + " == null")) {
            requireNonNull(value, "value of " + name + " == null");
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            if (raw.length() > 0) {
              raw.append('&');
            }
            raw.append(encode(name)).append('=').append(encode(value));
          }
        });
    return values.isEmpty() ? EMPTY : new Query(raw.toString(), freeze(values));
  }

  /** The first value of {@code name}. */
  public Optional<String> first(String name) {
    List<String> list = values.get(requireNonNull(name, "name == null"));
    return list == null ? Optional.empty() : Optional.of(list.get(0));
  }

  /** Every value of {@code name}, in order; empty when absent. */
  public List<String> all(String name) {
    return values.getOrDefault(requireNonNull(name, "name == null"), List.of());
  }

  public Set<String> names() {
    return values.keySet();
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  public Map<String, List<String>> asMap() {
    return values;
  }

  /** The query as it was received (or encoded), without {@code ?}; empty when there is none. */
  public String raw() {
    return raw;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Query && ((Query) other).values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return raw;
  }

  private static Map<String, List<String>> freeze(Map<String, List<String>> values) {
    values.replaceAll((k, v) -> List.copyOf(v));
    return Collections.unmodifiableMap(values);
  }

  /** Form-decodes {@code text[from, to)}: {@code +} is a space, {@code %XX} are UTF-8 bytes. */
  static String decode(String text, int from, int to) {
    boolean plain = true;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '+' || c == '%') {
        plain = false;
        break;
      }
    }
    if (plain) {
      return text.substring(from, to);
    }
    byte[] bytes = new byte[(to - from) * 3];
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '+') {
        bytes[n++] = ' ';
      } else if (c == '%' && hex(text, i + 1, to) >= 0) {
        bytes[n++] = (byte) hex(text, i + 1, to);
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < to) {
          encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        System.arraycopy(encoded, 0, bytes, n, encoded.length);
        n += encoded.length;
      }
    }
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }

  private static int hex(String text, int at, int to) {
    if (at + 1 >= to) {
      return -1;
    }
    int hi = hexDigit(text.charAt(at));
    int lo = hexDigit(text.charAt(at + 1));
    return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
  }

  /** The value of an ASCII hex digit, or -1; {@link Character#digit} would accept any digit. */
  static int hexDigit(char c) {
    return c < 0x80 ? Character.digit(c, 16) : -1;
  }

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  static String encode(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved =
          c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0;
      if (unreserved) {
        out.append((char) c);
      } else if (c == ' ') {
        out.append('+');
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
