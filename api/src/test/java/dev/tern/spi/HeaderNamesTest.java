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
}
