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
 * <p>{@code body.text()} decodes with the {@code charset} parameter of the content type ({@code
 * text/plain; charset=ISO-8859-1}), or UTF-8 when none is given. {@code body.as(Order.class)} binds
 * JSON through the {@link JsonCodec} on the classpath ({@code tern-jackson}, which every adapter
 * and {@code tern-testing} bring along).
 *
 * <p>A content type may not contain CR, LF or NUL, as it may become a header; such a type is
 * refused with {@link InvalidValueException}.
 *
 * <p>A body is a value: two are {@link #equals equal} when they hold the same bytes with the same
 * content type.
 *
 * @since 0.1
 */
public final class Body {
  private static final Body EMPTY = new Body(new byte[0], null);

  /** The content type of {@link #ofText(String)}. */
  private static final String TEXT_UTF8 = "text/plain; charset=utf-8";

  private final byte[] bytes;
  private final String contentType;

  private Body(byte[] bytes, String contentType) {
    this.bytes = bytes;
    this.contentType = contentType;
  }

  /** {@code contentType}, when it is null or could be a header value. */
  private static String checkType(String contentType) {
    return contentType == null ? null : Headers.checkValue("Content-Type", contentType);
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
    return new Body(bytes.clone(), checkType(contentType));
  }

  /**
   * Wraps {@code bytes} without copying. For adapters that own a freshly decoded array and will not
   * touch it again; everyone else should use {@link #of(byte[], String)}.
   */
  public static Body wrap(byte[] bytes, String contentType) {
    requireNonNull(bytes, "bytes == null");
    return bytes.length == 0 && contentType == null
        ? EMPTY
        : new Body(bytes, checkType(contentType));
  }

  /** UTF-8 text, {@code text/plain; charset=utf-8}. */
  public static Body ofText(String text) {
    return ofText(text, TEXT_UTF8);
  }

  /** Text encoded with the charset of {@code contentType} (UTF-8 when it names none). */
  public static Body ofText(String text, String contentType) {
    requireNonNull(text, "text == null");
    return new Body(text.getBytes(charset(checkType(contentType))), contentType);
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
    return new Body(bytes, checkType(contentType));
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
    if (TEXT_UTF8.equals(contentType)) {
      return StandardCharsets.UTF_8; // what ofText(String) writes, read without parsing it
    }
    String name = contentType == null ? null : parameter(contentType, "charset");
    if (name == null) {
      return StandardCharsets.UTF_8;
    }
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      throw new UndecodablePayloadException(
          "unsupported charset \"" + name + "\" in " + contentType, e);
    }
  }

  /**
   * The value of the first parameter called {@code name} (lower-case ASCII) in a media type, or
   * null. As RFC 9110 section 5.6.6 says, parameters follow the type after {@code ;}, each a token,
   * {@code =} and a token or a quoted-string, and their names ignore case: {@code xcharset=latin1}
   * and {@code note="charset=latin1"} name no charset. A parameter that does not parse is skipped
   * to the next {@code ;}.
   */
  private static String parameter(String mediaType, String name) {
    int length = mediaType.length();
    int at = mediaType.indexOf(';');
    while (at >= 0) {
      at++;
      while (at < length && (mediaType.charAt(at) == ' ' || mediaType.charAt(at) == '\t')) {
        at++;
      }
      int start = at;
      while (at < length && Headers.isTokenChar(mediaType.charAt(at))) {
        at++;
      }
      if (at < length && mediaType.charAt(at) == '=') {
        boolean wanted = isName(mediaType, start, at, name);
        at++;
        if (at < length && mediaType.charAt(at) == '"') {
          // A quoted-string, whose backslash quotes the next character; it may hold ; and =.
          StringBuilder value = wanted ? new StringBuilder() : null;
          for (at++; at < length && mediaType.charAt(at) != '"'; at++) {
            if (mediaType.charAt(at) == '\\' && at + 1 < length) {
              at++;
            }
            if (wanted) {
              value.append(mediaType.charAt(at));
            }
          }
          if (wanted) {
            return value.toString();
          }
        } else if (wanted) {
          int end = mediaType.indexOf(';', at);
          return mediaType.substring(at, end < 0 ? length : end).trim();
        }
      }
      at = at < length ? mediaType.indexOf(';', at) : -1;
    }
    return null;
  }

  /** Whether {@code text[start, end)} is {@code name}, ignoring the case of ASCII letters only. */
  private static boolean isName(String text, int start, int end, String name) {
    if (end - start != name.length()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = text.charAt(start + i);
      if (c != name.charAt(i) && !(c >= 'A' && c <= 'Z' && c + ('a' - 'A') == name.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
