package dev.tern;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP headers: an immutable multi-map whose names compare case-insensitively and keep the order
 * and spelling in which they first arrived.
 *
 * <p>Given a request with {@code Accept: text/html} and {@code accept: application/json}, {@code
 * headers.all("ACCEPT")} is {@code [text/html, application/json]} and {@code
 * headers.first("Accept")} is {@code Optional[text/html]}.
 *
 * <p>Names must be HTTP tokens and values must not contain CR, LF or NUL; anything else is
 * rejected with {@link InvalidValueException}, so a header can never split a response.
 *
 * @since 0.1
 */
public final class Headers {
  private static final Headers EMPTY = new Headers(new LinkedHashMap<>());

  /** Lower-cased name to the header's entries, in arrival order. */
  private final Map<String, Entry> entries;

  private Headers(Map<String, Entry> entries) {
    this.entries = entries;
  }

  /** No headers. */
  public static Headers of() {
    return EMPTY;
  }

  /** One header with one or more values. */
  public static Headers of(String name, String... values) {
    Builder builder = builder();
    for (String value : requireNonNull(values, "values == null")) {
      builder.add(name, value);
    }
    return builder.build();
  }

  /** Copies a map of names to values; names that differ only in case are merged in map order. */
  public static Headers of(Map<String, ? extends List<String>> map) {
    requireNonNull(map, "map == null");
    Builder builder = builder();
    map.forEach((name, values) -> builder.addAll(name, values));
    return builder.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The first value of {@code name}, if there is one. */
  public Optional<String> first(String name) {
    Entry entry = entries.get(key(name));
    return entry == null ? Optional.empty() : Optional.of(entry.values.get(0));
  }

  /** Every value of {@code name} in arrival order; empty when absent. */
  public List<String> all(String name) {
    Entry entry = entries.get(key(name));
    return entry == null ? List.of() : entry.values;
  }

  public boolean contains(String name) {
    return entries.containsKey(key(name));
  }

  /** The names, spelled as they first arrived. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (Entry entry : entries.values()) {
      names.add(entry.name);
    }
    return Collections.unmodifiableSet(names);
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The headers as an unmodifiable map, keyed by each name's first spelling. */
  public Map<String, List<String>> asMap() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (Entry entry : entries.values()) {
      map.put(entry.name, entry.values);
    }
    return Collections.unmodifiableMap(map);
  }

  /** A copy with {@code name} set to exactly {@code value}, replacing earlier values. */
  public Headers with(String name, String value) {
    return toBuilder().set(name, value).build();
  }

  /** A copy with {@code value} added after the existing values of {@code name}. */
  public Headers plus(String name, String value) {
    return toBuilder().add(name, value).build();
  }

  /** A copy without {@code name}. */
  public Headers without(String name) {
    return toBuilder().remove(name).build();
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    entries.forEach((key, entry) ->
        builder.entries.put(key, new Object[] {entry.name, new ArrayList<>(entry.values)}));
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Headers && ((Headers) other).entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return asMap().toString();
  }

  private static String key(String name) {
    return requireNonNull(name, "name == null").toLowerCase(Locale.ROOT);
  }

  static String checkName(String name) {
    requireNonNull(name, "name == null");
    if (name.isEmpty()) {
      throw new InvalidValueException("header name is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
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
      if (c == '\r' || c == '\n' || c == 0) {
        throw new InvalidValueException(
            "value of header \"" + name + "\" contains CR, LF or NUL at index " + i);
      }
    }
    return value;
  }

  private static String escape(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n");
  }

  private static final class Entry {
    final String name;
    final List<String> values;

    Entry(String name, List<String> values) {
      this.name = name;
      this.values = values;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Entry && ((Entry) other).values.equals(values);
    }

    @Override
    public int hashCode() {
      return values.hashCode();
    }
  }

  /** Collects headers; {@link #build()} may be called more than once. */
  public static final class Builder {
    /** Lower-cased name to the first spelling and the values, mutable until {@link #build()}. */
    private final Map<String, Object[]> entries = new LinkedHashMap<>();

    private Builder() {}

    @SuppressWarnings("unchecked")
    public Builder add(String name, String value) {
      checkName(name);
      checkValue(name, value);
      Object[] entry = entries.computeIfAbsent(name.toLowerCase(Locale.ROOT),
          key -> new Object[] {name, new ArrayList<String>(2)});
      ((List<String>) entry[1]).add(value);
      return this;
    }

    public Builder addAll(String name, Iterable<String> values) {
      requireNonNull(values, "values == null");
      for (String value : values) {
        add(name, value);
      }
      return this;
    }

    public Builder set(String name, String value) {
      remove(name);
      return add(name, value);
    }

    public Builder remove(String name) {
      entries.remove(key(name));
      return this;
    }

    @SuppressWarnings("unchecked")
    public Headers build() {
      if (entries.isEmpty()) {
        return EMPTY;
      }
      Map<String, Entry> frozen = new LinkedHashMap<>(entries.size() * 2);
      entries.forEach((key, entry) ->
          frozen.put(key, new Entry((String) entry[0], List.copyOf((List<String>) entry[1]))));
      return new Headers(frozen);
    }
  }
}
