package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedList;
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
    assertThat(headers.plus("VARY", "Cookie").all("Vary"))
        .containsExactly("Accept", "Origin", "Cookie");
    assertThat(headers.without("vary").isEmpty()).isTrue();
    assertThat(headers.all("Vary")).containsExactly("Accept", "Origin");
  }

  @Test
  void isImmutable() {
    Headers headers = Headers.of("A", "1");
    Headers.Builder builder = headers.toBuilder();
    builder.add("A", "2");

    assertThat(headers.all("A")).containsExactly("1");
    assertThatThrownBy(() -> headers.all("A").add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> headers.asMap().put("B", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> headers.names().clear())
        .isInstanceOf(UnsupportedOperationException.class);
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
    assertThat(Headers.of("Accept", "x").hashCode())
        .isEqualTo(Headers.of("ACCEPT", "x").hashCode());
    assertThat(Headers.of("Accept", "x")).isNotEqualTo(Headers.of("Accept", "y"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\rb", "a\nb", "a\r\nSet-Cookie: x=1", "a\0b"})
  void rejectsHeaderValuesWithCrLfOrNul(String value) {
    assertThatThrownBy(() -> Headers.of("X-Name", value))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("X-Name")
        .hasMessageContaining("CR, LF or NUL");
    assertThatThrownBy(() -> Headers.of().with("X-Name", value))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Headers.of().plus("X-Name", value))
        .isInstanceOf(InvalidValueException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "Bad Name",
        "Bad:Name",
        "Bad\rName",
        "Bad\nName",
        "Na\0me",
        "Ümlaut",
        "a(b)",
        "a/b",
        "a\"b",
        "\t"
      })
  void rejectsHeaderNamesThatAreNotTokens(String name) {
    assertThatThrownBy(() -> Headers.of(name, "v"))
        .isInstanceOf(InvalidValueException.class)
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
    assertThatThrownBy(() -> Headers.of((Map<String, List<String>>) null))
        .hasMessage("map == null");
    assertThatThrownBy(() -> Headers.of().first(null)).hasMessage("name == null");
    assertThatThrownBy(() -> Headers.builder().addAll("A", null)).hasMessage("values == null");
  }

  @Test
  void forEachVisitsEachNameOnceWithItsValuesInArrivalOrder() {
    Headers headers =
        Headers.builder().add("Vary", "Accept").add("X-A", "1").add("vary", "Origin").build();
    Map<String, List<String>> seen = new LinkedHashMap<>();

    headers.forEach(seen::put);

    assertThat(seen)
        .containsExactly(
            Map.entry("Vary", List.of("Accept", "Origin")), Map.entry("X-A", List.of("1")));
  }

  @Test
  void groupsRepeatedNamesAmongManyHeaders() {
    Headers.Builder builder = Headers.builder();
    for (int i = 0; i < 100; i++) {
      builder.add("X-" + (i % 40), Integer.toString(i));
    }
    Headers headers = builder.build();

    assertThat(headers.names()).hasSize(40).startsWith("X-0", "X-1");
    assertThat(headers.all("x-3")).containsExactly("3", "43", "83");
    assertThat(headers.asMap().get("X-39")).containsExactly("39", "79");
  }

  @Test
  void buildersFromTheSameHeadersDoNotSeeEachOther() {
    Headers headers = Headers.of("A", "1");
    Headers.Builder one = headers.toBuilder().add("B", "2");
    Headers.Builder two = headers.toBuilder().add("C", "3");

    assertThat(one.build().names()).containsExactly("A", "B");
    assertThat(two.build().names()).containsExactly("A", "C");
    assertThat(headers.names()).containsExactly("A");
  }

  @Test
  void removingKeepsTheOtherHeadersInOrder() {
    Headers headers =
        Headers.builder().add("A", "1").add("B", "2").add("a", "3").add("C", "4").build();

    assertThat(headers.without("A").asMap())
        .containsExactly(Map.entry("B", List.of("2")), Map.entry("C", List.of("4")));
    assertThat(headers.with("b", "5").asMap())
        .containsExactly(
            Map.entry("A", List.of("1", "3")),
            Map.entry("C", List.of("4")),
            Map.entry("b", List.of("5")));
    assertThat(headers.plus("C", "6").all("c")).containsExactly("4", "6");
  }

  @Test
  void namesThatLowerCaseToATokenFindIt() {
    // U+212A KELVIN SIGN lower-cases to k; U+0130 lower-cases to i and a combining dot.
    Headers headers = Headers.of("k", "v").plus("id", "1");

    assertThat(headers.first("\u212A")).contains("v");
    assertThat(headers.first("\u0130d")).isEmpty();
    assertThat(headers.without("\u212A").contains("k")).isFalse();
  }

  @Test
  void equalityAndHashIgnoreTheOrderOfNamesButNotOfValues() {
    Headers ab = Headers.builder().add("A", "1").add("B", "2").add("a", "3").build();
    Headers ba = Headers.builder().add("b", "2").add("A", "1").add("A", "3").build();

    assertThat(ab).isEqualTo(ba).hasSameHashCodeAs(ba);
    assertThat(ab.hashCode())
        .isEqualTo(Map.of("a", List.of("1", "3"), "b", List.of("2")).hashCode());
    assertThat(ab)
        .isNotEqualTo(Headers.builder().add("A", "3").add("A", "1").add("B", "2").build());
    assertThat(ab).isNotEqualTo(Headers.builder().add("A", "1").add("A", "3").build());
  }

  @Test
  void tokenCharactersAreTheVisibleAsciiOnesThatAreNotDelimiters() {
    for (char c = 0; c < 0xffff; c++) {
      boolean token = c > ' ' && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
      assertThat(Headers.isTokenChar(c)).as("U+%04X", (int) c).isEqualTo(token);
    }
  }

  @Test
  void namesAreAcceptedExactlyWhenEachCharacterIsATokenCharacter() {
    for (char c = 0; c < 0xffff; c++) {
      String name = "a" + c + "-Z";
      boolean token = c > ' ' && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
      if (token) {
        assertThat(Headers.checkName(name)).as("U+%04X", (int) c).isSameAs(name);
      } else {
        assertThatThrownBy(() -> Headers.checkName(name))
            .as("U+%04X", (int) c)
            .isInstanceOf(InvalidValueException.class)
            .hasMessageEndingWith("has an invalid character at index 1");
      }
    }
  }

  @Test
  void looksUpNamesWhoseCaseDiffersInEveryLetter() {
    Headers headers = Headers.of(Map.of("x-forwarded-for", List.of("203.0.113.7")));

    assertThat(headers.first("X-FORWARDED-FOR")).contains("203.0.113.7");
    assertThat(headers.first("X-Forwarded-For")).contains("203.0.113.7");
    assertThat(headers.first("X_Forwarded-For")).isEmpty();
    assertThat(headers.first("x-forwarded-fo")).isEmpty();
  }

  @Test
  void valuesMayHoldEveryControlCharacterButCrLfAndNul() {
    for (char c = 0; c < 0x80; c++) {
      String value = "a" + c + "b";
      if (c == '\r' || c == '\n' || c == 0) {
        assertThatThrownBy(() -> Headers.of("X-Name", value))
            .as("U+%04X", (int) c)
            .isInstanceOf(InvalidValueException.class)
            .hasMessageContaining("at index 1");
      } else {
        assertThat(Headers.of("X-Name", value).first("x-name")).contains(value);
      }
    }
  }

  @Test
  void copiedMapsAreCheckedWhateverKindOfListHoldsTheValues() {
    for (List<String> bad :
        List.of(
            List.of("ok", "a\nb"),
            new ArrayList<>(List.of("ok", "a\rb")),
            new LinkedList<>(List.of("ok", "a\0b")))) {
      assertThatThrownBy(() -> Headers.of(Map.of("X-Name", bad)))
          .as(bad.getClass().getName())
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("X-Name");
    }
    for (List<String> values : List.of(List.of("1"), new LinkedList<>(List.of("1")))) {
      assertThatThrownBy(() -> Headers.of(Map.of("Bad Name", values)))
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("header name");
      assertThatThrownBy(() -> Headers.of(Map.of("Ümlaut", values)))
          .isInstanceOf(InvalidValueException.class);
    }
    assertThatThrownBy(() -> Headers.of(Map.of("X-Name", Arrays.asList("1", null))))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void copiedMapsMergeNamesDifferingInCaseWhateverKindOfList() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("Accept", List.of("text/html"));
    map.put("X-One", new LinkedList<>(List.of("1")));
    map.put("ACCEPT", new ArrayList<>(List.of("application/json", "text/plain")));
    map.put("x-one", List.of());

    Headers headers = Headers.of(map);

    assertThat(headers.all("accept"))
        .containsExactly("text/html", "application/json", "text/plain");
    assertThat(headers.all("X-ONE")).containsExactly("1");
    assertThat(headers.names()).containsExactly("Accept", "X-One");
    assertThat(Headers.of(Map.of())).isSameAs(Headers.of());
    // A name without values adds nothing, so it is not looked at.
    assertThat(Headers.of(Map.of("Bad Name", List.of())).isEmpty()).isTrue();
  }

  @Test
  void deferredHeadersAreBuiltOnFirstReadOnceAndEqualWhatTheyBuild() {
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    Headers eager = Headers.builder().add("Accept", "text/html").add("X-Id", "7").build();
    Headers deferred =
        Headers.deferred(
            () -> {
              calls.incrementAndGet();
              return eager;
            });

    assertThat(calls).hasValue(0);
    assertThat(deferred.first("accept")).contains("text/html");
    assertThat(deferred.all("X-ID")).containsExactly("7");
    assertThat(deferred.names()).containsExactly("Accept", "X-Id");
    assertThat(deferred).isEqualTo(eager).hasSameHashCodeAs(eager).hasToString(eager.toString());
    assertThat(eager).isEqualTo(deferred);
    assertThat(deferred.with("X-Id", "8").first("X-Id")).contains("8");
    assertThat(deferred.without("Accept").names()).containsExactly("X-Id");
    assertThat(deferred.toBuilder().add("Accept", "*/*").build().all("Accept"))
        .containsExactly("text/html", "*/*");
    assertThat(calls).hasValue(1);
    assertThat(Headers.deferred(() -> deferred)).isEqualTo(eager);
  }

  @Test
  void deferredHeadersThatFailToBuildThrowOnEveryReadAboutThemselves() {
    Headers deferred = Headers.deferred(() -> Headers.of("X-Bad", "a\r\nb"));
    Headers other = Headers.deferred(() -> Headers.of("X-Bad", "a\r\nb"));

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> deferred.first("Accept"))
          .isInstanceOfSatisfying(
              InvalidValueException.class,
              e -> {
                assertThat(e.isAbout(deferred)).isTrue();
                assertThat(e.isAbout(other)).isFalse();
              })
          .hasMessageContaining("X-Bad");
    }
    assertThat(deferred.toString()).startsWith("{unreadable headers: ").doesNotContain("\r");
    assertThat(new InvalidValueException("x").isAbout(deferred)).isFalse();
    assertThatThrownBy(() -> Headers.deferred(() -> null).isEmpty())
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Headers.deferred(null)).isInstanceOf(NullPointerException.class);
  }
}
