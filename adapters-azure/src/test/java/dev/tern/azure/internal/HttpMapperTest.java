package dev.tern.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpMapperTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/hello      | api     | /hello",
        "/api            | api     | /",
        "/api/           | api     | /",
        "/apis/hello     | api     | /apis/hello",
        "/hello          | api     | /hello",
        "/v1/api/x       | /v1/api/ | /x",
        "/api/hello      | ''      | /api/hello",
        "/api/hello      | /       | /api/hello",
        "/a              | a/b     | /a",
        "/api/hello      | ' api ' | /hello",
      })
  void stripsTheRoutePrefixAsAWholeSegment(String path, String prefix, String expected) {
    assertThat(HttpMapper.stripPrefix(path, HttpMapper.routePrefix(prefix))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "Content-Type, Content-Type",
    "content-type, Content-Type",
    "CONTENT-TYPE, Content-Type",
    "Content_Type, Content-Type",
    "Content\\rType, Content-Type",
    "Content-Typf, Content-Type",
    "Cookie, Cookie",
    "cOOKIE, Cookie",
    "Cook\u0131e, Cookie",
    "\u212Aey, Key",
    "\u00e9ookie, Cookie",
    "accept, Cookie",
    "C@okie, Cookie",
  })
  void comparesNamesAsEqualsIgnoreCaseDoes(String name, String wanted) {
    String given = unescape(name);

    assertThat(HttpMapper.named(given, wanted)).isEqualTo(given.equalsIgnoreCase(wanted));
  }

  /** {@code text} with each backslash-r made a carriage return, which CSV cannot hold. */
  private static String unescape(String text) {
    return text.replace("\\r", "\r");
  }
}
