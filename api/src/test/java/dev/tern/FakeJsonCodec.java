package dev.tern;

import dev.tern.spi.JsonCodec;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * The api tests' JSON codec, registered in {@code META-INF/services}: it binds a JSON string
 * literal to {@link String} and refuses everything else as undecodable, which is all the api needs
 * to prove how codec results and failures travel. The real codec is tested in tern-jackson.
 */
public final class FakeJsonCodec implements JsonCodec {
  @Override
  public Object decode(byte[] json, Type type) {
    String text = new String(json, StandardCharsets.UTF_8).strip();
    if (type == String.class
        && text.length() >= 2
        && text.startsWith("\"")
        && text.endsWith("\"")) {
      return text.substring(1, text.length() - 1);
    }
    throw new UndecodablePayloadException("body is not JSON for " + type.getTypeName());
  }

  @Override
  public byte[] encode(Object value) {
    return ("\"" + value + "\"").getBytes(StandardCharsets.UTF_8);
  }
}
