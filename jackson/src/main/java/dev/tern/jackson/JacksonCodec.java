package dev.tern.jackson;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tern.InvalidValueException;
import dev.tern.UndecodablePayloadException;
import dev.tern.spi.JsonCodec;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * The {@link JsonCodec} behind {@code Body.as} and {@code HttpResponse.json}, registered through
 * {@code META-INF/services}. Unknown properties are ignored; {@code java.time} types are ISO-8601
 * strings.
 *
 * <p>Error messages name the target type and where in the document reading stopped, and never
 * quote the input, since it may be personal data.
 *
 * @since 0.1
 */
public final class JacksonCodec implements JsonCodec {
  @Override
  public Object decode(byte[] json, Type type) {
    try {
      return TernJson.mapper().readValue(json, TernJson.mapper().constructType(type));
    } catch (JacksonException e) {
      throw new UndecodablePayloadException(describe(type) + ": " + summary(e));
    } catch (IOException e) {
      throw new UndecodablePayloadException(describe(type) + ": " + e.getClass().getSimpleName());
    }
  }

  @Override
  public byte[] encode(Object value) {
    try {
      return TernJson.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new InvalidValueException("cannot write " + (value == null ? "null" : value.getClass().getName())
          + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String describe(Type type) {
    String name = type instanceof Class ? ((Class<?>) type).getSimpleName() : type.getTypeName();
    return "body is not JSON for " + name;
  }

  private static String summary(JacksonException e) {
    String what = e.getClass().getSimpleName()
        .replace("Exception", "")
        .replaceAll("([a-z])([A-Z])", "$1 $2")
        .toLowerCase(java.util.Locale.ROOT);
    return e.getLocation() == null ? what
        : what + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }
}
