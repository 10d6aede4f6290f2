package dev.tern;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * HTTP headers: an immutable multi-map whose names compare case-insensitively and keep the order
 * and spelling in which they first arrived.
 *
 * <p>Given a request with {@code Accept: text/html} and {@code accept: application/json}, {@code
 * headers.all("ACCEPT")} is {@code [text/html, application/json]} and {@code
 * headers.first("Accept")} is {@code Optional[text/html]}.
 *
 * <p>Names must be HTTP tokens and values must not contain CR, LF or NUL; anything else is rejected
 * with {@link InvalidValueException}, so a header can never split a response.
 *
 * <p>Headers made by {@link #deferred} are built the first time they are read; until then they cost
 * nothing.
 *
 * @since 0.1
 */
public final class Headers {
  private static final String[] NONE = new String[0];
  private static final Headers EMPTY = new Headers(NONE, NONE, 0);

  /**
   * Above this many values, {@link Builder#build()} groups names through a hash map rather than by
   * comparing each name with those before it.
   */
  private static final int SMALL = 32;

  /** Which ASCII characters may appear in a token. */
  private static final boolean[] TOKEN = tokenChars();

  /**
   * Each value and the name it arrived with, in the first {@code size} slots. The values of one
   * name are adjacent and in arrival order, and names are in the order they first arrived; the
   * first slot of a run holds the name's first spelling. The arrays may be shared with the builder
   * that made them, which copies them before any change.
   */
  private final String[] names;

  private final String[] values;
  private final int size;

  /** For headers made by {@link #deferred}, what builds them; null for all others. */
  private final Supplier<Headers> source;

  /**
   * What {@link #source} built, once something has read these headers. Set without a lock: threads
   * that race here build equal headers, each safely published by its final fields.
   */
  private Headers built;

  private Headers(String[] names, String[] values, int size) {
    this.names = names;
    this.values = values;
    this.size = size;
    this.source = null;
  }

  private Headers(Supplier<Headers> source) {
    this.names = NONE;
    this.values = NONE;
    this.size = 0;
    this.source = source;
  }

  /** No headers. */
  public static Headers of() {
    return EMPTY;
  }

  /** One header with one or more values. */
  public static Headers of(String name, String... values) {
    Builder builder = new Builder(requireNonNull(values, "values == null").length);
    for (String value : values) {
      builder.add(name, value);
    }
    return builder.build();
  }

  /** Copies a map of names to values; names that differ only in case are merged in map order. */
  public static Headers of(Map<String, ? extends List<String>> map) {
    requireNonNull(map, "map == null");
    Builder builder = new Builder(map.size());
    for (Map.Entry<String, ? extends List<String>> e : map.entrySet()) {
      builder.addAll(e.getKey(), e.getValue());
    }
    return builder.build();
  }

  public static Builder builder() {
    return new Builder(8);
  }

  /**
   * Headers that {@code source} builds the first time any method reads them, for adapters that wrap
   * a platform's parsed request, whose headers most functions never read.
   *
   * <p>{@code source} must build equal headers each time it is called; threads that read at once
   * may each call it. It may be called late, on any thread, even after the platform's call has
   * returned (a function may keep the request), so it must read only what stays as it was: a map
   * the platform made for this request, not a view of a connection it will reuse. What it throws is
   * thrown by the method that read, every time; an {@link InvalidValueException} it throws
   * {@linkplain InvalidValueException#isAbout(Headers) is about} these headers, so that an HTTP
   * function that lets it escape answers 400 rather than 500, as for a request body it cannot read.
   */
  public static Headers deferred(Supplier<Headers> source) {
    return new Headers(requireNonNull(source, "source == null"));
  }

  /** These headers, or for {@linkplain #deferred deferred} ones what their source builds. */
  private Headers built() {
    Headers headers = built;
    if (headers == null) {
      try {
        headers = source.get();
      } catch (InvalidValueException e) {
        throw e.about(this);
      }
      if (headers == null) {
        throw new NullPointerException("deferred headers' source returned null");
      }
      if (headers.source != null) {
        headers = headers.built();
      }
      built = headers;
    }
    return headers;
  }

  /** The first value of {@code name}, if there is one. */
  public Optional<String> first(String name) {
    if (source != null) {
      return built().first(name);
    }
    int at = indexOf(name);
    return at < 0 ? Optional.empty() : Optional.of(values[at]);
  }

  /** Every value of {@code name} in arrival order; empty when absent. */
  public List<String> all(String name) {
    if (source != null) {
      return built().all(name);
    }
    int at = indexOf(name);
    return at < 0 ? List.of() : run(at, end(at));
  }

  public boolean contains(String name) {
    if (source != null) {
      return built().contains(name);
    }
    return indexOf(name) >= 0;
  }

  /** The names, spelled as they first arrived. */
  public Set<String> names() {
    if (source != null) {
      return built().names();
    }
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < size; i = end(i)) {
      names.add(this.names[i]);
    }
    return Collections.unmodifiableSet(names);
  }

  public boolean isEmpty() {
    if (source != null) {
      return built().isEmpty();
    }
    return size == 0;
  }

  /** The headers as an unmodifiable map, keyed by each name's first spelling. */
  public Map<String, List<String>> asMap() {
    if (source != null) {
      return built().asMap();
    }
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0, end; i < size; i = end) {
      end = end(i);
      map.put(names[i], run(i, end));
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * Calls {@code action} with each name, spelled as it first arrived, and its values, in the order
   * of {@link #asMap()} but without building the map.
   */
  public void forEach(BiConsumer<? super String, ? super List<String>> action) {
    requireNonNull(action, "action == null");
    if (source != null) {
      built().forEach(action);
      return;
    }
    for (int i = 0, end; i < size; i = end) {
      end = end(i);
      action.accept(names[i], run(i, end));
    }
  }

  /** A copy with {@code name} set to exactly {@code value}, replacing earlier values. */
  public Headers with(String name, String value) {
    if (source != null) {
      return built().with(name, value);
    }
    if (contains(checkName(name))) {
      return toBuilder().set(name, value).build();
    }
    return appended(name, checkValue(name, value));
  }

  /** A copy with {@code value} added after the existing values of {@code name}. */
  public Headers plus(String name, String value) {
    if (source != null) {
      return built().plus(name, value);
    }
    if (contains(checkName(name))) {
      return toBuilder().add(name, value).build();
    }
    return appended(name, checkValue(name, value));
  }

  /**
   * {@link #with} for a name known to be a token and known to be absent, such as a constant the
   * caller has just looked up: only the value is checked.
   */
  Headers withAbsent(String name, String value) {
    if (source != null) {
      return built().withAbsent(name, value);
    }
    return appended(name, checkValue(name, value));
  }

  /** A copy without {@code name}. */
  public Headers without(String name) {
    if (source != null) {
      return built().without(name);
    }
    return toBuilder().remove(name).build();
  }

  public Builder toBuilder() {
    if (source != null) {
      return built().toBuilder();
    }
    Builder builder = new Builder(0);
    builder.names = names;
    builder.values = values;
    builder.size = size;
    builder.shared = true;
    builder.mayRepeat = true;
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    if (other == this) {
      return true;
    }
    if (!(other instanceof Headers)) {
      return false;
    }
    if (source != null) {
      return built().equals(other);
    }
    Headers that = (Headers) other;
    if (that.source != null) {
      that = that.built();
    }
    int runs = 0;
    for (int i = 0, end; i < size; i = end) {
      end = end(i);
      runs++;
      int at = that.indexOf(names[i]);
      if (at < 0 || that.end(at) - at != end - i) {
        return false;
      }
      for (int k = i; k < end; k++) {
        if (!values[k].equals(that.values[at + k - i])) {
          return false;
        }
      }
    }
    return runs == that.runs();
  }

  /** The hash of the map from lower-cased names to their values. */
  @Override
  public int hashCode() {
    if (source != null) {
      return built().hashCode();
    }
    int hash = 0;
    for (int i = 0, end; i < size; i = end) {
      end = end(i);
      int key = 0;
      String name = names[i];
      for (int c = 0; c < name.length(); c++) {
        key = 31 * key + lower(name.charAt(c));
      }
      int list = 1;
      for (int k = i; k < end; k++) {
        list = 31 * list + values[k].hashCode();
      }
      hash += key ^ list;
    }
    return hash;
  }

  @Override
  public String toString() {
    if (source != null) {
      try {
        return built().toString();
      } catch (RuntimeException e) {
        return "{unreadable headers: " + e.getMessage() + "}";
      }
    }
    return asMap().toString();
  }

  /** The slot of the first value of {@code name}, or -1. */
  private int indexOf(String name) {
    requireNonNull(name, "name == null");
    for (int i = 0; i < size; i++) {
      if (same(names[i], name)) {
        return i;
      }
    }
    return isAscii(name) ? -1 : indexOfLowered(name);
  }

  /** {@link #indexOf} for a name with non-ASCII characters, which may lower-case to a token. */
  private int indexOfLowered(String name) {
    String key = key(name);
    if (key != null) {
      for (int i = 0; i < size; i++) {
        if (same(names[i], key)) {
          return i;
        }
      }
    }
    return -1;
  }

  /**
   * Whether a stored name and {@code name} are equal ignoring the case of ASCII letters: for an
   * ASCII {@code name}, whether their lower-case forms are equal; never for any other.
   */
  private static boolean same(String stored, String name) {
    int length = stored.length();
    if (name.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char a = stored.charAt(i);
      char b = name.charAt(i);
      if (a != b && lower(a) != lower(b)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code name} in a form that equals a stored name ignoring case exactly when their lower-case
   * forms are equal, or null when it can equal none. Stored names are tokens, so ASCII; a name that
   * lower-cases to ASCII, such as one with the Kelvin sign, is taken in lower case.
   */
  private static String key(String name) {
    requireNonNull(name, "name == null");
    if (isAscii(name)) {
      return name;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return isAscii(lower) ? lower : null;
  }

  /** The slot after the run of values that starts at {@code start}. */
  private int end(int start) {
    String name = names[start];
    int end = start + 1;
    while (end < size && same(names[end], name)) {
      end++;
    }
    return end;
  }

  private int runs() {
    int runs = 0;
    for (int i = 0; i < size; i = end(i)) {
      runs++;
    }
    return runs;
  }

  private List<String> run(int start, int end) {
    return end - start == 1
        ? List.of(values[start])
        : List.of(Arrays.copyOfRange(values, start, end));
  }

  /** A copy with one more value under a name not yet present, validated by the caller. */
  private Headers appended(String name, String value) {
    String[] n = Arrays.copyOf(names, size + 1);
    String[] v = Arrays.copyOf(values, size + 1);
    n[size] = name;
    v[size] = value;
    return new Headers(n, v, size + 1);
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  /** Whether {@code c} may appear in an HTTP token (RFC 9110 section 5.6.2). */
  static boolean isTokenChar(char c) {
    return c < 0x80 && TOKEN[c];
  }

  private static boolean[] tokenChars() {
    boolean[] token = new boolean[0x80];
    for (char c = '!'; c < 0x7f; c++) {
      token[c] = "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
    return token;
  }

  static String checkName(String name) {
    requireNonNull(name, "name == null");
    if (name.isEmpty()) {
      throw new InvalidValueException("header name is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      // Letters and dashes, which make up most names, are told apart without the table.
      int letter = c | 0x20;
      if ((letter < 'a' || letter > 'z') && c != '-' && !isTokenChar(c)) {
        throw new InvalidValueException(
            "header name \"" + escape(name) + "\" has an invalid character at index " + i);
      }
    }
    return name;
  }

  static String checkValue(String name, String value) {
    requireNonNull(value, "value == null");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= '\r' && (c == '\r' || c == '\n' || c == 0)) {
        throw new InvalidValueException(
            "value of header \"" + name + "\" contains CR, LF or NUL at index " + i);
      }
    }
    return value;
  }

  private static String escape(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n");
  }

  /** Collects headers; {@link #build()} may be called more than once. */
  public static final class Builder {
    /** Names and values in the order added; {@link #build()} groups them by name. */
    private String[] names;

    private String[] values;
    private int size;

    /** Whether built headers hold the arrays too, so that any change must copy them first. */
    private boolean shared;

    /** One bit per {@link #hint} of the names added, to notice cheaply that none repeats. */
    private long hints;

    /** Whether a name may have been added twice, so {@link #build()} must check the grouping. */
    private boolean mayRepeat;

    private Builder(int capacity) {
      this.names = capacity == 0 ? NONE : new String[capacity];
      this.values = capacity == 0 ? NONE : new String[capacity];
    }

    public Builder add(String name, String value) {
      checkName(name);
      append(name, checkValue(name, value));
      return this;
    }

    public Builder addAll(String name, Iterable<String> values) {
      requireNonNull(values, "values == null");
      if (values instanceof List && values instanceof RandomAccess) {
        // The name is checked once, and no iterator is made: adapters copy platform maps this way.
        List<String> list = (List<String>) values;
        int count = list.size();
        if (count > 0) {
          checkName(name);
          for (int i = 0; i < count; i++) {
            append(name, checkValue(name, list.get(i)));
          }
        }
        return this;
      }
      for (String value : values) {
        add(name, value);
      }
      return this;
    }

    /** Adds a checked name and value. */
    private void append(String name, String value) {
      long bit = 1L << hint(name);
      mayRepeat |= (hints & bit) != 0;
      hints |= bit;
      if (shared || size == names.length) {
        copy(Math.max(8, size + (size >> 1) + 1));
      }
      names[size] = name;
      values[size] = value;
      size++;
    }

    public Builder set(String name, String value) {
      remove(name);
      return add(name, value);
    }

    public Builder remove(String name) {
      String key = key(name);
      if (key == null) {
        return this;
      }
      int kept = 0;
      while (kept < size && !same(names[kept], key)) {
        kept++;
      }
      if (kept == size) {
        return this;
      }
      if (shared) {
        copy(names.length);
      }
      for (int i = kept + 1; i < size; i++) {
        if (!same(names[i], key)) {
          names[kept] = names[i];
          values[kept] = values[i];
          kept++;
        }
      }
      Arrays.fill(names, kept, size, null);
      Arrays.fill(values, kept, size, null);
      size = kept;
      return this;
    }

    public Headers build() {
      if (size == 0) {
        return EMPTY;
      }
      if (mayRepeat && !grouped()) {
        group();
      }
      shared = true;
      return new Headers(names, values, size);
    }

    /** A number in 0-63 that is the same for names equal but for case. */
    private static int hint(String name) {
      return (name.length() * 31
              + lower(name.charAt(0)) * 7
              + lower(name.charAt(name.length() - 1)))
          & 63;
    }

    /** Whether the values of each name are already adjacent. */
    private boolean grouped() {
      if (size > SMALL) {
        return false;
      }
      for (int i = 1; i < size; i++) {
        if (same(names[i], names[i - 1])) {
          continue;
        }
        for (int j = 0; j < i - 1; j++) {
          if (same(names[j], names[i])) {
            return false;
          }
        }
      }
      return true;
    }

    /** Moves the values of each name next to its first, keeping arrival order (a stable sort). */
    private void group() {
      Map<String, List<Integer>> slots = new LinkedHashMap<>();
      for (int i = 0; i < size; i++) {
        String key = names[i].toLowerCase(Locale.ROOT);
        List<Integer> list = slots.get(key);
        if (list == null) {
          list = new ArrayList<>(2);
          slots.put(key, list);
        }
        list.add(i);
      }
      String[] n = new String[names.length];
      String[] v = new String[names.length];
      int at = 0;
      for (List<Integer> list : slots.values()) {
        String first = names[list.get(0)];
        for (int slot : list) {
          n[at] = first;
          v[at] = values[slot];
          at++;
        }
      }
      names = n;
      values = v;
      shared = false;
    }

    private void copy(int capacity) {
      names = Arrays.copyOf(names, capacity);
      values = Arrays.copyOf(values, capacity);
      shared = false;
    }
  }
}
