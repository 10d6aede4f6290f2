package dev.tern.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.jackson.TernJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Reads CloudEvents written in structured mode
 * (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md) or as the
 * shared fixtures' binary form {@code {"headers": {"ce-…"}, "body": …}} into {@link Fakes.Event}s.
 */
final class Structured {
  private static final Set<String> CORE =
      Set.of(
          "specversion",
          "id",
          "type",
          "source",
          "subject",
          "time",
          "datacontenttype",
          "dataschema",
          "data",
          "data_base64");

  private Structured() {}

  static Fakes.Event read(Path file) throws Exception {
    return read(TernJson.mapper().readTree(Files.readAllBytes(file)));
  }

  static Fakes.Event read(JsonNode node) throws Exception {
    if (node.has("headers") && node.has("body")) {
      return binary(node);
    }
    Fakes.Event event = Fakes.event(text(node, "type"), text(node, "source"), text(node, "id"));
    if (node.hasNonNull("subject")) {
      event.subject(node.get("subject").asText());
    }
    if (node.hasNonNull("time")) {
      event.time(node.get("time").asText());
    }
    if (node.hasNonNull("data_base64")) {
      event.data(Base64.getDecoder().decode(node.get("data_base64").asText()));
    } else if (node.has("data")) {
      JsonNode data = node.get("data");
      event.data(
          data.isTextual()
              ? data.textValue().getBytes(StandardCharsets.UTF_8)
              : TernJson.mapper().writeValueAsBytes(data));
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!CORE.contains(e.getKey())) {
        event.extension(e.getKey(), e.getValue().asText());
      }
    }
    return event;
  }

  private static Fakes.Event binary(JsonNode node) throws Exception {
    JsonNode h = node.get("headers");
    Fakes.Event event = Fakes.event(text(h, "ce-type"), text(h, "ce-source"), text(h, "ce-id"));
    if (h.hasNonNull("ce-subject")) {
      event.subject(h.get("ce-subject").asText());
    }
    if (h.hasNonNull("ce-time")) {
      event.time(h.get("ce-time").asText());
    }
    event.data(TernJson.mapper().writeValueAsBytes(node.get("body")));
    for (Map.Entry<String, JsonNode> e : h.properties()) {
      String name = e.getKey().toLowerCase(java.util.Locale.ROOT);
      if (name.startsWith("ce-") && !CORE.contains(name.substring(3))) {
        event.extension(name.substring(3), e.getValue().asText());
      }
    }
    return event;
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }
}
