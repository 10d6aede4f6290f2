package dev.tern.aws.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.tern.UndecodablePayloadException;
import dev.tern.jackson.JsonBytes;
import dev.tern.jackson.TernJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON tree over jackson-core alone, so the cold path never loads databind: objects are
 * {@link LinkedHashMap}s, arrays {@link ArrayList}s, numbers {@link Num} (their exact text), and
 * JSON {@code null} is Java {@code null}.
 *
 * <p>The tree is read-only at every level: it is what events hand out as {@code raw()}, and events
 * are immutable. Each map and list is wrapped ({@link Collections#unmodifiableMap}, {@link
 * Collections#unmodifiableList}) as soon as it is complete, which costs one small object per
 * container and no copy; the adapter itself never changes a tree after parsing (Cognito's answer is
 * a copy). Parsing uses {@link TernJson#parserWithoutDuplicateDetection(byte[])}, so Tern's read
 * limits apply; a key repeated in one object is refused here, while the object is built, rather
 * than by the parser's own duplicate detector, which would hash every key a second time.
 */
public final class Json {
  /** A JSON number, kept as written so that an echoed payload (Cognito) is byte-faithful. */
  public record Num(String text) {
    public long asLong() {
      return new java.math.BigDecimal(text).longValueExact();
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private Json() {}

  /**
   * Parses a whole payload.
   *
   * @throws UndecodablePayloadException naming where parsing stopped, never quoting the input
   */
  public static Object parse(byte[] bytes) {
    return parse(bytes, false);
  }

  /**
   * Parses a Lambda payload as {@link #parse} does, except that an API Gateway HTTP API or function
   * URL request whose first member is {@code "version": "2.0"}, as Lambda sends them, comes back as
   * an {@link HttpEvent} read while it was parsed: a map of the same content, built only if asked
   * for. Errors are those of {@link #parse}.
   */
  static Object parseEvent(byte[] bytes) {
    return parse(bytes, true);
  }

  private static Object parse(byte[] bytes, boolean events) {
    try (JsonParser parser = TernJson.parserWithoutDuplicateDetection(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new UndecodablePayloadException("aws: the payload is empty, not a JSON document");
      }
      Object value;
      if (first == JsonToken.START_OBJECT) {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken t = parser.nextToken();
        if (events && t == JsonToken.FIELD_NAME && "version".equals(parser.currentName())) {
          Object version = read(parser, parser.nextToken());
          // Skipped strings are never measured, so a payload that could hold one longer than the
          // read limit allows is read as a tree.
          if ("2.0".equals(version) && bytes.length <= TernJson.MAX_STRING) {
            HttpEvent event = HttpEvent.read(parser, bytes);
            return event != null ? event : parse(bytes, false);
          }
          map.put("version", version);
          t = parser.nextToken();
        }
        value = Collections.unmodifiableMap(members(parser, map, t));
      } else {
        value = read(parser, first);
      }
      if (parser.nextToken() != null) {
        throw new UndecodablePayloadException(
            "aws: the payload has content after its JSON document at " + where(parser));
      }
      return value;
    } catch (StreamConstraintsException e) {
      throw new UndecodablePayloadException(
          "aws: the payload exceeds Tern's JSON read limits: " + firstLine(e.getOriginalMessage()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      String location =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new UndecodablePayloadException("aws: the payload is not valid JSON" + location);
    } catch (IOException e) {
      throw new UndecodablePayloadException(
          "aws: the payload could not be read: " + e.getClass().getSimpleName());
    }
  }

  private static String where(JsonParser parser) {
    return "line "
        + parser.currentLocation().getLineNr()
        + ", column "
        + parser.currentLocation().getColumnNr();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /**
   * The members of the payload's object into {@code map}, from {@code t}, its next name or its end;
   * {@link #read} does the same for nested objects.
   */
  private static Map<String, Object> members(
      JsonParser parser, Map<String, Object> map, JsonToken t) throws IOException {
    for (; t != JsonToken.END_OBJECT; t = parser.nextToken()) {
      String name = parser.currentName();
      int size = map.size();
      map.put(name, read(parser, parser.nextToken()));
      if (map.size() == size) {
        throw new UndecodablePayloadException(
            "aws: the payload repeats a key in one object at " + where(parser));
      }
    }
    return map;
  }

  /** The value that starts at {@code token}, read-only. */
  static Object read(JsonParser parser, JsonToken token) throws IOException {
    // Jackson's token ids rather than the enum: a switch on an enum costs a cold JVM one more
    // class.
    switch (token.id()) {
      case JsonTokenId.ID_START_OBJECT:
        {
          // members(...) inlined by hand: one recursive method keeps the JIT's inlining as deep
          Map<String, Object> map = new LinkedHashMap<>();
          for (JsonToken t = parser.nextToken();
              t != JsonToken.END_OBJECT;
              t = parser.nextToken()) {
            String name = parser.currentName();
            int size = map.size();
            map.put(name, read(parser, parser.nextToken()));
            if (map.size() == size) {
              throw new UndecodablePayloadException(
                  "aws: the payload repeats a key in one object at " + where(parser));
            }
          }
          return Collections.unmodifiableMap(map);
        }
      case JsonTokenId.ID_START_ARRAY:
        {
          List<Object> list = new ArrayList<>();
          for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            list.add(read(parser, t));
          }
          return Collections.unmodifiableList(list);
        }
      case JsonTokenId.ID_STRING:
        return parser.getText();
      case JsonTokenId.ID_NUMBER_INT:
      case JsonTokenId.ID_NUMBER_FLOAT:
        return new Num(parser.getText());
      case JsonTokenId.ID_TRUE:
        return Boolean.TRUE;
      case JsonTokenId.ID_FALSE:
        return Boolean.FALSE;
      case JsonTokenId.ID_NULL:
        return null;
      default:
        throw new UndecodablePayloadException(
            "aws: unexpected JSON token " + token + " at " + where(parser));
    }
  }

  /** Writes a tree value. */
  public static void write(JsonBytes out, Object value) {
    if (value == null) {
      out.nullValue();
    } else if (value instanceof String) {
      out.string((String) value);
    } else if (value instanceof Num) {
      out.numberText(((Num) value).text());
    } else if (value instanceof Boolean) {
      out.bool((Boolean) value);
    } else if (value instanceof Number) {
      out.numberText(value.toString());
    } else if (value instanceof Map) {
      out.startObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        out.name(String.valueOf(e.getKey()));
        write(out, e.getValue());
      }
      out.endObject();
    } else if (value instanceof List) {
      out.startArray();
      for (Object item : (List<?>) value) {
        write(out, item);
      }
      out.endArray();
    } else {
      out.string(value.toString());
    }
  }

  /** Serializes a tree value to UTF-8 bytes. */
  public static byte[] toBytes(Object value) {
    JsonBytes out = new JsonBytes(256);
    write(out, value);
    return out.toByteArray();
  }

  /** A scalar as text (string, number, boolean); null for anything else. */
  public static String scalarText(Object value) {
    if (value instanceof String) {
      return (String) value;
    }
    if (value instanceof Num || value instanceof Boolean) {
      return value.toString();
    }
    return null;
  }

  /** A value as text: scalars as themselves, objects and arrays as compact JSON. */
  public static String asText(Object value) {
    String scalar = scalarText(value);
    if (scalar != null) {
      return scalar;
    }
    return new String(toBytes(value), java.nio.charset.StandardCharsets.UTF_8);
  }

  // Null-safe navigation helpers: each returns null when the value is absent or of another type.

  /** {@code value} as an object, or null. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> obj(Object value) {
    return value instanceof Map ? (Map<String, Object>) value : null;
  }

  /** The object under {@code key} of {@code map} (which may be null), or null. */
  public static Map<String, Object> obj(Map<String, Object> map, String key) {
    return map == null ? null : obj(map.get(key));
  }

  /** {@code value} as an array, or null. */
  @SuppressWarnings("unchecked")
  public static List<Object> list(Object value) {
    return value instanceof List ? (List<Object>) value : null;
  }

  /** The array under {@code key} of {@code map} (which may be null), or null. */
  public static List<Object> list(Map<String, Object> map, String key) {
    return map == null ? null : list(map.get(key));
  }

  /** The string under {@code key} of {@code map} (which may be null), or null. */
  public static String str(Map<String, Object> map, String key) {
    if (map == null) {
      return null;
    }
    Object value = map.get(key);
    return value instanceof String ? (String) value : null;
  }

  /** The scalar under {@code key} as text (strings, numbers, booleans), or null. */
  public static String text(Map<String, Object> map, String key) {
    return map == null ? null : scalarText(map.get(key));
  }

  /** Whether {@code key} holds {@code true} (or the string {@code "true"}). */
  public static boolean isTrue(Map<String, Object> map, String key) {
    if (map == null) {
      return false;
    }
    Object value = map.get(key);
    return Boolean.TRUE.equals(value)
        || "true".equalsIgnoreCase(String.valueOf(value)) && value instanceof String;
  }

  /** The entries of {@code map} (which may be null) as strings: scalars as text, others as JSON. */
  public static Map<String, String> stringMap(Map<String, Object> map) {
    Map<String, String> out = new LinkedHashMap<>();
    if (map != null) {
      for (Map.Entry<String, Object> e : map.entrySet()) {
        if (e.getValue() != null) {
          out.put(e.getKey(), asText(e.getValue()));
        }
      }
    }
    return out;
  }

  /** The value at a path of object keys, or null. */
  public static Object at(Object root, String... keys) {
    Object current = root;
    for (String key : keys) {
      Map<String, Object> map = obj(current);
      if (map == null) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }
}
