package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpStatusExceptionTest {
  @Test
  void answersTheStatusWithTheMessageAsPlainText() {
    HttpStatusException e = new HttpStatusException(404, "no order o-9");

    assertThat(e.status()).isEqualTo(404);
    assertThat(e.getMessage()).isEqualTo("no order o-9");
    assertThat(e.response().status()).isEqualTo(404);
    assertThat(e.response().body().text()).isEqualTo("no order o-9");
    assertThat(e.response().contentType()).contains("text/plain; charset=utf-8");
  }

  @Test
  void keepsTheCauseItWasRaisedFor() {
    IllegalStateException cause = new IllegalStateException("pool exhausted");

    HttpStatusException e = new HttpStatusException(503, "try again later", cause);

    assertThat(e).hasCause(cause);
    assertThat(e.response().body().text()).isEqualTo("try again later");
  }

  @Test
  void answersExactlyTheResponseGivenAndKeepsTheMessageForTheLog() {
    HttpResponse problem =
        HttpResponse.json("{}")
            .withStatus(409)
            .withHeader("Content-Type", "application/problem+json")
            .withCookie(SetCookie.of("cart", "c-1"));

    HttpStatusException e = new HttpStatusException(problem, "order o-1 has shipped");

    assertThat(e.status()).isEqualTo(409);
    assertThat(e.response()).isSameAs(problem);
    assertThat(e.getMessage()).isEqualTo("order o-1 has shipped");
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404, 418, 499, 500, 503, 599})
  void acceptsStatusesFrom400To599(int status) {
    assertThat(new HttpStatusException(status, "x").status()).isEqualTo(status);
    assertThat(new HttpStatusException(HttpResponse.status(status), "x").status())
        .isEqualTo(status);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 100, 200, 204, 302, 399, 600})
  void refusesStatusesOutside400To599(int status) {
    assertThatThrownBy(() -> new HttpStatusException(status, "x"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("HTTP status " + status + " is outside 400-599");
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 200, 204, 302, 399})
  void refusesAResponseWhoseStatusIsNotAnError(int status) {
    HttpResponse response = HttpResponse.status(status);

    assertThatThrownBy(() -> new HttpStatusException(response, "x"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("HTTP status " + status + " is outside 400-599");
  }

  @Test
  void rejectsNullWithAMessage() {
    assertThatThrownBy(() -> new HttpStatusException(404, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("message == null");
    assertThatThrownBy(() -> new HttpStatusException(HttpResponse.status(404), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("message == null");
    assertThatThrownBy(() -> new HttpStatusException(null, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("response == null");
  }

  @Test
  void aDeserializedCopyAnswersItsStatusWithoutTheLogOnlyMessage() throws Exception {
    HttpStatusException original =
        new HttpStatusException(HttpResponse.text("{}").withStatus(409), "internal detail");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(original);
    }

    HttpStatusException copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (HttpStatusException) in.readObject();
    }

    assertThat(copy.status()).isEqualTo(409);
    assertThat(copy.response().status()).isEqualTo(409);
    assertThat(copy.response().body().isEmpty()).isTrue();
    assertThat(copy.getMessage()).isEqualTo("internal detail");
  }
}
