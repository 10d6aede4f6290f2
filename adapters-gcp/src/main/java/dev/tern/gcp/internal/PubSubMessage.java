package dev.tern.gcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.Body;
import dev.tern.Message;
import dev.tern.UndecodablePayloadException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A Pub/Sub message as delivered to a function, before Tern decides whether a queue function (by
 * topic or subscription) or a schedule bound to the topic receives it.
 *
 * <p>Shapes: the push envelope and the {@code MessagePublishedData} of a {@code
 * google.cloud.pubsub.topic.v1.messagePublished} CloudEvent, both {@code {"message": {...},
 * "subscription": "...", "deliveryAttempt": n}}; see
 * https://cloud.google.com/pubsub/docs/push#receive_push and
 * https://github.com/googleapis/google-cloudevents/blob/main/proto/google/events/cloud/pubsub/v1/data.proto
 *
 * @param id the message id
 * @param data the decoded {@code data}; empty when absent
 * @param attributes the attributes
 * @param publishTime when it was published, or null
 * @param orderingKey the ordering key, or null
 * @param attempt the 1-based delivery attempt, or 0 when not reported
 * @param topic the topic path {@code projects/P/topics/T}, or null (push envelopes carry none)
 * @param subscription the subscription path, or null
 * @param raw the native request or event
 */
public record PubSubMessage(
    String id,
    byte[] data,
    Map<String, String> attributes,
    Instant publishTime,
    String orderingKey,
    int attempt,
    String topic,
    String subscription,
    Object raw) {

  /**
   * Reads {@code {"message": ..., "subscription": ..., "deliveryAttempt": ...}}. An absent field
   * stays empty (or takes its fallback); one that is present but cannot be read refuses the message
   * with an error naming the message and the field.
   *
   * @param fallbackId the CloudEvent id, used when the message has no id
   * @param fallbackTime the CloudEvent time, used when the message has no publish time
   */
  public static PubSubMessage read(
      JsonNode envelope,
      String where,
      String topic,
      String fallbackId,
      Instant fallbackTime,
      Object raw) {
    if (!envelope.isObject()) {
      throw new UndecodablePayloadException("gcp: " + where + " is not a JSON object");
    }
    JsonNode message =
        Json.object(envelope, where, "message")
            .orElseThrow(
                () ->
                    new UndecodablePayloadException(
                        "gcp: " + where + " has no \"message\" object"));
    String id =
        Json.text(message, where + " message", "messageId", "message_id").orElse(fallbackId);
    if (id == null || id.isEmpty()) {
      throw new UndecodablePayloadException("gcp: " + where + " message has no \"messageId\"");
    }
    // Every later error names the message, unless where names it already as the CloudEvent's id.
    String named = id.equals(fallbackId) ? "" : " " + id;
    String inMessage = where + " message" + named;
    String inEnvelope = named.isEmpty() ? where : where + " of message" + named;
    byte[] data =
        Json.text(message, inMessage, "data")
            .map(text -> Json.base64(text, inMessage + " data"))
            .orElse(new byte[0]);
    Map<String, String> attributes = Json.stringMap(message, inMessage, "attributes");
    Instant published =
        Json.time(message, inMessage, "publishTime", "publish_time").orElse(fallbackTime);
    String orderingKey =
        Json.text(message, inMessage, "orderingKey", "ordering_key")
            .filter(k -> !k.isEmpty())
            .orElse(null);
    String subscription =
        Json.text(envelope, inEnvelope, "subscription").filter(s -> !s.isEmpty()).orElse(null);
    long attempt =
        Json.int64(envelope, inEnvelope, "deliveryAttempt", "delivery_attempt").orElse(0L);
    if (attempt < 0 || attempt > Integer.MAX_VALUE) {
      throw new UndecodablePayloadException(
          "gcp: " + inEnvelope + " deliveryAttempt " + attempt + " is out of range");
    }
    return new PubSubMessage(
        id,
        data,
        Map.copyOf(attributes),
        published,
        orderingKey,
        (int) attempt,
        topic,
        subscription,
        raw);
  }

  /** The message as seen by a function consuming {@code source}. */
  public Message toMessage(String source) {
    return Message.builder(id, source)
        .body(Body.wrap(data.clone(), null))
        .attributes(attributes)
        .attempt(attempt)
        .enqueuedAt(publishTime)
        .orderingKey(orderingKey)
        .raw(raw)
        .build();
  }

  /** The source names this message may be claimed by: the topic, then the subscription. */
  public Optional<String> preferredSource() {
    return Optional.ofNullable(topic != null ? topic : subscription);
  }

  /** The last path segment of a resource name: {@code T} for {@code projects/P/topics/T}. */
  public static String lastSegment(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
