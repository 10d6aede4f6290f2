package dev.tern.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TernJson#parser(byte[])} reads as {@code TernJson.factory().createParser(bytes)} does, and
 * {@link TernJson#parserWithoutDuplicateDetection(byte[])} the same but for repeated names.
 */
class StreamsTest {
  private static final String DOCUMENT =
      "{\"a\":[1,-2.5e3,true,false,null,\"t\\u00e9xt \\ud83d\\ude00\"],\"b\":{\"c\":{}},\"d\":12345678901234567890}";

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Every token with its text, and where it ends. */
  private static List<String> tokens(JsonParser parser) throws IOException {
    List<String> out = new ArrayList<>();
    try (parser) {
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        out.add(t + " " + parser.getText() + " @" + parser.currentLocation().getColumnNr());
      }
    }
    return out;
  }

  @Test
  void readsUtf8WithTheUtf8StreamParserAndTheFactorysFeaturesWithoutTheFactory()
      throws IOException {
    try (JsonParser direct = TernJson.parser(utf8(DOCUMENT));
        JsonParser factory = TernJson.factory().createParser(utf8(DOCUMENT))) {
      assertThat(TernJson.readsDirectly()).isTrue();
      assertThat(direct).isInstanceOf(UTF8StreamJsonParser.class);
      assertThat(direct.getFeatureMask()).isEqualTo(factory.getFeatureMask());
      assertThat(direct.isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)).isTrue();
      assertThat(direct.streamReadConstraints()).isSameAs(factory.streamReadConstraints());
    }
    assertThat(tokens(TernJson.parser(utf8(DOCUMENT))))
        .isEqualTo(tokens(TernJson.factory().createParser(utf8(DOCUMENT))));
  }

  @Test
  void neitherPathInternsNames() throws IOException {
    String literal = "tern-interned-name"; // a literal, so the JVM's string pool holds this one
    byte[] document = utf8("{\"tern-interned-name\":1}");
    try (JsonParser direct = TernJson.parser(document);
        JsonParser factory = TernJson.factory().createParser(document)) {
      for (JsonParser parser : List.of(direct, factory)) {
        parser.nextToken();
        parser.nextToken();
        assertThat(parser.currentName()).isEqualTo(literal).isNotSameAs(literal);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
  void leavesOtherEncodingsToTheFactory(String charset) throws IOException {
    byte[] bytes = DOCUMENT.getBytes(Charset.forName(charset));

    assertThat(Streams.plainUtf8(bytes)).isFalse();
    assertThat(tokens(TernJson.parser(bytes))).isEqualTo(tokens(TernJson.parser(utf8(DOCUMENT))));
  }

  @Test
  void leavesAByteOrderMarkToTheFactory() throws IOException {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '[', '1', ']'};

    assertThat(Streams.plainUtf8(bom)).isFalse();
    assertThat(tokens(TernJson.parser(bom)))
        .containsExactly("START_ARRAY [ @5", "VALUE_NUMBER_INT 1 @6", "END_ARRAY ] @7");
  }

  @Test
  void appliesTernsReadLimits() {
    String deep = "[".repeat(TernJson.MAX_DEPTH + 1) + "]".repeat(TernJson.MAX_DEPTH + 1);
    assertThatThrownBy(() -> tokens(TernJson.parser(utf8(deep))))
        .isInstanceOf(StreamConstraintsException.class)
        .hasMessageContaining("nesting depth");

    String longNumber = "[" + "9".repeat(TernJson.MAX_NUMBER + 1) + "]";
    assertThatThrownBy(
            () -> {
              try (JsonParser p = TernJson.parser(utf8(longNumber))) {
                p.nextToken();
                p.nextToken();
                p.getNumberValue();
              }
            })
        .isInstanceOf(StreamConstraintsException.class)
        .hasMessageContaining("Number value length");
  }

  @Test
  void detectsDuplicateKeysAsTheFactorysParsersDo() {
    assertThatThrownBy(() -> tokens(TernJson.parser(utf8("{\"a\":1,\"a\":2}"))))
        .hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void leavesDuplicateKeysToTheCallerWhenAskedWithTheSameReadLimits() throws IOException {
    byte[] repeated = utf8("{\"a\":1,\"a\":2}");
    try (JsonParser direct = TernJson.parserWithoutDuplicateDetection(utf8(DOCUMENT));
        JsonParser factory = TernJson.factory().createParser(utf8(DOCUMENT))) {
      assertThat(direct).isInstanceOf(UTF8StreamJsonParser.class);
      assertThat(direct.isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)).isFalse();
      assertThat(direct.getFeatureMask())
          .isEqualTo(
              factory.getFeatureMask() & ~JsonParser.Feature.STRICT_DUPLICATE_DETECTION.getMask());
      assertThat(direct.streamReadConstraints()).isSameAs(factory.streamReadConstraints());
    }
    assertThat(tokens(TernJson.parserWithoutDuplicateDetection(utf8(DOCUMENT))))
        .isEqualTo(tokens(TernJson.parser(utf8(DOCUMENT))));
    List<String> both =
        tokens(
            TernJson.factory()
                .createParser(repeated)
                .disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));
    assertThat(both).hasSize(6);
    assertThat(tokens(TernJson.parserWithoutDuplicateDetection(repeated))).isEqualTo(both);
    // The factory's path, for a byte order mark, too.
    byte[] bom = new byte[repeated.length + 3];
    bom[0] = (byte) 0xef;
    bom[1] = (byte) 0xbb;
    bom[2] = (byte) 0xbf;
    System.arraycopy(repeated, 0, bom, 3, repeated.length);
    try (JsonParser p = TernJson.parserWithoutDuplicateDetection(bom)) {
      assertThat(p.isEnabled(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)).isFalse();
      assertThat(p.streamReadConstraints()).isSameAs(TernJson.READ_LIMITS);
    }
    assertThat(tokens(TernJson.parserWithoutDuplicateDetection(bom))).hasSize(6);
    assertThatThrownBy(() -> tokens(TernJson.parser(bom)))
        .hasMessageContaining("Duplicate field 'a'");

    String deep = "[".repeat(TernJson.MAX_DEPTH + 1) + "]".repeat(TernJson.MAX_DEPTH + 1);
    assertThatThrownBy(() -> tokens(TernJson.parserWithoutDuplicateDetection(utf8(deep))))
        .isInstanceOf(StreamConstraintsException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void readsEmptyAndTinyInputsAsTheFactoryDoes() throws IOException {
    for (String text : List.of("", " ", "1", "\"\"", "{}")) {
      assertThat(tokens(TernJson.parser(utf8(text))))
          .as("'%s'", text)
          .isEqualTo(tokens(TernJson.factory().createParser(utf8(text))));
    }
  }

  @Test
  void reusesPooledBuffersAcrossParsers() throws IOException {
    List<String> expected = tokens(TernJson.factory().createParser(utf8(DOCUMENT)));
    for (int i = 0; i < 1000; i++) {
      assertThat(tokens(TernJson.parser(utf8(DOCUMENT)))).isEqualTo(expected);
    }
  }
}
