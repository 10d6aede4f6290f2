package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CookieTest {
  @Test
  void parsesPairsFromEveryCookieHeader() {
    assertThat(Cookie.parse(List.of("a=1; b=2", "c=3")))
        .containsExactly(new Cookie("a", "1"), new Cookie("b", "2"), new Cookie("c", "3"));
  }

  @Test
  void keepsEmptyValuesQuotesAndEqualsSignsInValues() {
    assertThat(Cookie.parse(List.of("empty=; flag; quoted=\"x y\"; token=a=b==")))
        .containsExactly(
            new Cookie("empty", ""),
            new Cookie("flag", ""),
            new Cookie("quoted", "\"x y\""),
            new Cookie("token", "a=b=="));
  }

  @Test
  void skipsPairsWithoutANameAndStraySemicolons() {
    assertThat(Cookie.parse(List.of(";; =orphan; a=1;"))).containsExactly(new Cookie("a", "1"));
  }

  @Test
  void doesNotDecodeValues() {
    assertThat(Cookie.parse(List.of("v=a%20b+c"))).containsExactly(new Cookie("v", "a%20b+c"));
  }

  @Test
  void rejectsAnEmptyNameAndNulls() {
    assertThatThrownBy(() -> new Cookie("", "v")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> new Cookie(null, "v")).hasMessage("name == null");
    assertThatThrownBy(() -> new Cookie("n", null)).hasMessage("value == null");
    assertThatThrownBy(() -> Cookie.parse(null)).hasMessage("headerValues == null");
  }

  @Test
  void rendersSetCookieWithEveryAttribute() {
    SetCookie cookie =
        SetCookie.of("session", "abc")
            .withPath("/")
            .withDomain("example.com")
            .withMaxAge(Duration.ofHours(1))
            .secure()
            .httpOnly()
            .withSameSite(SetCookie.SameSite.LAX);

    assertThat(cookie.headerValue())
        .isEqualTo(
            "session=abc; Path=/; Domain=example.com; Max-Age=3600; Secure; HttpOnly; SameSite=Lax");
    assertThat(cookie).hasToString(cookie.headerValue());
  }

  @Test
  void rendersASessionCookieWithoutAttributes() {
    SetCookie cookie = SetCookie.of("session", "abc");

    assertThat(cookie.headerValue()).isEqualTo("session=abc");
    assertThat(cookie.path()).isEmpty();
    assertThat(cookie.domain()).isEmpty();
    assertThat(cookie.maxAge()).isEmpty();
    assertThat(cookie.sameSite()).isEmpty();
    assertThat(cookie.isSecure()).isFalse();
    assertThat(cookie.isHttpOnly()).isFalse();
  }

  @Test
  void deletesWithMaxAgeZero() {
    assertThat(SetCookie.of("session", "").withMaxAge(Duration.ZERO).headerValue())
        .isEqualTo("session=; Max-Age=0");
  }

  @Test
  void withMethodsReturnNewCookies() {
    SetCookie plain = SetCookie.of("a", "1");
    SetCookie secure = plain.secure();

    assertThat(plain.isSecure()).isFalse();
    assertThat(secure.isSecure()).isTrue();
    assertThat(plain).isNotEqualTo(secure).isEqualTo(SetCookie.of("a", "1"));
  }

  @Test
  void rejectsANegativeMaxAge() {
    assertThatThrownBy(() -> SetCookie.of("a", "1").withMaxAge(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("negative");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a=b", "a b", "a;b", "a\rb", "a\nb", "a\tb"})
  void rejectsInvalidSetCookieNames(String name) {
    assertThatThrownBy(() -> SetCookie.of(name, "v"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("cookie name");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a;b", "a\rb", "a\nb", "x\r\nSet-Cookie: evil=1", "a\0b"})
  void rejectsSetCookieValuesAndAttributesThatCouldSplitTheHeader(String text) {
    assertThatThrownBy(() -> SetCookie.of("n", text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("cookie value");
    assertThatThrownBy(() -> SetCookie.of("n", "v").withPath(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("cookie path");
    assertThatThrownBy(() -> SetCookie.of("n", "v").withDomain(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("cookie domain");
  }

  @Test
  void rejectsNullSetCookieArgumentsWithAMessage() {
    assertThatThrownBy(() -> SetCookie.of(null, "v")).hasMessage("name == null");
    assertThatThrownBy(() -> SetCookie.of("n", null)).hasMessage("value == null");
    assertThatThrownBy(() -> SetCookie.of("n", "v").withPath(null)).hasMessage("path == null");
    assertThatThrownBy(() -> SetCookie.of("n", "v").withMaxAge(null)).hasMessage("maxAge == null");
    assertThatThrownBy(() -> SetCookie.of("n", "v").withSameSite(null))
        .hasMessage("sameSite == null");
  }
}
