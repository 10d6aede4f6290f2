package dev.tern.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonBytes} writes the very bytes jackson-core's generator writes: plain values as the
 * codec writes them through it, against the same values written by databind, and the calls the
 * codec does not make against the generator itself.
 */
class JsonBytesTest {
  private static final JacksonCodec CODEC = new JacksonCodec();

  /** {@code value} (maps, lists, strings, numbers, booleans, null) written by databind. */
  private static byte[] jackson(Object value) throws IOException {
    return TernJson.mapper().writeValueAsBytes(value);
  }

  /** The same, written by the codec, which writes such plain values with {@link JsonBytes}. */
  private static byte[] tern(Object value) {
    return CODEC.encode(value);
  }

  @Property(tries = 1000)
  void stringsAreEscapedAsJacksonEscapesThem(@ForAll("text") String text) throws IOException {
    assertThat(tern(text)).isEqualTo(jackson(text));
  }

  @Property(tries = 300)
  void namesAreEscapedAsJacksonEscapesThem(
      @ForAll("text") String name, @ForAll("text") String value) throws IOException {
    Map<String, Object> object = Map.of(name, value);
    assertThat(tern(object)).isEqualTo(jackson(object));
  }

  @Property(tries = 300)
  void doublesAreWrittenAsJacksonWritesThem(@ForAll double value) throws IOException {
    assertThat(tern(value)).isEqualTo(jackson(value));
  }

  @Property(tries = 300)
  void longsAreWrittenAsJacksonWritesThem(@ForAll long value) throws IOException {
    assertThat(tern(value)).isEqualTo(jackson(value));
  }

  @Property(tries = 300)
  void bigNumbersAreWrittenAsJacksonWritesThem(
      @ForAll BigDecimal decimal, @ForAll BigInteger integer) throws IOException {
    assertThat(tern(decimal)).isEqualTo(jackson(decimal));
    assertThat(tern(integer)).isEqualTo(jackson(integer));
  }

  @Property(tries = 300)
  void nestedDocumentsAreWrittenAsJacksonWritesThem(@ForAll("documents") Object document)
      throws IOException {
    assertThat(tern(document)).isEqualTo(jackson(document));
  }

  @Test
  void nonFiniteDoublesAndSurrogatesAreWrittenAsJacksonWritesThem() throws IOException {
    for (Object value :
        List.of(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            -0.0,
            1e300,
            "\uD83D\uDE00",
            "lone \uD83D",
            "\uDE00 lone",
            "\u0000\u0008\u000c\u001f\u007f\u2028\u00e9",
            "")) {
      assertThat(tern(value)).as("%s", value).isEqualTo(jackson(value));
    }
  }

  @Property(tries = 300)
  void utf8StringsAreEscapedAsJacksonEscapesThemWithoutDecoding(@ForAll("text") String text)
      throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = TernJson.factory().createGenerator(out)) {
      json.writeUTF8String(utf8, 0, utf8.length);
    }

    assertThat(new JsonBytes().utf8String(utf8, 0, utf8.length).toByteArray())
        .isEqualTo(out.toByteArray());
  }

  @Property(tries = 300)
  void stringsGrowTheSmallestBufferThroughRunsOfEscapesAsJacksonWritesThem(
      @ForAll("text") String a, @ForAll("text") String b, @ForAll("text") String c)
      throws IOException {
    String text = a + "\u0001\"".repeat(a.length()) + b + "\u00e9".repeat(b.length()) + c;
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = TernJson.factory().createGenerator(out)) {
      json.writeStartArray();
      json.writeString(text);
      json.writeUTF8String(utf8, 0, utf8.length);
      json.writeEndArray();
    }

    assertThat(
            new JsonBytes(0)
                .startArray()
                .string(text)
                .utf8String(utf8, 0, utf8.length)
                .endArray()
                .toByteArray())
        .isEqualTo(out.toByteArray());
  }

  @Test
  void utf8StringsCopyBytesThatAreNotUtf8AsTheyAre() {
    byte[] bytes = {'"', (byte) 0xff, (byte) 0xc3, '\n', 'a'};

    assertThat(new JsonBytes().utf8String(bytes, 1, 3).toByteArray())
        .containsExactly('"', 0xff, 0xc3, '\\', 'n', '"');
  }

  @Test
  void separatesRootValuesWithASpaceAsJacksonDoes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = TernJson.factory().createGenerator(out)) {
      json.writeNumber(1);
      json.writeString("two");
      json.writeStartArray();
      json.writeEndArray();
    }

    assertThat(new JsonBytes().number(1).string("two").startArray().endArray().toByteArray())
        .isEqualTo(out.toByteArray());
  }

  @Test
  void keepsTrackOfContainersNestedBeyondAnyFixedDepth() throws IOException {
    // Objects and arrays alternate down to 300 levels, each with a value before and after the
    // next level, so every level's kind and emptiness is read again after the levels below it.
    int levels = 300;
    JsonBytes tern = new JsonBytes(16);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = TernJson.factory().createGenerator(out)) {
      for (int i = 0; i < levels; i++) {
        if (i % 2 == 0) {
          tern.startObject().name("before").number(i).name("next");
          json.writeStartObject();
          json.writeNumberField("before", i);
          json.writeFieldName("next");
        } else {
          tern.startArray().number(i);
          json.writeStartArray();
          json.writeNumber(i);
        }
      }
      tern.startArray().endArray();
      json.writeStartArray();
      json.writeEndArray();
      for (int i = levels - 1; i >= 0; i--) {
        if (i % 2 == 0) {
          tern.name("after").bool(true).endObject();
          json.writeBooleanField("after", true);
          json.writeEndObject();
        } else {
          tern.string("after").endArray();
          json.writeString("after");
          json.writeEndArray();
        }
      }
    }

    assertThat(tern.toByteArray()).isEqualTo(out.toByteArray());
  }

  @Test
  void refusesAMismatchedCloseAtAnyDepth() {
    JsonBytes json = new JsonBytes();
    for (int i = 0; i < 70; i++) {
      json.startArray();
    }
    json.startObject();

    assertThatThrownBy(json::endArray)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("] closes no open array");
    assertThatThrownBy(() -> json.number(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a name");
  }

  @Test
  void numberTextIsWrittenAsGiven() {
    assertThat(
            new JsonBytes()
                .startArray()
                .numberText("1.50e3")
                .numberText("-0")
                .endArray()
                .toByteArray())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("[1.50e3,-0]");
  }

  @Test
  void refusesCallsThatWouldWriteInvalidJson() {
    assertThatThrownBy(() -> new JsonBytes().startObject().string("value"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a name");
    assertThatThrownBy(() -> new JsonBytes().startArray().name("key"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("name belongs in an object");
    assertThatThrownBy(() -> new JsonBytes().startObject().name("a").name("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("name belongs in an object");
    assertThatThrownBy(() -> new JsonBytes().startArray().endObject())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("} closes no open object");
    assertThatThrownBy(() -> new JsonBytes().startObject().name("a").endObject())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new JsonBytes().endArray()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new JsonBytes().startObject().toByteArray())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not complete");
  }

  @Test
  void growsPastItsFirstCapacityAndThroughDeepNesting() throws IOException {
    Object deep = "end";
    for (int i = 0; i < 40; i++) {
      Map<String, Object> level = new LinkedHashMap<>();
      level.put("k" + i, List.of(i * 1L, deep, "x".repeat(i * 10)));
      deep = level;
    }

    assertThat(tern(deep)).isEqualTo(jackson(deep));
  }

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.strings()
        .withChars(
            "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u0080\u07ff\u0800\u2028\uffff\ud800\udbff\udc00\udfff")
        .withCharRange(' ', '~')
        .withCharRange('\u0000', '\uffff')
        .ofMaxLength(40);
  }

  @Provide
  Arbitrary<Object> documents() {
    Arbitrary<Object> scalars =
        Arbitraries.oneOf(
            text().map(s -> (Object) s),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.doubles().map(d -> (Object) d),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.just(null));
    return Arbitraries.recursive(
        () -> scalars,
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(text(), inner)
                    .ofMaxSize(4)
                    .map(m -> (Object) new LinkedHashMap<>(m))),
        0,
        4);
  }
}
