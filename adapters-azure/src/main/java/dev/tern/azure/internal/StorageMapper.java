package dev.tern.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.ObjectEvent;
import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps blob events to an {@link ObjectEvent}: Event Grid {@code Microsoft.Storage.BlobCreated} and
 * {@code BlobDeleted} in the Event Grid schema ({@code eventType}, {@code eventTime}) and in the
 * CloudEvents 1.0 schema ({@code type}, {@code time}, {@code specversion}), both documented at
 * https://learn.microsoft.com/azure/event-grid/event-schema-blob-storage, and the blob trigger's
 * metadata ({@code BlobTrigger}, {@code Properties}, {@code Metadata};
 * https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-blob-trigger#metadata).
 *
 * <p>The container and blob name come from the subject {@code
 * /blobServices/default/containers/<container>/blobs/<name>}, which carries the name unencoded;
 * when the subject does not have that form they come from {@code data.url}, percent-decoded.
 *
 * <p>Only the blob trigger carries the blob's user metadata; Event Grid blob events have no field
 * for it, so their events have none.
 */
public final class StorageMapper {
  private static final String SUBJECT_PREFIX = "/blobServices/default/containers/";

  private StorageMapper() {}

  public static ObjectEvent eventGrid(String event) {
    JsonNode root = Json.parse(event, "Event Grid event");
    if (root.isArray()) {
      if (root.size() != 1) {
        throw new UndecodablePayloadException(
            "azure: Event Grid trigger delivered " + root.size() + " events where it delivers one");
      }
      root = root.get(0);
    }
    Json.object(root, "Event Grid event");
    boolean cloudEvent = root.has("specversion");
    String schema = cloudEvent ? "CloudEvents-schema Event Grid event" : "Event Grid event";
    String type = Json.requiredText(root, cloudEvent ? "type" : "eventType", schema);
    ObjectEvent.Kind kind;
    if (type.equals("Microsoft.Storage.BlobCreated")) {
      kind = ObjectEvent.Kind.CREATED;
    } else if (type.equals("Microsoft.Storage.BlobDeleted")) {
      kind = ObjectEvent.Kind.DELETED;
    } else {
      throw new UnsupportedEventException(
          "azure: "
              + schema
              + " of type "
              + Json.clip(type)
              + " is not a blob created or deleted event; Tern maps Microsoft.Storage.BlobCreated and "
              + "Microsoft.Storage.BlobDeleted");
    }
    String id = Json.requiredText(root, "id", schema);
    String what = schema + " " + Json.clip(id);
    Instant time =
        Json.time(Json.requiredText(root, cloudEvent ? "time" : "eventTime", what), what + " time");
    JsonNode data = root.get("data");
    if (data == null || !data.isObject()) {
      throw new UndecodablePayloadException("azure: " + what + " has no \"data\" object");
    }
    String[] location = fromSubject(Json.text(root, "subject", what));
    if (location == null) {
      location = fromUrl(Json.text(data, "url", what + " data"), what);
    }
    ObjectEvent.Builder builder =
        ObjectEvent.builder(kind, location[0], location[1]).id(id).time(time).raw(root);
    JsonNode length = data.get("contentLength");
    if (kind == ObjectEvent.Kind.CREATED
        && length != null
        && length.canConvertToLong()
        && length.asLong() >= 0) {
      builder.size(length.asLong());
    }
    String etag = Json.text(data, "eTag", what + " data");
    if (etag != null) {
      builder.etag(unquoteEtag(etag));
    }
    builder.contentType(Json.text(data, "contentType", what + " data"));
    builder.version(Json.text(data, "versionId", what + " data"));
    return builder.build();
  }

  static String[] fromSubject(String subject) {
    if (subject == null || !subject.startsWith(SUBJECT_PREFIX)) {
      return null;
    }
    String rest = subject.substring(SUBJECT_PREFIX.length());
    int blobs = rest.indexOf("/blobs/");
    if (blobs <= 0 || blobs + 7 >= rest.length()) {
      return null;
    }
    return new String[] {rest.substring(0, blobs), rest.substring(blobs + 7)};
  }

  static String[] fromUrl(String url, String what) {
    if (url == null) {
      throw new UndecodablePayloadException(
          "azure: "
              + what
              + " has neither a blob subject "
              + "(/blobServices/default/containers/<c>/blobs/<name>) nor data.url");
    }
    int scheme = url.indexOf("://");
    int path = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
    if (path < 0) {
      throw new UndecodablePayloadException(
          "azure: " + what + " data.url has no path: \"" + Json.clip(url) + "\"");
    }
    String rest = url.substring(path + 1);
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new UndecodablePayloadException(
          "azure: " + what + " data.url names no container and blob: \"" + Json.clip(url) + "\"");
    }
    return new String[] {
      percentDecode(rest.substring(0, slash), what), percentDecode(rest.substring(slash + 1), what)
    };
  }

  /** Decodes {@code %XX} escapes as UTF-8; {@code +} stays a plus sign, as in URL paths. */
  static String percentDecode(String text, String what) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%') {
        int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
        int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw new UndecodablePayloadException(
              "azure: " + what + " data.url has a bad escape at index " + i);
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(out.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UndecodablePayloadException("azure: " + what + " data.url escapes are not UTF-8");
    }
  }

  private static String unquoteEtag(String etag) {
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }

  /**
   * A blob trigger invocation: {@code BlobTrigger} is {@code <container>/<name>}; {@code
   * Properties} is the blob's properties as JSON (PascalCase from the .NET host, camelCase in other
   * workers, so read in any case) and {@code Metadata} its user metadata, an object of strings such
   * as {@code {"camera":"x100"}}. The blob trigger has no event id, so the id is the path and ETag
   * (or last-modified time): a redelivery of the same blob version has the same id.
   */
  public static ObjectEvent blob(String blobPath, String properties, String metadata, Instant now) {
    String path = Json.unquote(blobPath);
    int slash = path == null ? -1 : path.indexOf('/');
    if (slash <= 0 || slash == path.length() - 1) {
      throw new UndecodablePayloadException(
          "azure: blob trigger path is not <container>/<name>: \""
              + (path == null ? "" : Json.clip(path))
              + "\"");
    }
    String what = "blob trigger for " + Json.clip(path);
    JsonNode props =
        properties == null || properties.isBlank()
            ? null
            : Json.object(Json.parse(properties, what + " Properties"), what + " Properties");
    Map<String, String> meta = metadata(metadata, what + " Metadata");
    String etag = props == null ? null : Json.scalar(Json.field(props, "ETag"));
    String modified = props == null ? null : Json.scalar(Json.field(props, "LastModified"));
    Instant time = modified == null ? null : Json.time(modified, what + " Properties.LastModified");
    ObjectEvent.Builder builder =
        ObjectEvent.builder(
                ObjectEvent.Kind.CREATED, path.substring(0, slash), path.substring(slash + 1))
            .time(time == null ? now : time)
            .id(
                path
                    + "@"
                    + (etag != null
                        ? unquoteEtag(etag)
                        : modified != null ? modified : now.toString()));
    if (props != null) {
      JsonNode length = Json.field(props, "ContentLength");
      if (length == null) {
        length = Json.field(props, "Length");
      }
      if (length != null && length.canConvertToLong() && length.asLong() >= 0) {
        builder.size(length.asLong());
      }
      if (etag != null) {
        builder.etag(unquoteEtag(etag));
      }
      builder.contentType(Json.scalar(Json.field(props, "ContentType")));
      builder.version(Json.scalar(Json.field(props, "VersionId")));
    }
    builder.metadata(meta);
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("BlobTrigger", path);
    raw.put("Properties", props);
    raw.put("Metadata", Map.copyOf(meta));
    return builder.raw(java.util.Collections.unmodifiableMap(raw)).build();
  }

  /**
   * The blob's user metadata as the worker binds it: the JSON text of an object of strings, or a
   * JSON string holding that text; absent, blank or {@code null} is none. Anything else, such as an
   * array or a value that is not a string, refuses the invocation rather than dropping part of the
   * metadata.
   */
  static Map<String, String> metadata(String json, String what) {
    if (json == null || json.isBlank() || json.trim().equals("null")) {
      return Map.of();
    }
    JsonNode node = Json.parse(json, what);
    if (node.isTextual()) { // a JSON string holding the JSON object
      node = Json.parse(node.textValue(), what);
    }
    Json.object(node, what);
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      JsonNode value = entry.getValue();
      if (!value.isTextual()) {
        throw new UndecodablePayloadException(
            "azure: "
                + what
                + " has \""
                + Json.clip(entry.getKey())
                + "\" of type "
                + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + ", expected a string");
      }
      out.put(entry.getKey(), value.textValue());
    }
    return out;
  }
}
