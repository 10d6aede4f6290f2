package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.InvalidValueException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTemplateTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/orders | api  | /orders",
        "/api        | api  | /",
        "/api/       | api  | /",
        "/apis/x     | api  | /apis/x",
        "/ap         | api  | /ap",
        "/prod/a/b   | prod | /a/b",
        "/orders     | ''   | /orders",
      })
  void removesAWholeFirstSegmentOnly(String path, String segment, String expected) {
    assertThat(RouteTemplate.withoutFirstSegment(path, segment)).isEqualTo(expected);
    assertThat(RouteTemplate.withoutFirstSegment(path, segment, true)).isEqualTo(expected);
  }

  @Test
  void removesAFirstSegmentInAnyCaseOnlyWhenToldTo() {
    assertThat(RouteTemplate.withoutFirstSegment("/Prod/a", "prod")).isEqualTo("/Prod/a");
    assertThat(RouteTemplate.withoutFirstSegment("/API/orders", "api", true)).isEqualTo("/orders");
    assertThat(RouteTemplate.withoutFirstSegment("/APIs/x", "api", true)).isEqualTo("/APIs/x");
  }

  @Test
  void matchesLiteralsAndExtractsParameters() {
    RouteTemplate route = RouteTemplate.parse("/orders/{id}/items/{item}");

    assertThat(route.match("/orders/42/items/7")).contains(Map.of("id", "42", "item", "7"));
    assertThat(route.match("/orders/42/items")).isEmpty();
    assertThat(route.match("/orders/42/items/7/extra")).isEmpty();
    assertThat(route.match("/order/42/items/7")).isEmpty();
    assertThat(route.parameters()).containsExactly("id", "item");
  }

  @Test
  void decodesParametersOncePerSegmentSoAnEncodedSlashStaysInside() {
    RouteTemplate route = RouteTemplate.parse("/files/{name}");

    assertThat(route.match("/files/a%2Fb")).contains(Map.of("name", "a/b"));
    assertThat(route.match("/files/a%252F")).contains(Map.of("name", "a%2F"));
    assertThat(route.match("/files/a+b%20c")).contains(Map.of("name", "a+b c"));
    assertThat(route.match("/files/M%C3%BCnchen")).contains(Map.of("name", "München"));
    assertThat(route.match("/files/a/b")).isEmpty();
  }

  @Test
  void keepsMalformedEscapesInParametersLiterally() {
    assertThat(RouteTemplate.parse("/p/{x}").match("/p/100%")).contains(Map.of("x", "100%"));
    assertThat(RouteTemplate.parse("/p/{x}").match("/p/%zz")).contains(Map.of("x", "%zz"));
  }

  @Test
  void decodesOnlyEscapesOfAsciiHexDigits() {
    // Character.digit takes Arabic-Indic and fullwidth digits too; no client encodes with them.
    RouteTemplate route = RouteTemplate.parse("/p/{x}");

    assertThat(route.match("/p/%\u0664\u0661")).contains(Map.of("x", "%\u0664\u0661"));
    assertThat(route.match("/p/a%\uFF12F")).contains(Map.of("x", "a%\uFF12F"));
    assertThat(RouteTemplate.parse("/files/{path+}").match("/files/a%\u0662Fb"))
        .contains(Map.of("path", "a%\u0662Fb"));
  }

  @Test
  void comparesLiteralSegmentsDecoded() {
    assertThat(RouteTemplate.parse("/caf\u00e9").match("/caf%C3%A9")).contains(Map.of());
    assertThat(RouteTemplate.parse("/hello").match("/h%65llo")).contains(Map.of());
  }

  @Test
  void greedyParameterTakesTheRestOfThePath() {
    RouteTemplate route = RouteTemplate.parse("/files/{path+}");

    assertThat(route.match("/files/a")).contains(Map.of("path", "a"));
    assertThat(route.match("/files/a/b/c.txt")).contains(Map.of("path", "a/b/c.txt"));
    assertThat(route.match("/files/a%20b/c")).contains(Map.of("path", "a b/c"));
    assertThat(route.match("/files")).isEmpty();
    assertThat(route.match("/files/")).isEmpty();
    assertThat(route.parameters()).containsExactly("path");
  }

  @Test
  void greedyParameterRefusesEncodedSlashesSoTraversalCannotHideInOneSegment() {
    RouteTemplate route = RouteTemplate.parse("/files/{path+}");

    assertThat(route.match("/files/..%2Fetc/passwd")).isEmpty();
    assertThat(route.match("/files/a%2Fb")).isEmpty();
    assertThat(RouteTemplate.parse("/files/{name}").match("/files/a%2Fb"))
        .contains(Map.of("name", "a/b"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/orders/42/", "/orders/42"})
  void ignoresATrailingSlash(String path) {
    assertThat(RouteTemplate.parse("/orders/{id}").match(path)).contains(Map.of("id", "42"));
  }

  @Test
  void templateTrailingSlashIsIgnoredToo() {
    assertThat(RouteTemplate.parse("/orders/").match("/orders")).contains(Map.of());
  }

  @Test
  void rootMatchesOnlyTheRoot() {
    RouteTemplate root = RouteTemplate.parse("/");

    assertThat(root.match("/")).contains(Map.of());
    assertThat(root.match("")).contains(Map.of());
    assertThat(root.match("/a")).isEmpty();
    assertThat(root.match("//")).isEmpty();
  }

  @Test
  void literalTemplateMatchesItsPathWithAtMostOneTrailingSlash() {
    RouteTemplate route = RouteTemplate.parse("/hello/world");

    assertThat(route.match("/hello/world")).contains(Map.of());
    assertThat(route.match("/hello/world/")).contains(Map.of());
    assertThat(route.match("/hello/world//")).isEmpty();
    assertThat(route.match("/hello//world")).isEmpty();
    assertThat(route.match("/hello/world/.")).isEmpty();
    assertThat(route.match("/hello/worlds")).isEmpty();
    assertThat(route.match("/Hello/world")).isEmpty();
    assertThat(route.match("hello/world")).contains(Map.of());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "//",
        "//orders/42",
        "/orders//42",
        "/orders/42//",
        "/orders/./42",
        "/orders/../42",
        "/orders/%2e%2e",
        "/orders/%2E%2E/",
        "/orders/.%2e",
        "/orders/%2e",
        "/./orders/42"
      })
  void neverMatchesEmptyOrDotSegments(String path) {
    assertThat(RouteTemplate.isMalformed(path)).isTrue();
    assertThat(RouteTemplate.parse("/orders/{id}").match(path)).isEmpty();
    assertThat(RouteTemplate.parse("/{a+}").match(path)).isEmpty();
    assertThat(RouteTemplate.parse("/").match(path)).isEmpty();
  }

  @Test
  void aParameterMayContainDotsThatAreNotWholeSegments() {
    assertThat(RouteTemplate.parse("/files/{name}").match("/files/..a"))
        .contains(Map.of("name", "..a"));
    assertThat(RouteTemplate.parse("/files/{name}").match("/files/a.txt"))
        .contains(Map.of("name", "a.txt"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "orders          | must start with /",
        "''              | must start with /",
        "/a//b           | empty segment",
        "//              | empty segment",
        "/a/../b         | dot segment",
        "/a/./b          | dot segment",
        "/{id            | not a {name} parameter",
        "/{}             | not a {name} parameter",
        "/{+}            | parameter name",
        "/{a-b}          | parameter name",
        "/x{id}          | mixes text and a parameter",
        "/{id}x          | not a {name} parameter",
        "/id}            | mixes text and a parameter",
        "/{p+}/more      | must be the last segment",
        "/{id}/{id}      | twice",
        "/a?b            | contains ?, # or %",
        "/a%20b          | contains ?, # or %",
        "/a#b            | contains ?, # or %",
      })
  void rejectsMalformedTemplatesNamingThem(String template, String why) {
    assertThatThrownBy(() -> RouteTemplate.parse(template))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("\"" + template + "\"")
        .hasMessageContaining(why);
  }

  @Test
  void rejectsControlCharactersThatWouldBreakTheIndex() {
    for (String template : List.of("/a\tb", "/a\nb", "/a\rb", "/a\u0000b")) {
      assertThatThrownBy(() -> RouteTemplate.parse(template))
          .isInstanceOf(InvalidValueException.class);
    }
  }

  @Test
  void sameShapeIgnoresParameterNamesButNotGreediness() {
    assertThat(RouteTemplate.parse("/a/{x}").sameShape(RouteTemplate.parse("/a/{y}/"))).isTrue();
    assertThat(RouteTemplate.parse("/a/{x}").sameShape(RouteTemplate.parse("/a/{x+}"))).isFalse();
    assertThat(RouteTemplate.parse("/a/{x}").sameShape(RouteTemplate.parse("/a/b"))).isFalse();
    assertThat(RouteTemplate.parse("/a/{x}").sameShape(RouteTemplate.parse("/b/{x}"))).isFalse();
    assertThat(RouteTemplate.parse("/a").sameShape(RouteTemplate.parse("/a/b"))).isFalse();
  }

  @Test
  void rejectsNullsWithAMessage() {
    assertThatThrownBy(() -> RouteTemplate.parse(null)).hasMessage("template == null");
    assertThatThrownBy(() -> RouteTemplate.parse("/").match(null)).hasMessage("rawPath == null");
  }
}
