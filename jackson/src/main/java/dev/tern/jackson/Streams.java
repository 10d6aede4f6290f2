package dev.tern.jackson;

import com.fasterxml.jackson.core.ErrorReportConfiguration;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.io.ContentReference;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.fasterxml.jackson.core.util.BufferRecycler;
import java.io.IOException;

/**
 * Creates jackson-core's UTF-8 byte-array parser the way {@code TernJson.factory()} does, without
 * loading {@link JsonFactory}.
 *
 * <p>Why: the first use of a {@code JsonFactory} loads and verifies its whole reach, about forty
 * classes (the reader, data-input and non-blocking parsers, both generators and their bases) before
 * any byte is read. On a cold Lambda with one vCPU that is tens of milliseconds of a function's
 * first response. A UTF-8 byte array only ever needs {@link UTF8StreamJsonParser}; this class
 * builds it with the factory's features, read limits, per-thread buffers and symbol table setup, so
 * the rest is never loaded. ({@link JsonBytes} does the same for writing.)
 *
 * <p>The constructors used are public but belong to jackson-core's implementation rather than its
 * stable surface. Should a Jackson version on the class path lack one, the first call throws a
 * {@link LinkageError}, and {@code TernJson} reads with the factory from then on: slower to start
 * but otherwise the same. {@code StreamsTest} pins that the two paths agree.
 */
final class Streams {
  /**
   * Parser features of {@code TernJson.factory()}: the defaults plus strict duplicate detection.
   */
  static final int PARSER_FEATURES =
      JsonParser.Feature.collectDefaults()
          | JsonParser.Feature.STRICT_DUPLICATE_DETECTION.getMask();

  /** The parser features of {@code TernJson.parserWithoutDuplicateDetection}: the defaults. */
  static final int PARSER_FEATURES_WITHOUT_DUPLICATE_DETECTION =
      JsonParser.Feature.collectDefaults();

  /** Factory features of {@code TernJson.factory()}: the defaults without interning names. */
  static final int FACTORY_FEATURES =
      JsonFactory.Feature.collectDefaults() & ~JsonFactory.Feature.INTERN_FIELD_NAMES.getMask();

  /**
   * The root of the field-name symbol table; every parser takes a child and merges back on close.
   */
  private static final ByteQuadsCanonicalizer SYMBOLS = ByteQuadsCanonicalizer.createRoot();

  private static final ThreadLocal<BufferRecycler> RECYCLERS = new ThreadLocal<>();

  private Streams() {}

  /**
   * A parser over {@code bytes}, or {@code null} when the factory must read them: they may be
   * UTF-16 or UTF-32, or start with a byte order mark, which only the factory detects.
   *
   * @param detectDuplicates whether the parser refuses a name repeated in one object
   */
  static JsonParser parser(byte[] bytes, boolean detectDuplicates) throws IOException {
    if (!plainUtf8(bytes)) {
      return null;
    }
    TernJson.READ_LIMITS.validateDocumentLength(bytes.length);
    IOContext context =
        new IOContext(
            TernJson.READ_LIMITS,
            StreamWriteConstraints.defaults(),
            ErrorReportConfiguration.defaults(),
            recycler(),
            ContentReference.construct(true, bytes, ErrorReportConfiguration.defaults()),
            true);
    return new UTF8StreamJsonParser(
        context,
        detectDuplicates ? PARSER_FEATURES : PARSER_FEATURES_WITHOUT_DUPLICATE_DETECTION,
        null,
        null,
        SYMBOLS.makeChildOrPlaceholder(FACTORY_FEATURES),
        bytes,
        0,
        bytes.length,
        0,
        false);
  }

  /**
   * This thread's buffers, kept as jackson-core's default thread-local pool keeps them but without
   * the five classes of its pool abstraction. Parsers of one thread share the recycler: each takes
   * a buffer out while it reads and puts it back on close.
   */
  private static BufferRecycler recycler() {
    BufferRecycler recycler = RECYCLERS.get();
    if (recycler == null) {
      recycler = new BufferRecycler();
      RECYCLERS.set(recycler);
    }
    return recycler;
  }

  /**
   * Whether the factory would read {@code bytes} as UTF-8 from their first byte: no byte order mark
   * and no zero byte among the first four, which is how it tells UTF-16 and UTF-32 apart (RFC 4627
   * section 3).
   */
  static boolean plainUtf8(byte[] bytes) {
    if (bytes.length > 0) {
      int first = bytes[0] & 0xff;
      if (first == 0xef || first == 0xfe || first == 0xff) {
        return false;
      }
    }
    for (int i = 0; i < Math.min(4, bytes.length); i++) {
      if (bytes[i] == 0) {
        return false;
      }
    }
    return true;
  }
}
