package dev.tern;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One queue or topic message: an SQS or SNS message, an Azure Queue Storage or Service Bus message,
 * a Pub/Sub message.
 *
 * <p>Delivery is at least once everywhere: the same {@link #id()} may arrive again, with a higher
 * {@link #attempt()} where the platform counts attempts. Use {@link #source()} and {@link #id()}
 * together as the idempotency key.
 *
 * @since 0.1
 */
public final class Message {
  private final String id;
  private final Body body;
  private final Map<String, String> attributes;
  private final int attempt;
  private final Instant enqueuedAt;
  private final String source;
  private final String orderingKey;
  private final Object raw;

  private Message(Builder b) {
    this.id = b.id;
    this.body = b.body;
    this.attributes = b.attributes;
    this.attempt = b.attempt;
    this.enqueuedAt = b.enqueuedAt;
    this.source = b.source;
    this.orderingKey = b.orderingKey;
    this.raw = b.raw;
  }

  /** Starts a message with the platform's message id from {@code source}, a queue or topic name. */
  public static Builder builder(String id, String source) {
    return new Builder(id, source);
  }

  /** The platform's message id; the same on every redelivery. */
  public String id() {
    return id;
  }

  public Body body() {
    return body;
  }

  /**
   * String attributes: SQS message attributes of type String or Number, SNS message attributes,
   * Service Bus application properties, Pub/Sub attributes.
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(requireNonNull(name, "name == null")));
  }

  /**
   * Which delivery this is, starting at 1. Empty where the platform does not say: Pub/Sub reports
   * it only for subscriptions with a dead-letter policy, and SNS never does.
   */
  public OptionalInt attempt() {
    return attempt > 0 ? OptionalInt.of(attempt) : OptionalInt.empty();
  }

  /** When the message was first sent or enqueued, if the platform reports it. */
  public Optional<Instant> enqueuedAt() {
    return Optional.ofNullable(enqueuedAt);
  }

  /** The queue, topic or subscription the message came from, as the platform names it. */
  public String source() {
    return source;
  }

  /** SQS FIFO message group id, Service Bus session id, Pub/Sub ordering key. */
  public Optional<String> orderingKey() {
    return Optional.ofNullable(orderingKey);
  }

  /** The key under which a redelivery of this message is recognized: source and id. */
  public String idempotencyKey() {
    return source + "#" + id;
  }

  public Optional<Object> raw() {
    return Optional.ofNullable(raw);
  }

  public <T> Optional<T> unwrap(Class<T> type) {
    requireNonNull(type, "type == null");
    return type.isInstance(raw) ? Optional.of(type.cast(raw)) : Optional.empty();
  }

  /** The same message, delivered again as attempt {@code attempt}. */
  public Message withAttempt(int attempt) {
    return toBuilder().attempt(attempt).build();
  }

  public Builder toBuilder() {
    Builder b = new Builder(id, source);
    b.body = body;
    b.attributes = attributes;
    b.attempt = attempt;
    b.enqueuedAt = enqueuedAt;
    b.orderingKey = orderingKey;
    b.raw = raw;
    return b;
  }

  @Override
  public String toString() {
    return "Message["
        + source
        + "#"
        + id
        + (attempt > 0 ? ", attempt " + attempt : "")
        + ", "
        + body
        + "]";
  }

  /**
   * A copy of {@code map} that refuses a null key or value with an {@link InvalidValueException}
   * naming it ({@link InvalidValueException#nullIn}); here rather than shared with {@link AuthUser}
   * so that this class loads no other.
   */
  private static Map<String, String> copyOf(String what, Map<String, String> map) {
    if (map == null) {
      throw new NullPointerException(what + " == null"); // the message made only when thrown
    }
    try {
      return Map.copyOf(map);
    } catch (NullPointerException e) {
      throw InvalidValueException.nullIn(what, map, e);
    }
  }

  public static final class Builder {
    private final String id;
    private final String source;
    private Body body = Body.empty();
    private Map<String, String> attributes = Map.of();
    private int attempt;
    private Instant enqueuedAt;
    private String orderingKey;
    private Object raw;

    private Builder(String id, String source) {
      this.id = requireNonNull(id, "id == null");
      this.source = requireNonNull(source, "source == null");
    }

    public Builder body(Body body) {
      this.body = requireNonNull(body, "body == null");
      return this;
    }

    public Builder attributes(Map<String, String> attributes) {
      this.attributes = copyOf("attributes", attributes);
      return this;
    }

    /** The 1-based attempt; leave unset (or 0) when the platform does not report it. */
    public Builder attempt(int attempt) {
      if (attempt < 0) {
        throw new InvalidValueException("attempt " + attempt + " is negative");
      }
      this.attempt = attempt;
      return this;
    }

    public Builder enqueuedAt(Instant enqueuedAt) {
      this.enqueuedAt = enqueuedAt;
      return this;
    }

    public Builder orderingKey(String orderingKey) {
      this.orderingKey = orderingKey;
      return this;
    }

    public Builder raw(Object raw) {
      this.raw = raw;
      return this;
    }

    public Message build() {
      return new Message(this);
    }
  }
}
