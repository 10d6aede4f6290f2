package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.spi.RouteTemplate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a client encodes, Tern decodes exactly once back to the original text. */
class DecodingPropertyTest {
  @Property(tries = 300)
  void queryParsesBackWhatItEncodes(@ForAll("queries") Map<String, List<String>> decoded) {
    Query query = Query.of(decoded);

    assertThat(Query.parse(query.raw())).isEqualTo(query);
    assertThat(Query.parse(query.raw()).asMap()).isEqualTo(decoded);
  }

  @Property(tries = 300)
  void eachPairIsSplitAtItsFirstEqualsAndDecodedOnce(@ForAll("rawQueries") String raw) {
    java.util.List<String> names = new java.util.ArrayList<>();
    java.util.List<String> values = new java.util.ArrayList<>();
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      names.add(formDecode(eq < 0 ? pair : pair.substring(0, eq)));
      values.add(eq < 0 ? "" : formDecode(pair.substring(eq + 1)));
    }
    Query query = Query.parse(raw);

    assertThat(query.names()).containsExactlyElementsOf(new java.util.LinkedHashSet<>(names));
    for (String name : names) {
      java.util.List<String> expected = new java.util.ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equals(name)) {
          expected.add(values.get(i));
        }
      }
      assertThat(query.all(name)).isEqualTo(expected);
    }
  }

  /** Form decoding of well-formed input: '+' is a space, each %XX one UTF-8 byte. */
  private static String formDecode(String text) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        out.write(' ');
      } else if (c == '%') {
        out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Provide
  Arbitrary<String> rawQueries() {
    // Raw query text as clients send it: plain characters, '+', well-formed escapes, separators.
    Arbitrary<String> pieces =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("abcXYZ019-._~!*").ofMinLength(1).ofMaxLength(4),
            Arbitraries.of("+", "=", "&", "%20", "%2B", "%26", "%3D", "%41", "%C3%BC"));
    return pieces.list().ofMaxSize(10).map(list -> String.join("", list));
  }

  @Property(tries = 300)
  void aPathParameterIsItsSegmentDecodedOnce(@ForAll("texts") String value) {
    if (value.equals(".") || value.equals("..")) {
      assertThat(RouteTemplate.parse("/p/{x}").match("/p/" + encode(value))).isEmpty();
      return;
    }

    assertThat(RouteTemplate.parse("/p/{x}").match("/p/" + encode(value) + "/"))
        .contains(Map.of("x", value));
  }

  /** Percent-encodes every byte but the unreserved ones, as a strict client would. */
  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || "-._~".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append(String.format("%%%02X", c));
      }
    }
    return out.toString();
  }

  @Provide
  Arbitrary<String> texts() {
    // Well-formed UTF-16 only: a lone surrogate has no UTF-8 form to send.
    Arbitrary<Character> chars =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, Arbitraries.chars().with("%+&=/?#. ;\"\\")),
            net.jqwik.api.Tuple.of(4, Arbitraries.chars().range('!', '~')),
            net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\u0000', '\uD7FF')));
    return Arbitraries.oneOf(
        chars.list().ofMinSize(1).ofMaxSize(12).map(DecodingPropertyTest::join),
        Arbitraries.of(".", "..", "\uD83D\uDC26", "%2F", "+"));
  }

  @Provide
  Arbitrary<Map<String, List<String>>> queries() {
    Arbitrary<String> text = Arbitraries.oneOf(texts(), Arbitraries.just(""));
    return Arbitraries.maps(text, text.list().ofMinSize(1).ofMaxSize(3))
        .ofMaxSize(4)
        .map(map -> new java.util.LinkedHashMap<>(map));
  }

  private static String join(List<Character> chars) {
    StringBuilder out = new StringBuilder();
    chars.forEach(out::append);
    return out.toString();
  }
}
