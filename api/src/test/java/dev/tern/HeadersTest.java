package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeadersTest {
  @Test
  void looksUpNamesCaseInsensitively() {
    Headers headers = Headers.builder().add("Content-Type", "text/plain").build();

    assertThat(headers.first("content-type")).contains("text/plain");
    assertThat(headers.first("CONTENT-TYPE")).contains("text/plain");
    assertThat(headers.contains("cOnTeNt-TyPe")).isTrue();
    assertThat(headers.first("Accept")).isEmpty();
    assertThat(headers.all("Accept")).isEmpty();
  }

  @Test
  void keepsValuesOfOneNameInArrivalOrderUnderTheFirstSpelling() {
    Headers headers =
        Headers.builder()
            .add("Accept", "text/html")
            .add("X-Trace", "1")
            .add("accept", "application/json")
            .build();

    assertThat(headers.all("ACCEPT")).containsExactly("text/html", "application/json");
    assertThat(headers.first("accept")).contains("text/html");
    assertThat(headers.names()).containsExactly("Accept", "X-Trace");
    assertThat(headers.asMap())
        .containsExactly(
            Map.entry("Accept", List.of("text/html", "application/json")),
            Map.entry("X-Trace", List.of("1")));
  }

  @Test
  void mergesMapNamesThatDifferOnlyInCase() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("Set-Thing", List.of("a"));
    map.put("set-thing", List.of("b", "c"));

    assertThat(Headers.of(map).all("SET-THING")).containsExactly("a", "b", "c");
  }

  @Test
  void withReplacesPlusAppendsWithoutRemoves() {
    Headers headers = Headers.of("Vary", "Accept", "Origin");

    assertThat(headers.with("vary", "Cookie").all("Vary")).containsExactly("Cookie");
    assertThat(headers.plus("VARY", "Cookie").all("Vary")).containsExactly("Accept", "Origin", "Cookie");
    assertThat(headers.without("vary").isEmpty()).isTrue();
    assertThat(headers.all("Vary")).containsExactly("Accept", "Origin");
  }

  @Test
  void isImmutable() {
    Headers headers = Headers.of("A", "1");
    Headers.Builder builder = headers.toBuilder();
    builder.add("A", "2");

    assertThat(headers.all("A")).containsExactly("1");
    assertThatThrownBy(() -> headers.all("A").add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> headers.asMap().put("B", List.of())).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> headers.names().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void builderCanBuildMoreThanOnceWithoutSharing() {
    Headers.Builder builder = Headers.builder().add("A", "1");
    Headers first = builder.build();
    builder.add("A", "2");

    assertThat(first.all("A")).containsExactly("1");
    assertThat(builder.build().all("A")).containsExactly("1", "2");
  }

  @Test
  void equalityIgnoresTheCaseOfNames() {
    assertThat(Headers.of("Accept", "x")).isEqualTo(Headers.of("accept", "x"));
    assertThat(Headers.of("Accept", "x").hashCode()).isEqualTo(Headers.of("ACCEPT", "x").hashCode());
    assertThat(Headers.of("Accept", "x")).isNotEqualTo(Headers.of("Accept", "y"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\rb", "a\nb", "a\r\nSet-Cookie: x=1", "a\0b"})
  void rejectsHeaderValuesWithCrLfOrNul(String value) {
    assertThatThrownBy(() -> Headers.of("X-Name", value))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("X-Name")
        .hasMessageContaining("CR, LF or NUL");
    assertThatThrownBy(() -> Headers.of().with("X-Name", value)).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Headers.of().plus("X-Name", value)).isInstanceOf(InvalidValueException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Bad Name", "Bad:Name", "Bad\rName", "Bad\nName", "Na\0me", "Ümlaut", "a(b)", "a/b", "a\"b", "\t"})
  void rejectsHeaderNamesThatAreNotTokens(String name) {
    assertThatThrownBy(() -> Headers.of(name, "v")).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("header name");
  }

  @Test
  void acceptsEveryTokenCharacterInNames() {
    String token = "!#$%&'*+-.^_`|~09azAZ";

    assertThat(Headers.of(token, "v").first(token)).contains("v");
  }

  @Test
  void keepsEmptyValuesAndValuesWithTabsAndUnicode() {
    Headers headers = Headers.builder().add("A", "").add("B", "x\ty").add("C", "grüße").build();

    assertThat(headers.first("A")).contains("");
    assertThat(headers.first("B")).contains("x\ty");
    assertThat(headers.first("C")).contains("grüße");
  }

  @Test
  void rejectsNullArgumentsWithAMessage() {
    assertThatThrownBy(() -> Headers.of((String) null, "v")).hasMessage("name == null");
    assertThatThrownBy(() -> Headers.of("A", (String) null)).hasMessage("value == null");
    assertThatThrownBy(() -> Headers.of("A", (String[]) null)).hasMessage("values == null");
    assertThatThrownBy(() -> Headers.of((Map<String, List<String>>) null)).hasMessage("map == null");
    assertThatThrownBy(() -> Headers.of().first(null)).hasMessage("name == null");
    assertThatThrownBy(() -> Headers.builder().addAll("A", null)).hasMessage("values == null");
  }
}
