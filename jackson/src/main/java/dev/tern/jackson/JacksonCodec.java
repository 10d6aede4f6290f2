package dev.tern.jackson;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import dev.tern.ConfigurationException;
import dev.tern.InvalidValueException;
import dev.tern.UndecodablePayloadException;
import dev.tern.spi.JsonCodec;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link JsonCodec} behind {@code Body.as} and {@code HttpResponse.json}, registered through
 * {@code META-INF/services}. Unknown properties are ignored; {@code java.time} types are ISO-8601
 * strings; anything after the JSON document makes the body undecodable.
 *
 * <p>Error messages name the target type and where in the document reading stopped: for well-formed
 * JSON that does not fit, the path of properties and the type expected there ({@code body does not
 * fit Order at items[0].quantity: int expected at line 1, column 26}). They never quote the input,
 * since it may be personal data.
 *
 * @since 0.1
 */
public final class JacksonCodec implements JsonCodec {
  /** How many target types keep a ready reader; a program binding more builds the rest per call. */
  private static final int READERS = 256;

  /** Readers by target type: immutable and thread-safe, and costly enough to build per body. */
  private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

  @Override
  public Object decode(byte[] json, Type type) {
    if (isBlank(json)) {
      throw new UndecodablePayloadException("body is empty; " + name(type) + " expected");
    }
    try {
      Object value = reader(type).readValue(json);
      if (value == null) {
        // Body.as never returns null: a JSON null is not an Order.
        throw new UndecodablePayloadException("body is JSON null; " + name(type) + " expected");
      }
      return value;
    } catch (JacksonException e) {
      // Tested here rather than caught: a catch of a databind type would make the verifier load
      // databind wherever this class loads, and a deployable that only writes JSON has none.
      if (e instanceof InvalidDefinitionException) {
        // The type cannot be bound at all (an abstract type without type information): the
        // program's fault, whatever the body, so not a 400 for the client.
        throw new ConfigurationException(
            "cannot bind JSON to " + name(type) + ": " + e.getOriginalMessage(), e);
      }
      throw new UndecodablePayloadException(DecodeErrors.describe(e, type));
    } catch (IOException e) {
      throw new UndecodablePayloadException(
          "body cannot be read as " + name(type) + ": " + e.getClass().getSimpleName());
    }
  }

  private ObjectReader reader(Type type) {
    ObjectReader reader = readers.get(type);
    if (reader == null) {
      // A body is one document: what follows it is a malformed body, not something to ignore.
      // A number or boolean field the body leaves out or sets to null is refused too, rather than
      // bound as 0 or false, which the function could not tell from a value sent; so is a
      // fraction for an integer field, rather than cut off.
      reader =
          TernJson.mapper()
              .readerFor(TernJson.mapper().constructType(type))
              .with(
                  DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                  DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
              .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
      if (readers.size() < READERS) {
        readers.putIfAbsent(type, reader);
      }
    }
    return reader;
  }

  @Override
  public byte[] encode(Object value) {
    JsonBytes plain = new JsonBytes(128);
    if (writePlain(plain, value, 0)) {
      return plain.toByteArray();
    }
    try {
      return TernJson.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new InvalidValueException(
          "cannot write "
              + (value == null ? "null" : value.getClass().getName())
              + " as JSON: "
              + e.getOriginalMessage(),
          e);
    }
  }

  /**
   * Writes {@code value} with {@link JsonBytes} if it is made only of maps with string keys, lists,
   * strings, numbers, booleans and nulls, nested at most {@link TernJson#MAX_DEPTH} deep; returns
   * false, leaving {@code json} half written, at the first part that is not. So a function
   * answering {@code HttpResponse.json(Map.of(...))} loads neither databind nor {@code
   * JsonFactory}, which keeps both off the cold-start path, and its answer is walked once; anything
   * else is written by databind from the start.
   */
  private static boolean writePlain(JsonBytes json, Object value, int depth) {
    if (value == null) {
      json.nullValue();
    } else if (value instanceof String) {
      json.string((String) value);
    } else if (value instanceof Boolean) {
      json.bool((Boolean) value);
    } else if (value instanceof Integer || value instanceof Long) {
      json.number(((Number) value).longValue());
    } else if (value instanceof Double) {
      json.number((double) (Double) value);
    } else if (value instanceof java.math.BigDecimal) {
      json.number((java.math.BigDecimal) value);
    } else if (value instanceof java.math.BigInteger) {
      json.number((java.math.BigInteger) value);
    } else if (depth >= TernJson.MAX_DEPTH) {
      return false; // databind refuses it, with its own message
    } else if (value instanceof java.util.Map) {
      json.startObject();
      for (java.util.Map.Entry<?, ?> e : ((java.util.Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          return false;
        }
        json.name((String) e.getKey());
        if (!writePlain(json, e.getValue(), depth + 1)) {
          return false;
        }
      }
      json.endObject();
    } else if (value instanceof java.util.List) {
      json.startArray();
      for (Object item : (java.util.List<?>) value) {
        if (!writePlain(json, item, depth + 1)) {
          return false;
        }
      }
      json.endArray();
    } else {
      return false;
    }
    return true;
  }

  private static boolean isBlank(byte[] json) {
    for (byte b : json) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  static String name(Type type) {
    return type instanceof Class ? ((Class<?>) type).getSimpleName() : type.getTypeName();
  }
}
