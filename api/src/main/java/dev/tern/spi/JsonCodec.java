package dev.tern.spi;

import dev.tern.ConfigurationException;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Binds JSON to objects and back, for {@link dev.tern.Body#as(Class)} and {@link
 * dev.tern.HttpResponse#json(Object)}. The api carries no JSON library; {@code tern-jackson}
 * provides the implementation (also registered through {@link ServiceLoader}), and it is looked up
 * only when a function first binds JSON.
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
   * tern-jackson's codec when it is on the class path, otherwise the first one registered through
   * {@link ServiceLoader}.
   *
   * @throws ConfigurationException if there is none, or the one there cannot be created, on every
   *     call
   */
  static JsonCodec get() {
    JsonCodec codec = Holder.CODEC;
    if (codec == null) {
      Throwable failure = Holder.failure;
      if (failure != null) {
        throw new ConfigurationException(
            "the JSON codec on the classpath cannot be created: " + failure, failure);
      }
      throw new ConfigurationException(
          "no JSON codec on the classpath: add dev.tern:tern-jackson (every adapter brings it)");
    }
    return codec;
  }

  /** Loads the codec on first use only. */
  final class Holder {
    /** tern-jackson's codec, which every adapter brings. */
    static final String TERN_JACKSON = "dev.tern.jackson.JacksonCodec";

    /**
     * Why no codec could be created, when one is on the class path but broken: its class gone from
     * a minimized jar, or Jackson missing. Written only while the class initializes.
     */
    static Throwable failure;

    /** Null when there is none: an initializer that threw would surface as an Error instead. */
    static final JsonCodec CODEC = load();

    private Holder() {}

    /**
     * tern-jackson's codec when it is on the class path, looked up by name: {@link ServiceLoader}
     * reads its provider files through a {@code Reader} stack that a cold JVM has not loaded yet,
     * about ten milliseconds of a first request on one CPU. Otherwise the first codec registered
     * through {@link ServiceLoader}.
     */
    private static JsonCodec load() {
      ClassLoader loader = JsonCodec.class.getClassLoader();
      try {
        Class<?> type = Class.forName(TERN_JACKSON, true, loader);
        if (JsonCodec.class.isAssignableFrom(type)) {
          return (JsonCodec) type.getConstructor().newInstance();
        }
      } catch (ReflectiveOperationException e) {
        // Not on the class path (or not usable): whatever is registered decides.
      } catch (LinkageError e) {
        failure = e; // on the class path without what it links to; a registered codec may still do
      }
      return Registered.first(loader);
    }
  }

  /**
   * The {@link ServiceLoader} fallback, in a class of its own: verifying {@link Holder} would
   * otherwise load {@code ServiceConfigurationError}, which the JDK's class-data archive lacks, on
   * the first JSON answer of every cold start.
   */
  final class Registered {
    private Registered() {}

    static JsonCodec first(ClassLoader loader) {
      try {
        Iterator<JsonCodec> codecs = ServiceLoader.load(JsonCodec.class, loader).iterator();
        return codecs.hasNext() ? codecs.next() : null;
      } catch (ServiceConfigurationError e) {
        Holder.failure = e;
        return null;
      }
    }
  }
}
