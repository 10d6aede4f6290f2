package dev.tern.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.Body;
import dev.tern.Message;
import dev.tern.UndecodablePayloadException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps Queue Storage and Service Bus trigger data to a {@link Message}.
 *
 * <p>Queue Storage metadata
 * (https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#message-metadata):
 * {@code Id}, {@code DequeueCount} (the attempt, from 1), {@code InsertionTime}. Service Bus
 * metadata
 * (https://learn.microsoft.com/azure/azure-functions/functions-bindings-service-bus-trigger#message-metadata):
 * {@code MessageId}, {@code DeliveryCount}, {@code EnqueuedTimeUtc}, {@code SessionId}, {@code
 * ApplicationProperties}. The worker binds JSON-typed metadata as its JSON text, so times arrive
 * quoted and are unquoted here.
 */
public final class QueueMapper {
  private QueueMapper() {}

  /**
   * A Queue Storage message.
   *
   * @param base64 whether the adapter must decode the content itself: the host already decodes
   *     base64 when {@code extensions.queues.messageEncoding} is {@code base64} (its default), so
   *     this is only for apps that set {@code none} and still receive base64 text
   */
  public static Message storageQueue(
      byte[] content,
      String id,
      String dequeueCount,
      String insertionTime,
      String source,
      boolean base64) {
    String what = "Queue Storage message";
    if (content == null) {
      throw new UndecodablePayloadException(
          "azure: " + what + " " + clipped(id) + " has no content");
    }
    String messageId = Json.unquote(id);
    if (messageId == null || messageId.isEmpty()) {
      throw new UndecodablePayloadException("azure: " + what + " has no Id");
    }
    int attempt = Json.count(dequeueCount, what + " " + Json.clip(messageId) + " DequeueCount");
    byte[] bytes =
        base64 ? decodeBase64(content, what + " " + Json.clip(messageId)) : content.clone();
    return Message.builder(messageId, source)
        .body(Body.wrap(bytes, null))
        .attempt(attempt)
        .enqueuedAt(Json.time(insertionTime, what + " " + Json.clip(messageId) + " InsertionTime"))
        .raw(content)
        .build();
  }

  /** A Service Bus message from a queue or a topic subscription. */
  public static Message serviceBus(
      byte[] content,
      String messageId,
      String deliveryCount,
      String enqueuedTime,
      String properties,
      String sessionId,
      String source) {
    String what = "Service Bus message";
    String id = Json.unquote(messageId);
    if (id == null || id.isEmpty()) {
      throw new UndecodablePayloadException("azure: " + what + " has no MessageId");
    }
    what = what + " " + Json.clip(id);
    if (content == null) {
      throw new UndecodablePayloadException("azure: " + what + " has no content");
    }
    Message.Builder builder =
        Message.builder(id, source)
            .body(Body.wrap(content.clone(), null))
            .attempt(Json.count(deliveryCount, what + " DeliveryCount"))
            .enqueuedAt(Json.time(enqueuedTime, what + " EnqueuedTimeUtc"))
            .attributes(applicationProperties(properties, what))
            .raw(content);
    String session = Json.unquote(sessionId);
    if (session != null && !session.isEmpty()) {
      builder.orderingKey(session);
    }
    return builder.build();
  }

  static Map<String, String> applicationProperties(String json, String what) {
    if (json == null || json.isBlank() || json.trim().equals("null")) {
      return Map.of();
    }
    JsonNode node = Json.parse(json, what + " ApplicationProperties");
    if (node.isTextual()) { // a JSON string holding the JSON object
      node = Json.parse(node.textValue(), what + " ApplicationProperties");
    }
    Json.object(node, what + " ApplicationProperties");
    return new LinkedHashMap<>(Json.strings(node));
  }

  private static byte[] decodeBase64(byte[] content, String what) {
    try {
      return Base64.getMimeDecoder().decode(trim(content));
    } catch (IllegalArgumentException e) {
      throw new UndecodablePayloadException(
          "azure: " + what + " is not base64, which " + "TERN_AZURE_QUEUE_ENCODING=base64 expects");
    }
  }

  private static byte[] trim(byte[] content) {
    int from = 0;
    int to = content.length;
    while (from < to && content[from] <= ' ') {
      from++;
    }
    while (to > from && content[to - 1] <= ' ') {
      to--;
    }
    byte[] out = new byte[to - from];
    System.arraycopy(content, from, out, 0, out.length);
    for (byte b : out) {
      boolean ok =
          b >= 'A' && b <= 'Z'
              || b >= 'a' && b <= 'z'
              || b >= '0' && b <= '9'
              || b == '+'
              || b == '/'
              || b == '='
              || b == '\r'
              || b == '\n';
      if (!ok) {
        throw new IllegalArgumentException("not base64");
      }
    }
    return out;
  }

  private static String clipped(String id) {
    return id == null ? "" : Json.clip(id);
  }
}
