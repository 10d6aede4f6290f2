package dev.tern.spi.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared doubles do what their documentation promises. */
class FakesTest {
  private static final URI A = URI.create("https://a.example/x");
  private static final URI B = URI.create("https://b.example/y");

  private static HttpRequest get(URI uri) {
    return HttpRequest.newBuilder(uri).GET().build();
  }

  @Test
  void aClientAnswersQueuedOutcomesInOrderThenWhatIsScriptedForTheUri() throws Exception {
    FakeHttpClient client = new FakeHttpClient();
    client.answer(A, 200, "by uri", Map.of("Cache-Control", "max-age=60"));
    IOException refused = new IOException("refused");
    client.failNext(refused);
    client.answerNext(503, "queued");

    assertThatThrownBy(() -> client.send(get(B), HttpResponse.BodyHandlers.ofString()))
        .isSameAs(refused);
    HttpResponse<String> queued = client.send(get(B), HttpResponse.BodyHandlers.ofString());
    assertThat(queued.statusCode()).isEqualTo(503);
    assertThat(queued.body()).isEqualTo("queued");
    assertThat(queued.headers().map()).isEmpty();
    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> byUri = client.send(get(A), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(byUri.statusCode()).isEqualTo(200);
      assertThat(byUri.body()).asString().isEqualTo("by uri");
      assertThat(byUri.headers().firstValue("cache-control")).contains("max-age=60");
      assertThat(byUri.uri()).isEqualTo(A);
    }
    assertThatThrownBy(() -> client.send(get(B), HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(ConnectException.class)
        .hasMessage("no answer scripted for " + B);

    assertThat(client.requested()).containsExactly(B, B, A, A, B);
    assertThat(client.calls()).isEqualTo(5);
    assertThat(client.requests()).extracting(HttpRequest::method).containsOnly("GET");
  }

  @Test
  void aClientReplacesWhatIsScriptedForAUriAndRefusesCheckedFailuresSendCannotThrow()
      throws Exception {
    FakeHttpClient client = new FakeHttpClient();
    InterruptedException interrupted = new InterruptedException();
    client.fail(A, interrupted);
    assertThatThrownBy(() -> client.send(get(A), HttpResponse.BodyHandlers.ofString()))
        .isSameAs(interrupted);

    client.answer(A, 204, "");
    assertThat(client.send(get(A), HttpResponse.BodyHandlers.ofString()).body()).isEmpty();

    assertThatThrownBy(() -> client.fail(A, new Exception("checked")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClockStandsStillUntilMovedEitherWay() {
    Instant start = Instant.parse("2026-03-10T14:00:00Z");
    MovingClock clock = new MovingClock(start);

    assertThat(clock.instant()).isEqualTo(start);
    assertThat(clock.instant()).isEqualTo(start);
    clock.advanceSeconds(61);
    clock.advance(Duration.ofMinutes(-1));
    assertThat(clock.instant()).isEqualTo(start.plusSeconds(1));
    clock.set(start.minusSeconds(5));
    assertThat(clock.millis()).isEqualTo(start.minusSeconds(5).toEpochMilli());

    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    assertThatThrownBy(() -> clock.withZone(ZoneId.of("Europe/Paris")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
