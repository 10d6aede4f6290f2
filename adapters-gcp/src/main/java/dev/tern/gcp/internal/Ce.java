package dev.tern.gcp.internal;

import static java.util.Objects.requireNonNull;

import dev.tern.UndecodablePayloadException;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes and data of a CloudEvent, detached from the SDK so the same mapping serves the
 * invoker's events, converted legacy events and tests.
 *
 * @param id the {@code id} attribute
 * @param type the {@code type} attribute
 * @param source the {@code source} attribute, such as {@code
 *     //storage.googleapis.com/projects/_/buckets/my-bucket}
 * @param subject the {@code subject}, or null
 * @param time the {@code time}, or null
 * @param dataContentType the {@code datacontenttype}, or null
 * @param data the data bytes, or null when the event has none
 * @param extensions extension attributes as strings ({@code traceparent}, {@code bucket})
 * @param raw the native event, or null
 */
public record Ce(
    String id,
    String type,
    String source,
    String subject,
    Instant time,
    String dataContentType,
    byte[] data,
    Map<String, String> extensions,
    Object raw) {

  public Ce {
    requireNonNull(id, "id == null");
    requireNonNull(type, "type == null");
    requireNonNull(source, "source == null");
    extensions = Map.copyOf(extensions);
  }

  /** Reads the SDK's event; a missing required attribute is an error naming it. */
  public static Ce from(CloudEvent event) {
    requireNonNull(event, "event == null");
    String id = required(event.getId(), "id", event);
    String type = required(event.getType(), "type", event);
    String source = event.getSource() == null ? null : event.getSource().toString();
    required(source, "source", event);
    Map<String, String> extensions = new LinkedHashMap<>();
    for (String name : event.getExtensionNames()) {
      Object value = event.getExtension(name);
      if (value != null) {
        extensions.put(name, value.toString());
      }
    }
    CloudEventData data = event.getData();
    return new Ce(
        id,
        type,
        source,
        event.getSubject(),
        event.getTime() == null ? null : event.getTime().toInstant(),
        event.getDataContentType(),
        data == null ? null : data.toBytes(),
        extensions,
        event);
  }

  private static String required(String value, String attribute, CloudEvent event) {
    if (value == null || value.isEmpty()) {
      throw new UndecodablePayloadException(
          "gcp: CloudEvent"
              + (event.getType() == null ? "" : " of type " + event.getType())
              + " has no \""
              + attribute
              + "\" attribute");
    }
    return value;
  }

  public Optional<String> extension(String name) {
    return Optional.ofNullable(extensions.get(name));
  }

  /**
   * The resource path of the source: {@code projects/_/buckets/b} for {@code
   * //storage.googleapis.com/projects/_/buckets/b}.
   */
  public String sourcePath() {
    if (source.startsWith("//")) {
      int slash = source.indexOf('/', 2);
      return slash < 0 ? "" : source.substring(slash + 1);
    }
    return source;
  }

  @Override
  public String toString() {
    return "CloudEvent[" + type + " " + id + " from " + source + "]";
  }
}
