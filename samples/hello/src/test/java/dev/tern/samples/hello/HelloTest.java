package dev.tern.samples.hello;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Cloud;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.testing.AcrossClouds;
import dev.tern.testing.Harness;
import dev.tern.testing.LocalServer;
import dev.tern.testing.TernTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@TernTest(Hello.class)
class HelloTest {
  @AcrossClouds
  void greetsTheWorldByDefault(Harness harness) {
    HttpResponse response = harness.get("/hello");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).hasValue("application/json");
    assertThat(response.body().text()).isEqualTo("{\"greeting\":\"Hello, world!\"}");
  }

  @AcrossClouds
  void greetsByName(Harness harness) {
    assertThat(harness.get("/hello?name=Ada%20Lovelace").body().text())
        .isEqualTo("{\"greeting\":\"Hello, Ada Lovelace!\"}");
  }

  @AcrossClouds
  void treatsABlankNameAsNone(Harness harness) {
    assertThat(harness.get("/hello?name=%20").body().text())
        .isEqualTo("{\"greeting\":\"Hello, world!\"}");
  }

  @AcrossClouds
  void answersOnlyGetAndHead(Harness harness) {
    HttpResponse response = harness.http(HttpRequest.postJson("/hello", "{}"));
    HttpResponse head = harness.http(HttpRequest.builder("HEAD", "/hello?name=Ada").build());

    if (harness.cloud() == Cloud.AZURE) {
      // The host routes by the methods each entry declares: one none takes gets the host's 404.
      assertThat(response.status()).isEqualTo(404);
    } else {
      assertThat(response.status()).isEqualTo(405);
      assertThat(response.header("Allow")).hasValue("GET, HEAD");
    }
    assertThat(head.status()).isEqualTo(200);
  }

  @Test
  void servesOnLocalhostAsTheReadmeShows() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    LocalServer server =
        LocalServer.start(
            Harness.of(Hello.class), 0, new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      java.net.http.HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/hello?name=Ada"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("http Hello GET /hello?name=Ada attempt 1 answered 200");
    } finally {
      server.stop();
    }
  }
}
