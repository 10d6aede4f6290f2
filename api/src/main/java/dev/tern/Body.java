package dev.tern;

import static java.util.Objects.requireNonNull;

import dev.tern.spi.JsonCodec;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The payload of a request, response or message: bytes, with views as text and as JSON.
 *
 * <p>{@code body.text()} decodes with the charset of the content type ({@code text/plain;
 * charset=ISO-8859-1}), or UTF-8 when none is given. {@code body.as(Order.class)} binds JSON
 * through the {@link JsonCodec} on the classpath ({@code tern-jackson}, which every adapter and
 * {@code tern-testing} bring along).
 *
 * <p>A body is a value: two are {@link #equals equal} when they hold the same bytes with the same
 * content type.
 *
 * @since 0.1
 */
public final class Body {
  private static final Body EMPTY = new Body(new byte[0], null);

  private final byte[] bytes;
  private final String contentType;

  private Body(byte[] bytes, String contentType) {
    this.bytes = bytes;
    this.contentType = contentType;
  }

  public static Body empty() {
    return EMPTY;
  }

  /** A copy of {@code bytes} with no content type. */
  public static Body of(byte[] bytes) {
    return of(bytes, null);
  }

  /** A copy of {@code bytes}; {@code contentType} may be null when unknown. */
  public static Body of(byte[] bytes, String contentType) {
    requireNonNull(bytes, "bytes == null");
    return new Body(bytes.clone(), contentType);
  }

  /**
   * Wraps {@code bytes} without copying. For adapters that own a freshly decoded array and will not
   * touch it again; everyone else should use {@link #of(byte[], String)}.
   */
  public static Body wrap(byte[] bytes, String contentType) {
    requireNonNull(bytes, "bytes == null");
    return bytes.length == 0 && contentType == null ? EMPTY : new Body(bytes, contentType);
  }

  /** UTF-8 text, {@code text/plain; charset=utf-8}. */
  public static Body ofText(String text) {
    return ofText(text, "text/plain; charset=utf-8");
  }

  /** Text encoded with the charset of {@code contentType} (UTF-8 when it names none). */
  public static Body ofText(String text, String contentType) {
    requireNonNull(text, "text == null");
    return new Body(text.getBytes(charset(contentType)), contentType);
  }

  /** {@code value} encoded as JSON by the classpath's codec, {@code application/json}. */
  public static Body ofJson(Object value) {
    return new Body(JsonCodec.get().encode(value), "application/json");
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  public InputStream stream() {
    return new ByteArrayInputStream(bytes);
  }

  public int size() {
    return bytes.length;
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** The same bytes with another content type. */
  public Body withContentType(String contentType) {
    return new Body(bytes, contentType);
  }

  /**
   * The bytes as text, decoded with the content type's charset or UTF-8.
   *
   * @throws UndecodablePayloadException if the content type names a charset this JVM lacks
   */
  public String text() {
    Charset charset;
    try {
      charset = charset(contentType);
    } catch (UndecodablePayloadException e) {
      throw new UnreadableBodyException(this, e.getMessage(), e);
    }
    return new String(bytes, charset);
  }

  /**
   * Binds the body as JSON: {@code {"id":"42"}} to an {@code Order} record.
   *
   * @throws UnreadableBodyException if the body is not JSON of that shape; an HTTP function that
   *     lets it escape answers 400 when this is the request's body
   */
  public <T> T as(Class<T> type) {
    requireNonNull(type, "type == null");
    return type.cast(decode(type));
  }

  /**
   * Binds the body as JSON to a generic type, for example a {@code List<Order>}.
   *
   * @throws UnreadableBodyException if the body is not JSON of that shape
   */
  public Object as(Type type) {
    requireNonNull(type, "type == null");
    return decode(type);
  }

  private Object decode(Type type) {
    try {
      return JsonCodec.get().decode(bytes, type);
    } catch (UnreadableBodyException e) {
      throw e;
    } catch (UndecodablePayloadException e) {
      throw new UnreadableBodyException(this, e.getMessage(), e);
    }
  }

  /** Raw access for adapters: the backing array, which callers must not modify. */
  public byte[] unsafeBytes() {
    return bytes;
  }

  /**
   * Whether {@code other} is a body with the same bytes and the same content type, compared as
   * written: the content type says how the bytes read, so JSON and plain text with the same bytes
   * are different bodies, and so are {@code text/plain; charset=utf-8} and {@code
   * text/plain;charset=UTF-8}.
   */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Body)) {
      return false;
    }
    Body that = (Body) other;
    return Objects.equals(that.contentType, contentType) && Arrays.equals(that.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bytes) + Objects.hashCode(contentType);
  }

  @Override
  public String toString() {
    return "Body["
        + bytes.length
        + " bytes"
        + (contentType == null ? "" : ", " + contentType)
        + "]";
  }

  static Charset charset(String contentType) {
    if (contentType == null) {
      return StandardCharsets.UTF_8;
    }
    // Searched in the content type itself: a lower-cased copy can be longer (U+0130 becomes two
    // characters), and its indexes would not fit the original.
    int at = 0;
    while (at <= contentType.length() - 8
        && !contentType.regionMatches(true, at, "charset=", 0, 8)) {
      at++;
    }
    if (at > contentType.length() - 8) {
      return StandardCharsets.UTF_8;
    }
    int end = contentType.indexOf(';', at);
    String name = contentType.substring(at + 8, end < 0 ? contentType.length() : end).trim();
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      name = name.substring(1, name.length() - 1);
    }
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new UndecodablePayloadException(
          "unsupported charset \"" + name + "\" in " + contentType, e);
    }
  }
}
