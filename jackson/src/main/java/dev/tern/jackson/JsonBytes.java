package dev.tern.jackson;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes one JSON document to UTF-8 bytes, exactly as {@code
 * TernJson.factory().createGenerator(out)} writes it: same escapes (the short ones, {@code \\u00XX}
 * in upper case for other control characters, every UTF-16 surrogate as its own {@code \\uXXXX}),
 * same number text, non-finite doubles as strings. {@code JsonBytesTest} checks the bytes against
 * jackson-core's generator.
 *
 * <p>Why it exists: creating any jackson-core {@code JsonGenerator} initializes {@code
 * JsonFactory}, whose verification loads about forty classes. On a cold Lambda with one vCPU that
 * is over ten milliseconds before the first response, for an answer as small as {@code
 * {"statusCode":200,...}}. Adapters write their native answers and small bodies with this class
 * instead; anything databind writes still goes through the factory.
 *
 * <p>Calls must nest properly (a name before each value in an object, no name in an array): a
 * misplaced call throws {@link IllegalStateException}. Not thread-safe; one instance per document.
 *
 * @since 0.1
 */
public final class JsonBytes {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  private byte[] buf;
  private int size;

  /**
   * Per open container below depth 64, bit {@code d} for the one at depth {@code d} (bit 0 for the
   * root): whether it is an object. Bits rather than arrays, so that a small document allocates
   * nothing but its bytes.
   */
  private long objects;

  /** Per open container below depth 64: whether nothing has been written in it yet. */
  private long empty = 1;

  /** The same for containers from depth 64 on, made when a document first nests that deep. */
  private boolean[] deepObjects;

  private boolean[] deepEmpty;

  private int depth;
  private boolean named;

  public JsonBytes() {
    this(256);
  }

  public JsonBytes(int capacity) {
    this.buf = new byte[Math.max(16, capacity)];
  }

  public JsonBytes startObject() {
    return open(true, '{');
  }

  public JsonBytes endObject() {
    return close(true, '}');
  }

  public JsonBytes startArray() {
    return open(false, '[');
  }

  public JsonBytes endArray() {
    return close(false, ']');
  }

  /** The name of the next value in the current object. */
  public JsonBytes name(String name) {
    requireNonNull(name, "name == null");
    if (depth == 0 || !isObject(depth) || named) {
      throw new IllegalStateException("JSON: a name belongs in an object, before its value");
    }
    if (!isEmpty(depth)) {
      put((byte) ',');
    }
    setEmpty(depth, false);
    quoted(name);
    put((byte) ':');
    named = true;
    return this;
  }

  /** A string value; {@code null} writes JSON {@code null}. */
  public JsonBytes string(String value) {
    if (value == null) {
      return nullValue();
    }
    value();
    quoted(value);
    return this;
  }

  /**
   * A string value given as UTF-8 bytes, escaped but never decoded: bytes from {@code 0x80} up are
   * copied as they are.
   */
  public JsonBytes utf8String(byte[] utf8, int offset, int length) {
    requireNonNull(utf8, "utf8 == null");
    value();
    ensure(length + 2);
    buf[size++] = '"';
    for (int i = offset, end = offset + length; i < end; i++) {
      byte b = utf8[i];
      if (b >= 0 && (b < 0x20 || b == '"' || b == '\\')) {
        escape((char) b);
        // An escape takes more than its byte: keep room for the rest and the closing quote.
        ensure(end - i + 1);
      } else {
        buf[size++] = b;
      }
    }
    buf[size++] = '"';
    return this;
  }

  public JsonBytes number(long value) {
    value();
    ascii(Long.toString(value));
    return this;
  }

  /** A double; NaN and the infinities are written as strings, as jackson-core does by default. */
  public JsonBytes number(double value) {
    if (!Double.isFinite(value)) {
      return string(Double.toString(value));
    }
    value();
    ascii(Double.toString(value));
    return this;
  }

  public JsonBytes number(BigDecimal value) {
    if (value == null) {
      return nullValue();
    }
    value();
    ascii(value.toString());
    return this;
  }

  public JsonBytes number(BigInteger value) {
    if (value == null) {
      return nullValue();
    }
    value();
    ascii(value.toString());
    return this;
  }

  /** A number given as its text, which the caller guarantees is a JSON number. */
  public JsonBytes numberText(String text) {
    requireNonNull(text, "text == null");
    value();
    ascii(text);
    return this;
  }

  public JsonBytes bool(boolean value) {
    value();
    raw(value ? TRUE : FALSE);
    return this;
  }

  public JsonBytes nullValue() {
    value();
    raw(NULL);
    return this;
  }

  /** The document written so far; a copy. */
  public byte[] toByteArray() {
    if (depth != 0 || named) {
      throw new IllegalStateException("JSON: the document is not complete");
    }
    return Arrays.copyOf(buf, size);
  }

  private JsonBytes open(boolean object, char bracket) {
    value();
    put((byte) bracket);
    depth++;
    setObject(depth, object);
    setEmpty(depth, true);
    return this;
  }

  private JsonBytes close(boolean object, char bracket) {
    if (depth == 0 || isObject(depth) != object || named) {
      throw new IllegalStateException(
          "JSON: " + bracket + " closes no open " + (object ? "object" : "array"));
    }
    depth--;
    put((byte) bracket);
    return this;
  }

  /** Separates a value from the one before it; in an object, checks that it was named. */
  private void value() {
    if (depth > 0 && isObject(depth)) {
      if (!named) {
        throw new IllegalStateException("JSON: a value in an object needs a name first");
      }
      named = false;
      return;
    }
    if (!isEmpty(depth)) {
      // Between root values jackson-core writes a space; in an array, a comma.
      put(depth == 0 ? (byte) ' ' : (byte) ',');
    }
    setEmpty(depth, false);
  }

  private boolean isObject(int at) {
    return at < 64 ? (objects & (1L << at)) != 0 : deepObjects[at - 64];
  }

  private boolean isEmpty(int at) {
    return at < 64 ? (empty & (1L << at)) != 0 : deepEmpty[at - 64];
  }

  private void setObject(int at, boolean object) {
    if (at < 64) {
      objects = object ? objects | (1L << at) : objects & ~(1L << at);
      return;
    }
    if (deepObjects == null || at - 64 == deepObjects.length) {
      int length = deepObjects == null ? 64 : deepObjects.length * 2;
      deepObjects = deepObjects == null ? new boolean[length] : Arrays.copyOf(deepObjects, length);
      deepEmpty = deepEmpty == null ? new boolean[length] : Arrays.copyOf(deepEmpty, length);
    }
    deepObjects[at - 64] = object;
  }

  private void setEmpty(int at, boolean isEmpty) {
    if (at < 64) {
      empty = isEmpty ? empty | (1L << at) : empty & ~(1L << at);
    } else {
      deepEmpty[at - 64] = isEmpty;
    }
  }

  private void quoted(String text) {
    int length = text.length();
    ensure(length + 2);
    byte[] b = buf;
    int at = size;
    b[at++] = '"';
    // Characters written as themselves, one byte each: room was made for them above. Kept small
    // enough to be inlined where it is called; the rest of an escaped string goes on in quotedRest.
    int i = 0;
    for (; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        size = at;
        quotedRest(text, i);
        return;
      }
      b[at++] = (byte) c;
    }
    b[at++] = '"';
    size = at;
  }

  /**
   * Writes {@code text} from {@code i}, the first character not written as itself, and the quote.
   */
  private void quotedRest(String text, int i) {
    int length = text.length();
    for (; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c == '"' || c == '\\') {
          escape(c);
        } else {
          put((byte) c);
        }
      } else if (c < 0x800) {
        ensure(2);
        buf[size++] = (byte) (0xc0 | (c >> 6));
        buf[size++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        unicodeEscape(c);
      } else {
        ensure(3);
        buf[size++] = (byte) (0xe0 | (c >> 12));
        buf[size++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[size++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    put((byte) '"');
  }

  private void escape(char c) {
    char shortForm;
    switch (c) {
      case '"':
        shortForm = '"';
        break;
      case '\\':
        shortForm = '\\';
        break;
      case '\b':
        shortForm = 'b';
        break;
      case '\t':
        shortForm = 't';
        break;
      case '\n':
        shortForm = 'n';
        break;
      case '\f':
        shortForm = 'f';
        break;
      case '\r':
        shortForm = 'r';
        break;
      default:
        unicodeEscape(c);
        return;
    }
    ensure(2);
    buf[size++] = '\\';
    buf[size++] = (byte) shortForm;
  }

  private void unicodeEscape(char c) {
    ensure(6);
    buf[size++] = '\\';
    buf[size++] = 'u';
    buf[size++] = HEX[(c >> 12) & 0xf];
    buf[size++] = HEX[(c >> 8) & 0xf];
    buf[size++] = HEX[(c >> 4) & 0xf];
    buf[size++] = HEX[c & 0xf];
  }

  private void ascii(String text) {
    int length = text.length();
    ensure(length);
    for (int i = 0; i < length; i++) {
      buf[size++] = (byte) text.charAt(i);
    }
  }

  private void raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, size, bytes.length);
    size += bytes.length;
  }

  private void put(byte b) {
    ensure(1);
    buf[size++] = b;
  }

  private void ensure(int more) {
    if (buf.length - size < more) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}
