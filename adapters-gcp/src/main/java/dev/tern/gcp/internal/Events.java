package dev.tern.gcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.AuthUser;
import dev.tern.ObjectEvent;
import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CloudEvent-to-neutral table: one small mapper per {@code type}. An unknown type throws,
 * naming it.
 *
 * <p>Types and data shapes: https://github.com/googleapis/google-cloudevents (the {@code
 * proto/google/events/cloud/pubsub/v1}, {@code cloud/storage/v1} and {@code firebase/auth/v1}
 * folders).
 */
public final class Events {
  public static final String PUBSUB_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";
  public static final String STORAGE_PREFIX = "google.cloud.storage.object.v1.";
  public static final String AUTH_CREATED = "google.firebase.auth.user.v1.created";
  public static final String AUTH_DELETED = "google.firebase.auth.user.v1.deleted";

  private static final Map<String, ObjectEvent.Kind> STORAGE_KINDS =
      Map.of(
          STORAGE_PREFIX + "finalized", ObjectEvent.Kind.CREATED,
          STORAGE_PREFIX + "deleted", ObjectEvent.Kind.DELETED,
          STORAGE_PREFIX + "archived", ObjectEvent.Kind.ARCHIVED,
          STORAGE_PREFIX + "metadataUpdated", ObjectEvent.Kind.METADATA_UPDATED);

  /** The legacy {@code object.change} event, which the Java invoker names this way. */
  public static final String STORAGE_CHANGED = STORAGE_PREFIX + "changed";

  private Events() {}

  /**
   * Maps a CloudEvent to its neutral event.
   *
   * @throws UnsupportedEventException for a type Tern does not map
   * @throws UndecodablePayloadException for data that does not have the documented shape
   */
  public static Neutral normalize(Ce ce) {
    String type = ce.type();
    if (type.equals(PUBSUB_PUBLISHED)) {
      return new Neutral.PubSub(pubsub(ce));
    }
    if (type.startsWith(STORAGE_PREFIX)
        && (STORAGE_KINDS.containsKey(type) || type.equals(STORAGE_CHANGED))) {
      return new Neutral.Storage(storage(ce));
    }
    if (type.equals(AUTH_CREATED) || type.equals(AUTH_DELETED)) {
      return new Neutral.Auth(firebaseAuth(ce));
    }
    throw new UnsupportedEventException(
        "gcp: CloudEvent type \""
            + type
            + "\" from "
            + ce.source()
            + " is not one Tern maps; mapped types: "
            + PUBSUB_PUBLISHED
            + ", "
            + STORAGE_PREFIX
            + "{finalized,deleted,archived,metadataUpdated}, "
            + AUTH_CREATED
            + ", "
            + AUTH_DELETED);
  }

  static JsonNode data(Ce ce) {
    if (ce.data() == null) {
      throw new UndecodablePayloadException(
          "gcp: CloudEvent " + ce.type() + " " + ce.id() + " has no data");
    }
    JsonNode node = Json.parse(ce.data(), "data of CloudEvent " + ce.type() + " " + ce.id());
    if (!node.isObject()) {
      throw new UndecodablePayloadException(
          "gcp: data of CloudEvent " + ce.type() + " " + ce.id() + " is not a JSON object");
    }
    return node;
  }

  static PubSubMessage pubsub(Ce ce) {
    String topic = ce.sourcePath();
    if (topic.isEmpty()) {
      throw new UndecodablePayloadException(
          "gcp: CloudEvent "
              + ce.type()
              + " "
              + ce.id()
              + " has no topic in its source \""
              + ce.source()
              + "\"");
    }
    return PubSubMessage.read(
        data(ce),
        "CloudEvent " + ce.type() + " " + ce.id() + " data",
        topic,
        ce.id(),
        ce.time(),
        ce.raw());
  }

  static ObjectEvent storage(Ce ce) {
    JsonNode data = data(ce);
    String where = "CloudEvent " + ce.type() + " " + ce.id() + " data";
    ObjectEvent.Kind kind = STORAGE_KINDS.get(ce.type());
    if (kind == null) {
      // Legacy object.change: the state tells a deletion from a write.
      kind =
          Json.text(data, where, "resourceState").filter("not_exists"::equals).isPresent()
              ? ObjectEvent.Kind.DELETED
              : ObjectEvent.Kind.CREATED;
    }
    String bucket =
        Json.text(data, where, "bucket")
            .or(() -> ce.extension("bucket"))
            .or(() -> after(ce.sourcePath(), "projects/_/buckets/"))
            .filter(b -> !b.isEmpty())
            .orElseThrow(
                () -> new UndecodablePayloadException("gcp: " + where + " has no \"bucket\""));
    String key =
        Json.text(data, where, "name")
            .or(() -> Optional.ofNullable(ce.subject()).flatMap(s -> after(s, "objects/")))
            .filter(k -> !k.isEmpty())
            .orElseThrow(
                () -> new UndecodablePayloadException("gcp: " + where + " has no object \"name\""));
    Instant time =
        Optional.ofNullable(ce.time())
            .or(() -> Json.time(data, where, "updated"))
            .orElseThrow(() -> new UndecodablePayloadException("gcp: " + where + " has no time"));
    ObjectEvent.Builder b =
        ObjectEvent.builder(kind, bucket, key).time(time).id(ce.id()).raw(ce.raw());
    Optional<Long> size = Json.int64(data, where, "size");
    if (size.isPresent()) {
      if (size.get() < 0) {
        throw new UndecodablePayloadException("gcp: " + where + " size is negative");
      }
      b.size(size.get());
    }
    Json.text(data, where, "md5Hash", "md5_hash")
        .or(() -> Json.text(data, where, "etag"))
        .ifPresent(b::etag);
    Json.text(data, where, "contentType", "content_type").ifPresent(b::contentType);
    Json.int64(data, where, "generation").map(String::valueOf).ifPresent(b::version);
    // The object's user metadata, a string-to-string map in the object resource:
    // https://cloud.google.com/storage/docs/json_api/v1/objects
    b.metadata(Json.stringMap(data, where, "metadata"));
    return b.build();
  }

  static AuthEvent firebaseAuth(Ce ce) {
    JsonNode data = data(ce);
    String where = "CloudEvent " + ce.type() + " " + ce.id() + " data";
    AuthMoment moment =
        ce.type().equals(AUTH_CREATED) ? AuthMoment.AFTER_SIGN_UP : AuthMoment.USER_DELETED;
    String uid =
        Json.text(data, where, "uid")
            .or(() -> Optional.ofNullable(ce.subject()).flatMap(s -> after(s, "users/")))
            .filter(u -> !u.isEmpty())
            .orElseThrow(
                () -> new UndecodablePayloadException("gcp: " + where + " has no \"uid\""));
    Map<String, String> attributes = new LinkedHashMap<>();
    Json.text(data, where, "displayName").ifPresent(v -> attributes.put("displayName", v));
    Json.text(data, where, "photoURL", "photoUrl").ifPresent(v -> attributes.put("photoURL", v));
    Json.field(data, "disabled")
        .filter(JsonNode::isBoolean)
        .ifPresent(v -> attributes.put("disabled", v.asText()));
    Json.object(data, where, "customClaims").ifPresent(claims -> putClaims(claims, attributes));
    AuthUser user =
        AuthUser.builder()
            .id(uid)
            .email(Json.text(data, where, "email").orElse(null))
            .phone(Json.text(data, where, "phoneNumber").orElse(null))
            .emailVerified(
                Json.field(data, "emailVerified")
                    .filter(JsonNode::isBoolean)
                    .map(JsonNode::booleanValue)
                    .orElse(null))
            .attributes(attributes)
            .build();
    Map<String, String> metadata = new LinkedHashMap<>();
    Json.object(data, where, "metadata")
        .ifPresent(
            m -> {
              Json.time(m, where + " metadata", "createTime")
                  .ifPresent(t -> metadata.put("createTime", t.toString()));
              Json.time(m, where + " metadata", "lastSignInTime")
                  .ifPresent(t -> metadata.put("lastSignInTime", t.toString()));
            });
    JsonNode providers = data.get("providerData");
    if (providers != null && providers.isArray()) {
      StringBuilder ids = new StringBuilder();
      for (JsonNode p : providers) {
        JsonNode id = p.get("providerId");
        if (id != null && id.isTextual()) {
          ids.append(ids.length() == 0 ? "" : ",").append(id.textValue());
        }
      }
      if (ids.length() > 0) {
        metadata.put("providers", ids.toString());
      }
    }
    metadata.put("project", ce.sourcePath());
    return AuthEvent.builder(moment, user).metadata(metadata).id(ce.id()).raw(ce.raw()).build();
  }

  /** Custom claims become string attributes: strings as they are, anything else as JSON. */
  static void putClaims(JsonNode claims, Map<String, String> into) {
    for (Map.Entry<String, JsonNode> e : claims.properties()) {
      JsonNode v = e.getValue();
      into.put(e.getKey(), v.isTextual() ? v.textValue() : v.toString());
    }
  }

  static Optional<String> after(String text, String prefix) {
    return text != null && text.startsWith(prefix)
        ? Optional.of(text.substring(prefix.length()))
        : Optional.empty();
  }
}
