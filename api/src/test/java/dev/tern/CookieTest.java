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
        .hasMessageStartingWith("cookie \"n\": value");
    assertThatThrownBy(() -> SetCookie.of("n", "v").withPath(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("cookie \"n\": path");
    assertThatThrownBy(() -> SetCookie.of("n", "v").withDomain(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("cookie \"n\": domain");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a(b",
        "a)b",
        "a<b",
        "a>b",
        "a@b",
        "a,b",
        "a:b",
        "a\\b",
        "a\"b",
        "a/b",
        "a[b",
        "a]b",
        "a?b",
        "a{b",
        "a}b",
        "a\u007fb",
        "caf\u00e9"
      })
  void refusesSetCookieNamesThatAreNotTokens(String name) {
    // RFC 6265 section 4.1.1: a cookie-name is an RFC 9110 token.
    assertThatThrownBy(() -> SetCookie.of(name, "v"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("cookie name \"");
  }

  @Test
  void acceptsEveryTokenAsASetCookieName() {
    assertThat(SetCookie.of("!#$%&'*+-.^_`|~09AZaz", "v").name())
        .isEqualTo("!#$%&'*+-.^_`|~09AZaz");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a,b",
        "a b",
        "a\tb",
        "a\\b",
        "a\"b",
        "\"ab",
        "ab\"",
        "\"",
        "\"a b\"",
        "\"a,b\"",
        "a\u007fb",
        "a\u0001b",
        "caf\u00e9"
      })
  void refusesSetCookieValuesThatAreNotCookieOctetsNamingTheCookie(String value) {
    // RFC 6265 section 4.1.1: no CTLs, whitespace, DQUOTE but around the value, comma, semicolon or
    // backslash; commas matter where a platform comma-joins Set-Cookie or Cookie.
    assertThatThrownBy(() -> SetCookie.of("session", value))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("cookie \"session\": value has an invalid character at index ");
  }

  @Test
  void acceptsCookieOctetsAndAQuotedValue() {
    String octets = "!#$%&'()*+-./09:<=>?@AZ[]^_`az{|}~";

    assertThat(SetCookie.of("a", octets).headerValue()).isEqualTo("a=" + octets);
    assertThat(SetCookie.of("a", "\"x=1\"").headerValue()).isEqualTo("a=\"x=1\"");
    assertThat(SetCookie.of("a", "\"\"").value()).isEqualTo("\"\"");
    assertThat(SetCookie.of("a", "").headerValue()).isEqualTo("a=");
  }

  @Test
  void refusesAPathOrDomainWithAControlCharacterOrBeyondAscii() {
    // RFC 6265 section 4.1.1: a path-value is any CHAR except CTLs or ";".
    SetCookie cookie = SetCookie.of("a", "1");

    assertThat(cookie.withPath("/a b,c").headerValue()).isEqualTo("a=1; Path=/a b,c");
    assertThatThrownBy(() -> cookie.withPath("/a\u0001"))
        .hasMessage("cookie \"a\": path has an invalid character at index 2 (U+0001)");
    assertThatThrownBy(() -> cookie.withPath("/caf\u00e9"))
        .hasMessage("cookie \"a\": path has an invalid character at index 4 (U+00E9)");
    assertThatThrownBy(() -> cookie.withDomain("b\u00fccher.example"))
        .hasMessage("cookie \"a\": domain has an invalid character at index 1 (U+00FC)");
  }

  @Test
  void namesTheInvalidCharacterWithoutRepeatingTheValue() {
    assertThatThrownBy(() -> SetCookie.of("session", "secret,\r\nX: y"))
        .hasMessage("cookie \"session\": value has an invalid character at index 6 (U+002C)");
    assertThatThrownBy(() -> SetCookie.of("a\r\nb", "v"))
        .hasMessage("cookie name \"a\\r\\nb\" has an invalid character at index 1 (U+000D)");
  }

  @Test
  void roundsASubSecondMaxAgeUpSoItDoesNotDeleteTheCookie() {
    SetCookie cookie = SetCookie.of("a", "1");

    assertThat(cookie.withMaxAge(Duration.ofMillis(1)).headerValue()).isEqualTo("a=1; Max-Age=1");
    assertThat(cookie.withMaxAge(Duration.ofNanos(999_999_999)).headerValue())
        .isEqualTo("a=1; Max-Age=1");
    assertThat(cookie.withMaxAge(Duration.ofMillis(1500)).headerValue())
        .isEqualTo("a=1; Max-Age=2");
    assertThat(cookie.withMaxAge(Duration.ofMillis(1500)).maxAge()).contains(Duration.ofSeconds(2));
    assertThat(cookie.withMaxAge(Duration.ofSeconds(60)).headerValue())
        .isEqualTo("a=1; Max-Age=60");
    assertThat(cookie.withMaxAge(Duration.ZERO).headerValue()).isEqualTo("a=1; Max-Age=0");
    assertThat(cookie.withMaxAge(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)).headerValue())
        .isEqualTo("a=1; Max-Age=" + Long.MAX_VALUE);
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
