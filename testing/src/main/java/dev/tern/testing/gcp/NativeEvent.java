package dev.tern.testing.gcp;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/** A CloudEvent held in memory, as the invoker hands it to a {@code CloudEventsFunction}. */
final class NativeEvent implements CloudEvent {
  private final String id;
  private final String type;
  private final URI source;
  private final String subject;
  private final OffsetDateTime time;
  private final byte[] data;

  NativeEvent(String id, String type, String source, String subject, Instant time, byte[] data) {
    this.id = id;
    this.type = type;
    this.source = URI.create(source);
    this.subject = subject;
    this.time = time == null ? null : time.atOffset(ZoneOffset.UTC);
    this.data = data;
  }

  @Override
  public CloudEventData getData() {
    return data == null ? null : data::clone;
  }

  @Override
  public SpecVersion getSpecVersion() {
    return SpecVersion.V1;
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public String getType() {
    return type;
  }

  @Override
  public URI getSource() {
    return source;
  }

  @Override
  public String getDataContentType() {
    return "application/json";
  }

  @Override
  public URI getDataSchema() {
    return null;
  }

  @Override
  public String getSubject() {
    return subject;
  }

  @Override
  public OffsetDateTime getTime() {
    return time;
  }

  @Override
  public Object getAttribute(String name) {
    Map<String, Object> attributes = new java.util.HashMap<>();
    attributes.put("id", id);
    attributes.put("type", type);
    attributes.put("source", source);
    attributes.put("subject", subject);
    attributes.put("time", time);
    attributes.put("datacontenttype", "application/json");
    attributes.put("specversion", SpecVersion.V1);
    if (!attributes.containsKey(name)) {
      throw new IllegalArgumentException("unknown attribute " + name);
    }
    return attributes.get(name);
  }

  @Override
  public Object getExtension(String name) {
    return null;
  }

  @Override
  public Set<String> getExtensionNames() {
    return Set.of();
  }
}
