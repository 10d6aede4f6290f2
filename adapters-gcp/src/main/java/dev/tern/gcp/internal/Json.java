package dev.tern.gcp.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.UndecodablePayloadException;
import dev.tern.jackson.TernJson;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Lenient reading of Google's JSON payloads: fields in camelCase or snake_case, 64-bit numbers as
 * strings or numbers, RFC 3339 times with nanoseconds. Errors are {@link
 * UndecodablePayloadException}s that say where, never quoting the payload.
 */
public final class Json {
  private Json() {}

  /** Parses {@code bytes} (a UTF-8 BOM is tolerated) as one JSON value. */
  public static JsonNode parse(byte[] bytes, String what) {
    if (bytes == null || bytes.length == 0) {
      throw new UndecodablePayloadException("gcp: " + what + " is empty");
    }
    try {
      JsonNode node = TernJson.mapper().readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new UndecodablePayloadException("gcp: " + what + " is empty");
      }
      return node;
    } catch (StreamConstraintsException e) {
      throw new UndecodablePayloadException(
          "gcp: " + what + " exceeds a JSON read limit: " + e.getOriginalMessage());
    } catch (JacksonException e) {
      throw new UndecodablePayloadException(
          "gcp: "
              + what
              + " is not valid JSON"
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    } catch (IOException e) {
      throw new UndecodablePayloadException(
          "gcp: " + what + " could not be read: " + e.getClass().getSimpleName());
    }
  }

  /** The first present, non-null child among {@code names}. */
  public static Optional<JsonNode> field(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode child = node.get(name);
      if (child != null && !child.isNull()) {
        return Optional.of(child);
      }
    }
    return Optional.empty();
  }

  /** A string field, or empty; a present field of another type is an error. */
  public static Optional<String> text(JsonNode node, String where, String... names) {
    Optional<JsonNode> child = field(node, names);
    if (child.isEmpty()) {
      return Optional.empty();
    }
    if (!child.get().isTextual()) {
      throw new UndecodablePayloadException(
          "gcp: "
              + where
              + " field \""
              + names[0]
              + "\" is "
              + child.get().getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + ", not a string");
    }
    return Optional.of(child.get().textValue());
  }

  /** A required string field. */
  public static String requiredText(JsonNode node, String where, String... names) {
    return text(node, where, names)
        .orElseThrow(
            () ->
                new UndecodablePayloadException("gcp: " + where + " has no \"" + names[0] + "\""));
  }

  /** An int64 field written as a string ({@code "352"}) or a number ({@code 352}). */
  public static Optional<Long> int64(JsonNode node, String where, String... names) {
    Optional<JsonNode> child = field(node, names);
    if (child.isEmpty()) {
      return Optional.empty();
    }
    JsonNode value = child.get();
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return Optional.of(value.longValue());
    }
    if (value.isTextual()) {
      try {
        return Optional.of(Long.parseLong(value.textValue().trim()));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new UndecodablePayloadException(
        "gcp: " + where + " field \"" + names[0] + "\" is not a 64-bit integer");
  }

  /** An RFC 3339 timestamp field, nanoseconds kept. */
  public static Optional<Instant> time(JsonNode node, String where, String... names) {
    return text(node, where, names).map(t -> instant(t, where + " field \"" + names[0] + "\""));
  }

  /** Parses an RFC 3339 timestamp such as {@code 2021-02-05T04:06:14.109876543Z}. */
  public static Instant instant(String text, String where) {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new UndecodablePayloadException("gcp: " + where + " is not an RFC 3339 timestamp");
    }
  }

  /** A string-to-string map, such as Pub/Sub attributes. */
  public static Map<String, String> stringMap(JsonNode node, String where, String... names) {
    Optional<JsonNode> child = field(node, names);
    if (child.isEmpty()) {
      return Map.of();
    }
    if (!child.get().isObject()) {
      throw new UndecodablePayloadException(
          "gcp: " + where + " field \"" + names[0] + "\" is not an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : child.get().properties()) {
      if (!e.getValue().isTextual()) {
        // The entry's name is payload content, so the message leaves it out.
        throw new UndecodablePayloadException(
            "gcp: " + where + " field \"" + names[0] + "\" has a value that is not a string");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /** Decodes standard base64 (URL-safe is accepted too); an invalid value is an error. */
  public static byte[] base64(String text, String where) {
    String trimmed = text.trim();
    try {
      return Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      try {
        return Base64.getUrlDecoder().decode(trimmed);
      } catch (IllegalArgumentException e2) {
        throw new UndecodablePayloadException("gcp: " + where + " is not valid base64");
      }
    }
  }

  /** An object field, or empty; a present field of another type is an error. */
  public static Optional<JsonNode> object(JsonNode node, String where, String... names) {
    Optional<JsonNode> child = field(node, names);
    if (child.isPresent() && !child.get().isObject()) {
      throw new UndecodablePayloadException(
          "gcp: " + where + " field \"" + names[0] + "\" is not an object");
    }
    return child;
  }
}
