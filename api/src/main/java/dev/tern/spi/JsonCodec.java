package dev.tern.spi;

import dev.tern.ConfigurationException;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Binds JSON to objects and back, for {@link dev.tern.Body#as(Class)} and {@link
 * dev.tern.HttpResponse#json(Object)}. The api carries no JSON library; {@code tern-jackson}
 * registers the implementation through {@link ServiceLoader}, and it is looked up only when a
 * function first binds JSON.
 *
 * @since 0.1
 */
public interface JsonCodec {
  /**
   * Reads {@code json} as {@code type}.
   *
   * @throws dev.tern.UndecodablePayloadException if it is not JSON of that shape
   */
  Object decode(byte[] json, Type type);

  /** Writes {@code value} as UTF-8 JSON. */
  byte[] encode(Object value);

  /**
   * The codec registered on the classpath.
   *
   * @throws ConfigurationException if there is none, on every call
   */
  static JsonCodec get() {
    JsonCodec codec = Holder.CODEC;
    if (codec == null) {
      throw new ConfigurationException(
          "no JSON codec on the classpath: add dev.tern:tern-jackson (every adapter brings it)");
    }
    return codec;
  }

  /** Loads the codec on first use only. */
  final class Holder {
    /** Null when there is none: an initializer that threw would surface as an Error instead. */
    static final JsonCodec CODEC = load();

    private Holder() {}

    private static JsonCodec load() {
      Iterator<JsonCodec> codecs = ServiceLoader.load(JsonCodec.class, JsonCodec.class.getClassLoader()).iterator();
      return codecs.hasNext() ? codecs.next() : null;
    }
  }
}
