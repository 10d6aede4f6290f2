package dev.tern.azure.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tern.UndecodablePayloadException;
import dev.tern.jackson.TernJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small JSON and scalar readers shared by the mappers; every failure names Azure and the field. */
final class Json {
  private Json() {}

  /** Parses {@code text} as JSON; {@code what} names the payload in the error. */
  static JsonNode parse(String text, String what) {
    if (text == null) {
      throw new UndecodablePayloadException("azure: " + what + " is missing");
    }
    return parse(text.getBytes(StandardCharsets.UTF_8), what);
  }

  static JsonNode parse(byte[] bytes, String what) {
    try {
      JsonNode node = TernJson.mapper().readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new UndecodablePayloadException("azure: " + what + " is empty");
      }
      return node;
    } catch (JacksonException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new UndecodablePayloadException("azure: " + what + " is not valid JSON" + where);
    } catch (IOException e) {
      throw new UndecodablePayloadException(
          "azure: " + what + " could not be read: " + e.getClass().getSimpleName());
    }
  }

  static ObjectNode object(JsonNode node, String what) {
    if (!(node instanceof ObjectNode)) {
      throw new UndecodablePayloadException(
          "azure: "
              + what
              + " is not a JSON object but "
              + (node == null
                  ? "missing"
                  : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    return (ObjectNode) node;
  }

  /**
   * The field named {@code name} in any letter case (the host writes PascalCase, others camelCase).
   */
  static JsonNode field(JsonNode node, String name) {
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode exact = node.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** A string field, or null when absent or JSON null; other types are refused. */
  static String text(JsonNode node, String name, String what) {
    JsonNode value = field(node, name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new UndecodablePayloadException(
          "azure: "
              + what
              + " has \""
              + name
              + "\" of type "
              + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
              + ", expected a string");
    }
    return value.textValue();
  }

  static String requiredText(JsonNode node, String name, String what) {
    String value = text(node, name, what);
    if (value == null || value.isEmpty()) {
      throw new UndecodablePayloadException("azure: " + what + " has no \"" + name + "\"");
    }
    return value;
  }

  /** A scalar as text: strings as they are, numbers and booleans as written, else null. */
  static String scalar(JsonNode value) {
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    return value.isTextual() ? value.textValue() : value.asText();
  }

  /** Every field of an object as text; containers are kept as compact JSON, nulls skipped. */
  static Map<String, String> strings(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || !node.isObject()) {
      return out;
    }
    node.properties()
        .forEach(
            e -> {
              JsonNode v = e.getValue();
              if (v != null && !v.isNull()) {
                out.put(e.getKey(), v.isContainerNode() ? v.toString() : scalar(v));
              }
            });
    return out;
  }

  /**
   * A metadata value bound as a String: the worker hands over JSON-typed metadata as its JSON text,
   * so a date arrives with its quotes ({@code "\"2019-10-09T17:58:31+00:00\""}). This removes one
   * level of JSON string quoting when present. A value that is not quoted is returned as it is,
   * blanks included: message ids, session ids and blob names may begin or end with one.
   */
  static String unquote(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
      JsonNode node = parse(trimmed, "a quoted metadata value");
      return node.isTextual() ? node.textValue() : trimmed;
    }
    return value;
  }

  /** {@link #unquote} without surrounding blanks, for times and counts. */
  private static String unquoteTrimmed(String value) {
    String text = unquote(value);
    return text == null ? null : text.trim();
  }

  /**
   * Parses a time as the host writes it: ISO-8601 with an offset ({@code
   * 2019-10-09T17:58:31+00:00}), or without one, which .NET uses for UTC {@code DateTime} values.
   */
  static Instant time(String value, String what) {
    String text = unquoteTrimmed(value);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        throw new UndecodablePayloadException(
            "azure: " + what + " is not an ISO-8601 time: \"" + clip(text) + "\"");
      }
    }
  }

  /**
   * A count such as {@code DequeueCount}, bound as text ({@code "3"}); 0, which leaves the attempt
   * unknown, when the host binds none.
   */
  static int count(String value, String what) {
    String text = unquoteTrimmed(value);
    if (text == null || text.isEmpty()) {
      return 0;
    }
    try {
      int n = Integer.parseInt(text);
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UndecodablePayloadException(
          "azure: " + what + " is not a count: \"" + clip(text) + "\"");
    }
  }

  /** Quotes at most 64 characters of a value in a message. */
  static String clip(String text) {
    String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }
}
