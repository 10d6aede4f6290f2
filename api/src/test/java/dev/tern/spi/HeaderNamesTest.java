package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderNamesTest {
  @ParameterizedTest
  @CsvSource({
    "Content-Type, Content-Type",
    "content-type, Content-Type",
    "CONTENT-TYPE, Content-Type",
    "Content_Type, Content-Type",
    "Content\\rType, Content-Type",
    "Content-Typf, Content-Type",
    "Content-Types, Content-Type",
    "Content, Content-Type",
    "Cookie, Cookie",
    "cOOKIE, Cookie",
    "Cook\u0131e, Cookie",
    "\u212Aey, Key",
    "\u00e9ookie, Cookie",
    "accept, Cookie",
    "C@okie, Cookie",
  })
  void comparesNamesAsEqualsIgnoreCaseDoes(String name, String wanted) {
    String given = name.replace("\\r", "\r"); // CSV cannot hold a carriage return

    assertThat(HeaderNames.same(given, wanted)).isEqualTo(given.equalsIgnoreCase(wanted));
  }

  @org.junit.jupiter.api.Test
  void checksAValueAsHeadersWould() {
    assertThat(HeaderNames.checkValue("X-Forwarded-For", "203.0.113.7, 10.0.0.1"))
        .isEqualTo("203.0.113.7, 10.0.0.1");
    for (String bad : new String[] {"a\rb", "a\nb", "a\0b"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> HeaderNames.checkValue("X-Forwarded-For", bad))
          .isInstanceOf(dev.tern.InvalidValueException.class)
          .hasMessage("value of header \"X-Forwarded-For\" contains CR, LF or NUL at index 1");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> dev.tern.Headers.of("X-Forwarded-For", bad))
          .hasMessage("value of header \"X-Forwarded-For\" contains CR, LF or NUL at index 1");
    }
  }
}
