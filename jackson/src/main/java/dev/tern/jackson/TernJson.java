package dev.tern.jackson;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The Jackson setup every Tern module shares: one {@link JsonFactory} with deliberate read limits
 * for native payloads, and one {@link ObjectMapper} for binding function bodies, created on first
 * use so a function that never binds JSON never pays for databind.
 *
 * <p>Limits: nesting depth {@value #MAX_DEPTH}, strings up to {@value #MAX_STRING} characters,
 * numbers up to {@value #MAX_NUMBER} digits, documents up to {@value #MAX_DOCUMENT} bytes. The
 * largest payload any of the three clouds delivers is 6 MB (Lambda), so these refuse only what no
 * platform sends.
 *
 * @since 0.1
 */
public final class TernJson {
  public static final int MAX_DEPTH = 200;
  public static final int MAX_STRING = 8 * 1024 * 1024;
  public static final int MAX_NUMBER = 100;
  public static final long MAX_DOCUMENT = 16L * 1024 * 1024;

  /**
   * Tern's read limits, shared by the factory, {@link #parser(byte[])} and {@link
   * #parserWithoutDuplicateDetection(byte[])}.
   */
  static final StreamReadConstraints READ_LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(MAX_STRING)
          .maxNumberLength(MAX_NUMBER)
          .maxDocumentLength(MAX_DOCUMENT)
          .build();

  /** False once {@link Streams} failed to link against the Jackson on the class path. */
  private static volatile boolean streams = true;

  private TernJson() {}

  /**
   * The factory for reading native payloads with jackson-core alone; built on first call. Its
   * limits are this class's, it refuses a name repeated in one object, and it does not intern
   * names: compare them with {@code equals}.
   */
  public static JsonFactory factory() {
    return FactoryHolder.FACTORY;
  }

  /**
   * A parser over one whole UTF-8 document, with the factory's features and read limits. Same as
   * {@code factory().createParser(bytes)}, but a UTF-8 document without a byte order mark is read
   * without loading {@link JsonFactory}: see {@link Streams} for why that matters at cold start.
   */
  public static JsonParser parser(byte[] bytes) throws IOException {
    return parser(bytes, true);
  }

  /**
   * A parser as {@link #parser(byte[])} gives, with the same read limits, except that it does not
   * look for a name repeated in one object: for readers that refuse repeated names themselves while
   * they build their objects, and would otherwise have every name hashed a second time by the
   * parser's duplicate detector. A caller that does not check must not use it.
   *
   * @since 0.1
   */
  public static JsonParser parserWithoutDuplicateDetection(byte[] bytes) throws IOException {
    return parser(bytes, false);
  }

  /**
   * Both kinds of parser. {@link Streams} is touched only inside the try: on a Jackson it cannot
   * link against, even loading it may fail.
   */
  private static JsonParser parser(byte[] bytes, boolean detectDuplicates) throws IOException {
    requireNonNull(bytes, "bytes == null");
    JsonParser direct = null;
    if (streams) {
      try {
        direct = Streams.parser(bytes, detectDuplicates);
      } catch (LinkageError e) {
        // This Jackson lacks a class or constructor Streams uses: the factory reads from now on.
        streams = false;
      }
    }
    if (direct != null) {
      return direct;
    }
    JsonParser parser = factory().createParser(bytes);
    // The factory's parsers detect duplicates; this rare path (a byte order mark, UTF-16 or
    // UTF-32, an older Jackson) turns that off on the new parser, before its first token.
    return detectDuplicates
        ? parser
        : parser.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  /** Whether {@link #parser} still builds parsers without the factory. */
  static boolean readsDirectly() {
    return streams;
  }

  /** The mapper for binding bodies; built on first call. */
  public static ObjectMapper mapper() {
    return MapperHolder.MAPPER;
  }

  static final class FactoryHolder {
    static final JsonFactory FACTORY =
        JsonFactory.builder()
            .streamReadConstraints(READ_LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Names are compared with equals, never by identity; interning them costs a cold JVM
            // jackson-core's intern cache and a String.intern call per new name.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private FactoryHolder() {}
  }

  private static final class MapperHolder {
    static final ObjectMapper MAPPER =
        JsonMapper.builder(factory())
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
  }
}
