package dev.tern.benchmarks.jmh;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Set;

/**
 * A binary-mode {@code messagePublished} CloudEvent from topic {@code orders}, as Eventarc sends
 * it.
 */
final class PubSubCloudEvent implements CloudEvent {
  private static final URI SOURCE =
      URI.create("//pubsub.googleapis.com/projects/demo/topics/orders");
  private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-11-27T00:30:12.345Z");

  private final byte[] data;

  PubSubCloudEvent(byte[] data) {
    this.data = data;
  }

  @Override
  public CloudEventData getData() {
    return () -> data;
  }

  @Override
  public SpecVersion getSpecVersion() {
    return SpecVersion.V1;
  }

  @Override
  public String getId() {
    return "2070443601311540";
  }

  @Override
  public String getType() {
    return "google.cloud.pubsub.topic.v1.messagePublished";
  }

  @Override
  public URI getSource() {
    return SOURCE;
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
    return null;
  }

  @Override
  public OffsetDateTime getTime() {
    return TIME;
  }

  @Override
  public Object getAttribute(String name) {
    switch (name) {
      case "specversion":
        return getSpecVersion();
      case "id":
        return getId();
      case "type":
        return getType();
      case "source":
        return getSource();
      case "datacontenttype":
        return getDataContentType();
      case "time":
        return getTime();
      case "dataschema":
      case "subject":
        return null;
      default:
        throw new IllegalArgumentException("not a CloudEvents attribute: " + name);
    }
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
