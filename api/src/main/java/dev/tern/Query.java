package dev.tern;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * <p>A parsed query is split into its pairs only when something needs them all; {@link #first}
 * finds its value in the raw query. Both ways give the same answers, and a query is safe to share
 * between threads either way.
 *
 * @since 0.1
 */
public final class Query {
  private static final String[] NONE = new String[0];
  private static final Query EMPTY = new Query("", NONE, 0);

  private final String raw;

  /**
   * Decoded names and values in arrival order: name, value, name, value; {@code 2 * count} used.
   * Null for a query {@link #parse} has not split, whose pairs are in {@link #splitQuery}.
   */
  private final String[] pairs;

  private final int count;

  /**
   * For a query not split when parsed, the same query split, made on first need. Threads that race
   * here make equal queries, each safely published by its final fields.
   */
  private Query splitQuery;

  private Query(String raw, String[] pairs, int count) {
    this.raw = raw;
    this.pairs = pairs;
    this.count = count;
  }

  /** This query with its pairs: itself, or its split form. */
  private Query pairs() {
    if (pairs != null) {
      return this;
    }
    Query made = splitQuery;
    if (made == null) {
      made = split(raw);
      splitQuery = made;
    }
    return made;
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
    return rawQuery.isEmpty() ? EMPTY : new Query(rawQuery, null, 0);
  }

  /** Splits and decodes a non-empty raw query into a query that holds its pairs. */
  private static Query split(String rawQuery) {
    int length = rawQuery.length();
    // One pass finds each pair's '=' and whether its name or value needs decoding at all.
    String[] pairs = new String[4];
    int count = 0;
    int start = 0;
    int eq = -1;
    boolean encodedName = false;
    boolean encodedValue = false;
    for (int i = 0; i <= length; i++) {
      char c = i < length ? rawQuery.charAt(i) : '&';
      if (c == '&') {
        if (i > start) {
          if (2 * count == pairs.length) {
            pairs = Arrays.copyOf(pairs, 2 * pairs.length);
          }
          int nameEnd = eq < 0 ? i : eq;
          pairs[2 * count] = part(rawQuery, start, nameEnd, encodedName);
          pairs[2 * count + 1] = eq < 0 ? "" : part(rawQuery, eq + 1, i, encodedValue);
          count++;
        }
        start = i + 1;
        eq = -1;
        encodedName = false;
        encodedValue = false;
      } else if (c == '=') {
        if (eq < 0) {
          eq = i;
        }
      } else if (c == '%' || c == '+') {
        if (eq < 0) {
          encodedName = true;
        } else {
          encodedValue = true;
        }
      }
    }
    return count == 0 ? new Query(rawQuery, NONE, 0) : new Query(rawQuery, pairs, count);
  }

  /** {@code text[from, to)}, decoded when it holds a {@code +} or {@code %}. */
  private static String part(String text, int from, int to, boolean encoded) {
    return encoded ? decode(text, from, to) : text.substring(from, to);
  }

  /** Builds a query from decoded names and values; {@link #raw()} is their form encoding. */
  public static Query of(Map<String, ? extends List<String>> decoded) {
    requireNonNull(decoded, "decoded == null");
    List<String> pairs = new ArrayList<>();
    StringBuilder raw = new StringBuilder();
    for (Map.Entry<String, ? extends List<String>> e : decoded.entrySet()) {
      String name = e.getKey();
      if (name == null) {
        throw new InvalidValueException("query: null key");
      }
      if (e.getValue() == null) {
        throw new InvalidValueException("query: null value for key \"" + name + "\"");
      }
      int index = 0;
      for (String value : e.getValue()) {
        if (value == null) {
          throw new InvalidValueException(
              "query: null element at index " + index + " of key \"" + name + "\"");
        }
        index++;
        pairs.add(name);
        pairs.add(value);
        if (raw.length() > 0) {
          raw.append('&');
        }
        raw.append(encode(name)).append('=').append(encode(value));
      }
    }
    return pairs.isEmpty()
        ? EMPTY
        : new Query(raw.toString(), pairs.toArray(NONE), pairs.size() / 2);
  }

  /** The first value of {@code name}. */
  public Optional<String> first(String name) {
    requireNonNull(name, "name == null");
    if (pairs == null) {
      Query made = splitQuery;
      return made == null ? Optional.ofNullable(find(raw, name)) : made.first(name);
    }
    for (int i = 0; i < count; i++) {
      if (pairs[2 * i].equals(name)) {
        return Optional.of(pairs[2 * i + 1]);
      }
    }
    return Optional.empty();
  }

  /**
   * The first value of {@code name} in a non-empty raw query, as {@link #split} would decode it, or
   * null; one pass that decodes only the names that may match and the value that does.
   */
  private static String find(String rawQuery, String name) {
    int length = rawQuery.length();
    int start = 0;
    int eq = -1;
    boolean encodedName = false;
    boolean encodedValue = false;
    for (int i = 0; i <= length; i++) {
      char c = i < length ? rawQuery.charAt(i) : '&';
      if (c == '&') {
        if (i > start) {
          int nameEnd = eq < 0 ? i : eq;
          boolean matches =
              encodedName
                  ? decode(rawQuery, start, nameEnd).equals(name)
                  : nameEnd - start == name.length() && rawQuery.startsWith(name, start);
          if (matches) {
            return eq < 0 ? "" : part(rawQuery, eq + 1, i, encodedValue);
          }
        }
        start = i + 1;
        eq = -1;
        encodedName = false;
        encodedValue = false;
      } else if (c == '=') {
        if (eq < 0) {
          eq = i;
        }
      } else if (c == '%' || c == '+') {
        if (eq < 0) {
          encodedName = true;
        } else {
          encodedValue = true;
        }
      }
    }
    return null;
  }

  /** Every value of {@code name}, in order; empty when absent. */
  public List<String> all(String name) {
    requireNonNull(name, "name == null");
    if (pairs == null) {
      return pairs().all(name);
    }
    String[] found = null;
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (pairs[2 * i].equals(name)) {
        if (found == null) {
          found = new String[count - i];
        }
        found[n++] = pairs[2 * i + 1];
      }
    }
    return n == 0 ? List.of() : n == 1 ? List.of(found[0]) : List.of(Arrays.copyOf(found, n));
  }

  public Set<String> names() {
    if (pairs == null) {
      return pairs().names();
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      names.add(pairs[2 * i]);
    }
    return Collections.unmodifiableSet(names);
  }

  public boolean isEmpty() {
    if (pairs != null) {
      return count == 0;
    }
    for (int i = 0; i < raw.length(); i++) {
      if (raw.charAt(i) != '&') {
        return false; // the start of a pair
      }
    }
    return true;
  }

  /** The names in the order they first appeared, each with its values in order. */
  public Map<String, List<String>> asMap() {
    if (pairs == null) {
      return pairs().asMap();
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      List<String> list = values.get(pairs[2 * i]);
      if (list == null) {
        list = new ArrayList<>(1);
        values.put(pairs[2 * i], list);
      }
      list.add(pairs[2 * i + 1]);
    }
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      e.setValue(List.copyOf(e.getValue()));
    }
    return Collections.unmodifiableMap(values);
  }

  /** The query as it was received (or encoded), without {@code ?}; empty when there is none. */
  public String raw() {
    return raw;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Query && ((Query) other).asMap().equals(asMap());
  }

  @Override
  public int hashCode() {
    return asMap().hashCode();
  }

  @Override
  public String toString() {
    return raw;
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
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || "-._~".indexOf(c) >= 0;
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
