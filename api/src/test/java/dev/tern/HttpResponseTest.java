package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpResponseTest {
  @Test
  void factoriesSetStatusAndBody() {
    assertThat(HttpResponse.ok().status()).isEqualTo(200);
    assertThat(HttpResponse.ok().body().isEmpty()).isTrue();
    assertThat(HttpResponse.noContent().status()).isEqualTo(204);
    assertThat(HttpResponse.notFound().status()).isEqualTo(404);
    assertThat(HttpResponse.notFound().body().text()).isEqualTo("Not Found");
    assertThat(HttpResponse.text("hi").body().text()).isEqualTo("hi");
    assertThat(HttpResponse.text("hi").contentType()).contains("text/plain; charset=utf-8");
    assertThat(HttpResponse.bytes(new byte[] {1}, "image/png").contentType()).contains("image/png");
    assertThat(HttpResponse.json("x").contentType()).contains("application/json");
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 200, 418, 599})
  void acceptsStatusesFrom100To599(int status) {
    assertThat(HttpResponse.status(status).status()).isEqualTo(status);
    assertThat(HttpResponse.ok().withStatus(status).status()).isEqualTo(status);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 99, 600, 1000})
  void rejectsStatusesOutside100To599(int status) {
    assertThatThrownBy(() -> HttpResponse.status(status))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining(Integer.toString(status));
    assertThatThrownBy(() -> HttpResponse.ok().withStatus(status))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void withMethodsReturnNewResponses() {
    HttpResponse ok = HttpResponse.ok();
    HttpResponse created = ok.withStatus(201).withHeader("Location", "/orders/42");

    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.headers().isEmpty()).isTrue();
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("location")).contains("/orders/42");
  }

  @Test
  void withHeaderReplacesAndPlusHeaderAdds() {
    HttpResponse response =
        HttpResponse.ok().plusHeader("Vary", "Accept").plusHeader("vary", "Origin");

    assertThat(response.headers().all("Vary")).containsExactly("Accept", "Origin");
    assertThat(response.withHeader("VARY", "Cookie").headers().all("Vary"))
        .containsExactly("Cookie");
  }

  @Test
  void setsCookiesOnlyThroughWithCookie() {
    assertThatThrownBy(() -> HttpResponse.ok().withHeader("Set-Cookie", "a=1"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("withCookie");
    assertThatThrownBy(() -> HttpResponse.ok().plusHeader("set-cookie", "a=1"))
        .isInstanceOf(InvalidValueException.class);

    HttpResponse response =
        HttpResponse.ok()
            .withCookie(SetCookie.of("a", "1"))
            .withCookie(SetCookie.of("b", "2").httpOnly());

    assertThat(response.cookies())
        .extracting(SetCookie::headerValue)
        .containsExactly("a=1", "b=2; HttpOnly");
    assertThat(response.effectiveHeaders().contains("Set-Cookie")).isFalse();
  }

  @Test
  void rejectsHeaderValuesWithCrOrLf() {
    assertThatThrownBy(() -> HttpResponse.ok().withHeader("Location", "/a\r\nSet-Cookie: x=1"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> HttpResponse.ok().plusHeader("Bad Name", "v"))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void effectiveHeadersAddTheBodysContentType() {
    HttpResponse response = HttpResponse.text("hi").withHeader("X-A", "1");

    assertThat(response.headers().contains("Content-Type")).isFalse();
    assertThat(response.effectiveHeaders().first("content-type"))
        .contains("text/plain; charset=utf-8");
    assertThat(response.effectiveHeaders().first("X-A")).contains("1");
  }

  @Test
  void effectiveHeadersPutTheBodysContentTypeLastAndRefuseOneThatWouldSplitTheResponse() {
    HttpResponse response =
        HttpResponse.bytes(new byte[] {1}, "image/png")
            .withHeader("X-A", "1")
            .plusHeader("X-A", "2");

    assertThat(response.effectiveHeaders().names()).containsExactly("X-A", "Content-Type");
    assertThat(response.effectiveHeaders().all("x-a")).containsExactly("1", "2");
    assertThat(response.headers().names()).containsExactly("X-A");
    assertThatThrownBy(
            () -> HttpResponse.bytes(new byte[] {1}, "text/plain\r\nX-B: 1").effectiveHeaders())
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("value of header \"Content-Type\" contains CR, LF or NUL at index 10");
  }

  @Test
  void anExplicitContentTypeHeaderWins() {
    HttpResponse response = HttpResponse.text("hi").withHeader("content-type", "text/html");

    assertThat(response.contentType()).contains("text/html");
    assertThat(response.effectiveHeaders().all("Content-Type")).containsExactly("text/html");
  }

  @Test
  void effectiveHeadersOfABodylessResponseAreItsHeaders() {
    assertThat(HttpResponse.noContent().effectiveHeaders().isEmpty()).isTrue();
    assertThat(HttpResponse.noContent().contentType()).isEmpty();
  }

  @Test
  void cookiesAreImmutable() {
    HttpResponse response = HttpResponse.ok().withCookie(SetCookie.of("a", "1"));

    assertThatThrownBy(() -> response.cookies().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsNullArgumentsWithAMessage() {
    assertThatThrownBy(() -> HttpResponse.ok().withBody(null)).hasMessage("body == null");
    assertThatThrownBy(() -> HttpResponse.ok().withCookie(null)).hasMessage("cookie == null");
    assertThatThrownBy(() -> HttpResponse.ok().withHeader(null, "v")).hasMessage("name == null");
    assertThatThrownBy(() -> HttpResponse.text(null)).hasMessage("text == null");
    assertThatThrownBy(() -> HttpResponse.bytes(new byte[0], null))
        .hasMessage("contentType == null");
  }
}
