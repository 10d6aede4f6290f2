package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BodyTest {
  @Test
  void decodesTextWithTheCharsetOfTheContentType() {
    byte[] latin1 = "Grüße".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(Body.of(latin1, "text/plain; charset=ISO-8859-1").text()).isEqualTo("Grüße");
    assertThat(Body.of(latin1, "text/plain; Charset=\"iso-8859-1\"; format=flowed").text())
        .isEqualTo("Grüße");
  }

  @Test
  void decodesTextAsUtf8WithoutACharset() {
    byte[] utf8 = "Grüße".getBytes(StandardCharsets.UTF_8);

    assertThat(Body.of(utf8).text()).isEqualTo("Grüße");
    assertThat(Body.of(utf8, "application/json").text()).isEqualTo("Grüße");
  }

  @Test
  void reportsAnUnknownCharsetAsUndecodable() {
    Body body = Body.of(new byte[] {'a'}, "text/plain; charset=klingon-8");

    assertThatThrownBy(body::text)
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("klingon-8");
  }

  @Test
  void findsTheCharsetAfterCharactersThatLowerCaseToTwo() {
    // A client's Content-Type may hold anything; U+0130 lower-cases to two characters.
    byte[] latin1 = "Grüße".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(Body.of(latin1, "text/x-\u0130\u0130; charset=ISO-8859-1").text())
        .isEqualTo("Grüße");
    assertThat(Body.of(latin1, "text/\u0130; charset=latin1; format=flowed").text())
        .isEqualTo("Grüße");
  }

  @Test
  void readsTheCharsetOnlyFromAParameterNamedCharset() {
    // RFC 9110 section 8.3.1: parameters are name=token or name=quoted-string, names ignore case.
    byte[] utf8 = "Grüße".getBytes(StandardCharsets.UTF_8);

    assertThat(Body.of(utf8, "text/plain; xcharset=latin1").text()).isEqualTo("Grüße");
    assertThat(Body.of(utf8, "text/plain; x-charset=latin1").text()).isEqualTo("Grüße");
    assertThat(Body.of(utf8, "text/plain; note=\"charset=latin1\"").text()).isEqualTo("Grüße");
    assertThat(Body.of(utf8, "text/plain; note=\"a; charset=latin1\"; charset=utf-8").text())
        .isEqualTo("Grüße");
    assertThat(Body.of(utf8, "text/plain; note=\"a\\\"; charset=latin1\"").text())
        .isEqualTo("Grüße");
    assertThat(Body.of(utf8, "text/plain; chars\u017Fet=latin1").text()).isEqualTo("Grüße");
  }

  @Test
  void readsTheCharsetParameterWhereverItStands() {
    byte[] latin1 = "Grüße".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(Body.of(latin1, "text/plain;CHARSET=latin1").text()).isEqualTo("Grüße");
    assertThat(Body.of(latin1, "text/plain ; format=flowed ;charset=latin1").text())
        .isEqualTo("Grüße");
    assertThat(Body.of(latin1, "text/plain; note=\"x;y\"; charset=\"latin\\1\"").text())
        .isEqualTo("Grüße");
    assertThat(Body.of(latin1, "text/plain;; charset=latin1;").text()).isEqualTo("Grüße");
    assertThat(Body.of(latin1, "text/plain; charset=latin1; charset=utf-8").text())
        .isEqualTo("Grüße");
  }

  @Test
  void reportsAnIllegalCharsetNameAsUndecodable() {
    assertThatThrownBy(() -> Body.of(new byte[] {'a'}, "text/plain; charset=").text())
        .isInstanceOf(UndecodablePayloadException.class);
    assertThatThrownBy(() -> Body.of(new byte[] {'a'}, "text/plain; charset=a b").text())
        .isInstanceOf(UndecodablePayloadException.class);
  }

  @Test
  void encodesTextWithTheCharsetOfTheContentType() {
    Body body = Body.ofText("é", "text/plain; charset=ISO-8859-1");

    assertThat(body.bytes()).containsExactly(0xe9);
    assertThat(body.contentType()).contains("text/plain; charset=ISO-8859-1");
    assertThat(Body.ofText("é").bytes()).containsExactly(0xc3, 0xa9);
    assertThat(Body.ofText("é").contentType()).contains("text/plain; charset=utf-8");
  }

  @Test
  void copiesTheBytesItIsGivenAndHandsOut() {
    byte[] bytes = {1, 2, 3};
    Body body = Body.of(bytes);
    bytes[0] = 9;
    body.bytes()[1] = 9;

    assertThat(body.bytes()).containsExactly(1, 2, 3);
    assertThat(body.size()).isEqualTo(3);
  }

  @Test
  void wrapsWithoutCopyingForAdapters() {
    byte[] bytes = {1, 2, 3};
    Body body = Body.wrap(bytes, "application/octet-stream");

    assertThat(body.unsafeBytes()).isSameAs(bytes);
    assertThat(Body.wrap(new byte[0], null)).isSameAs(Body.empty());
  }

  @Test
  void streamsTheBytes() throws Exception {
    assertThat(Body.ofText("abc").stream().readAllBytes()).containsExactly('a', 'b', 'c');
  }

  @Test
  void withContentTypeKeepsTheBytesAndTheOriginal() {
    Body body = Body.ofText("x");
    Body json = body.withContentType("application/json");

    assertThat(json.contentType()).contains("application/json");
    assertThat(body.contentType()).contains("text/plain; charset=utf-8");
    assertThat(json.text()).isEqualTo("x");
  }

  @Test
  void bodiesAreEqualWithTheSameBytesAndTheSameContentType() {
    byte[] bytes = {'{', '}'};

    assertThat(Body.of(bytes, "application/json")).isEqualTo(Body.of(bytes, "application/json"));
    assertThat(Body.of(bytes, "application/json").hashCode())
        .isEqualTo(Body.of(bytes, "application/json").hashCode());
    assertThat(Body.of(bytes)).isEqualTo(Body.wrap(bytes.clone(), null));
    assertThat(Body.of(bytes, "application/json")).isNotEqualTo(Body.of(bytes, "text/plain"));
    assertThat(Body.of(bytes, "application/json")).isNotEqualTo(Body.of(bytes));
    assertThat(Body.of(bytes)).isNotEqualTo(Body.of(bytes, "application/json"));
    assertThat(Body.of(bytes, "application/json").hashCode())
        .isNotEqualTo(Body.of(bytes, "text/plain").hashCode());
    assertThat(Body.of(new byte[0], "text/plain")).isNotEqualTo(Body.empty());
  }

  @Test
  void emptyBodyIsEmpty() {
    assertThat(Body.empty().isEmpty()).isTrue();
    assertThat(Body.empty().text()).isEmpty();
    assertThat(Body.empty().contentType()).isEmpty();
  }

  @Test
  void bindsJsonThroughTheCodec() {
    assertThat(Body.ofText("\"Ada\"", "application/json").as(String.class)).isEqualTo("Ada");
    assertThat(Body.ofText("\"Ada\"").as((java.lang.reflect.Type) String.class)).isEqualTo("Ada");
  }

  @Test
  void letsTheCodecsUndecodablePayloadExceptionThrough() {
    assertThatThrownBy(() -> Body.ofText("{nope", "application/json").as(String.class))
        .isInstanceOf(UndecodablePayloadException.class);
  }

  @Test
  void encodesJsonThroughTheCodec() {
    Body body = Body.ofJson("Ada");

    assertThat(body.text()).isEqualTo("\"Ada\"");
    assertThat(body.contentType()).contains("application/json");
  }

  @Test
  void rejectsNullArgumentsWithAMessage() {
    assertThatThrownBy(() -> Body.of(null)).hasMessage("bytes == null");
    assertThatThrownBy(() -> Body.wrap(null, null)).hasMessage("bytes == null");
    assertThatThrownBy(() -> Body.ofText(null)).hasMessage("text == null");
    assertThatThrownBy(() -> Body.empty().as((Class<?>) null)).hasMessage("type == null");
  }

  @Test
  void refusesAContentTypeThatCouldSplitAHeader() {
    byte[] bytes = {'x'};
    for (String type : new String[] {"text/plain\r\nSet-Cookie: a=1", "a\nb", "a\0b"}) {
      for (org.assertj.core.api.ThrowableAssert.ThrowingCallable make :
          List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
              () -> Body.of(bytes, type),
              () -> Body.wrap(bytes, type),
              () -> Body.ofText("x", type),
              () -> Body.of(bytes).withContentType(type))) {
        org.assertj.core.api.Assertions.assertThatThrownBy(make)
            .isInstanceOf(InvalidValueException.class)
            .hasMessageContaining("Content-Type");
      }
    }
    assertThat(Body.of(bytes, "text/plain; charset=utf-8\t").contentType()).isPresent();
  }
}
