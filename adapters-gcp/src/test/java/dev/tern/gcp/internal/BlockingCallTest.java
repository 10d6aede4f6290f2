package dev.tern.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.ConfigurationException;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.NoFunctionException;
import dev.tern.TernException;
import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every failure of a blocking call is answered in the error shape of firebase-functions' {@code
 * HttpsError}, with the HTTP status its code maps to, so the client app sees the message.
 */
class BlockingCallTest {
  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            new UndecodablePayloadException("gcp: x"), 400, "INVALID_ARGUMENT", "Bad Request"),
        Arguments.of(
            new UnsupportedEventException("gcp: x"), 400, "INVALID_ARGUMENT", "Bad Request"),
        Arguments.of(new InvalidValueException("gcp: x"), 400, "INVALID_ARGUMENT", "Bad Request"),
        Arguments.of(new NoFunctionException("gcp: x"), 404, "NOT_FOUND", "Not Found"),
        Arguments.of(
            new ConfigurationException("gcp: set TERN_GCP_PROJECT"),
            500,
            "INTERNAL",
            "Internal Server Error"),
        Arguments.of(
            new TernException("gcp: keys from https://example.com cannot be read"),
            500,
            "INTERNAL",
            "Internal Server Error"),
        Arguments.of(
            new IllegalStateException("secret internals"),
            500,
            "INTERNAL",
            "Internal Server Error"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void answersEveryFailureInTheErrorShape(
      RuntimeException failure, int status, String errorStatus, String message) {
    HttpResponse answer = BlockingCall.failure(failure);

    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.body().contentType()).contains("application/json");
    assertThat(new String(answer.body().unsafeBytes(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"error\":{\"status\":\"" + errorStatus + "\",\"message\":\"" + message + "\"}}");
  }
}
