package dev.tern;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Something happened to a stored object: an S3 object, an Azure blob, a Cloud Storage object.
 *
 * <p>The key is fully decoded: S3 sends {@code reports/q1+2024.csv} for the key {@code reports/q1
 * 2024.csv}, and Tern hands the function the latter. The object's content is not part of the event
 * (S3 and Cloud Storage never send it); read it with the cloud's SDK if you need it.
 *
 * @since 0.1
 */
public final class ObjectEvent {
  /** What happened to the object. */
  public enum Kind {
    /** Created or overwritten. */
    CREATED,
    DELETED,
    /** Metadata changed (Cloud Storage). */
    METADATA_UPDATED,
    /** Moved to an archive tier or made a noncurrent version (Cloud Storage, S3 lifecycle). */
    ARCHIVED,
    /** Restored from an archive tier (S3). */
    RESTORED
  }

  private final Kind kind;
  private final String bucket;
  private final String key;
  private final long size;
  private final String etag;
  private final String contentType;
  private final String version;
  private final Map<String, String> metadata;
  private final Instant time;
  private final String id;
  private final Object raw;

  private ObjectEvent(Builder b) {
    this.kind = b.kind;
    this.bucket = b.bucket;
    this.key = b.key;
    this.size = b.size;
    this.etag = b.etag;
    this.contentType = b.contentType;
    this.version = b.version;
    this.metadata = b.metadata;
    this.time = requireNonNull(b.time, "time == null");
    this.id = requireNonNull(b.id, "id == null");
    this.raw = b.raw;
  }

  public static Builder builder(Kind kind, String bucket, String key) {
    return new Builder(kind, bucket, key);
  }

  public Kind kind() {
    return kind;
  }

  /** The bucket or container name. */
  public String bucket() {
    return bucket;
  }

  /** The object key or blob name, decoded. */
  public String key() {
    return key;
  }

  /**
   * The object size in bytes; empty where the platform omits it, as S3 and Azure do for deletions
   * (Cloud Storage reports the deleted object's size).
   */
  public OptionalLong size() {
    return size >= 0 ? OptionalLong.of(size) : OptionalLong.empty();
  }

  /** The ETag (S3, Azure) or MD5 hash (Cloud Storage) as the platform reports it. */
  public Optional<String> etag() {
    return Optional.ofNullable(etag);
  }

  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** The S3 version id or Cloud Storage generation. */
  public Optional<String> version() {
    return Optional.ofNullable(version);
  }

  /**
   * The object's user-defined metadata, the name-value pairs set when it was written, with names as
   * the platform reports them (without the {@code x-goog-meta-} or {@code x-ms-meta-} header
   * prefix): an object uploaded with {@code x-goog-meta-camera: x100} has the metadata {@code
   * {camera=x100}}. Unmodifiable, and empty when the object has none or the platform does not send
   * it.
   *
   * <p>Cloud Storage events carry it ({@code data.metadata}), and so does Azure's blob trigger
   * ({@code Metadata}). Azure Event Grid blob events and S3 event notifications do not, so it is
   * always empty there: read it with the cloud's SDK ({@code HeadObject}, {@code
   * GetBlobProperties}) if you need it. See {@code docs/triggers/storage.md}.
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** When it happened. */
  public Instant time() {
    return time;
  }

  /** The platform's event id, for deduplication. */
  public String id() {
    return id;
  }

  public Optional<Object> raw() {
    return Optional.ofNullable(raw);
  }

  public <T> Optional<T> unwrap(Class<T> type) {
    requireNonNull(type, "type == null");
    return type.isInstance(raw) ? Optional.of(type.cast(raw)) : Optional.empty();
  }

  /** Names the metadata but leaves its values out, as they may be anything the uploader chose. */
  @Override
  public String toString() {
    return "ObjectEvent["
        + kind
        + " "
        + bucket
        + "/"
        + key
        + ", id "
        + id
        + (metadata.isEmpty() ? "" : ", metadata " + metadata.keySet())
        + "]";
  }

  public static final class Builder {
    private final Kind kind;
    private final String bucket;
    private final String key;
    private long size = -1;
    private String etag;
    private String contentType;
    private String version;
    private Map<String, String> metadata = Map.of();
    private Instant time;
    private String id;
    private Object raw;

    private Builder(Kind kind, String bucket, String key) {
      this.kind = requireNonNull(kind, "kind == null");
      this.bucket = requireNonNull(bucket, "bucket == null");
      this.key = requireNonNull(key, "key == null");
    }

    public Builder size(long size) {
      if (size < 0) {
        throw new InvalidValueException("object size " + size + " is negative");
      }
      this.size = size;
      return this;
    }

    public Builder etag(String etag) {
      this.etag = etag;
      return this;
    }

    public Builder contentType(String contentType) {
      this.contentType = contentType;
      return this;
    }

    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /** The user metadata, copied in its iteration order; a null name or value is refused. */
    public Builder metadata(Map<String, String> metadata) {
      requireNonNull(metadata, "metadata == null");
      Map<String, String> copy = new LinkedHashMap<>();
      for (Map.Entry<String, String> entry : metadata.entrySet()) {
        String name = entry.getKey();
        if (name == null) {
          throw new InvalidValueException("metadata: null key");
        }
        String value = entry.getValue();
        if (value == null) {
          throw new InvalidValueException("metadata: null value for key \"" + name + "\"");
        }
        copy.put(name, value);
      }
      this.metadata = copy.isEmpty() ? Map.of() : Collections.unmodifiableMap(copy);
      return this;
    }

    public Builder time(Instant time) {
      this.time = requireNonNull(time, "time == null");
      return this;
    }

    public Builder id(String id) {
      this.id = requireNonNull(id, "id == null");
      return this;
    }

    public Builder raw(Object raw) {
      this.raw = raw;
      return this;
    }

    /** Builds the event; {@code time} and {@code id} are required. */
    public ObjectEvent build() {
      return new ObjectEvent(this);
    }
  }
}
