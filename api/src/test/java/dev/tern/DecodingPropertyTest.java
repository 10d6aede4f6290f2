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
  void aPathParameterIsItsSegmentDecodedOnce(@ForAll("texts") String value) {
    if (value.equals(".") || value.equals("..")) {
      assertThat(RouteTemplate.parse("/p/{x}").match("/p/" + encode(value))).isEmpty();
      return;
    }

    assertThat(RouteTemplate.parse("/p/{x}").match("/p/" + encode(value) + "/")).contains(Map.of("x", value));
  }

  /** Percent-encodes every byte but the unreserved ones, as a strict client would. */
  private static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
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
    return Arbitraries.maps(text, text.list().ofMinSize(1).ofMaxSize(3)).ofMaxSize(4)
        .map(map -> new java.util.LinkedHashMap<>(map));
  }

  private static String join(List<Character> chars) {
    StringBuilder out = new StringBuilder();
    chars.forEach(out::append);
    return out.toString();
  }
}
