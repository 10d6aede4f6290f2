package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.ObjectEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalServerTest {
  @Test
  void enqueuesOverTheAdminEndpointAndLogsEachAttemptAndTheDeadLetterOnce() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Harness harness =
        Harness.builder()
            .functions(HarnessTest.Consumer.class)
            .setting("HARNESS_QUEUE", "orders")
            .delivery(DeliveryPolicy.azureQueue().withMaxAttempts(3))
            .build();
    LocalServer server =
        LocalServer.start(harness, 0, new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/_tern/queues/orders"))
                      .POST(HttpRequest.BodyPublishers.ofString("poison pill"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"id\":\"m-1\"", "\"deadLettered\":true");
      String log = printed.toString(StandardCharsets.UTF_8);
      assertThat(log)
          .contains(
              "queue HarnessConsumer m-1 attempt 1 FAILED", "attempt 2 FAILED", "attempt 3 FAILED");
      assertThat(log.split("dead-lettered m-1 after 3 attempts", -1)).hasSize(2);
      assertThat(log).doesNotContain("after 1 attempts", "after 2 attempts");
    } finally {
      server.stop();
    }
  }

  @Test
  void readsAnUploadsMetaHeadersOfEveryCloudAsTheObjectsMetadataAndReportsItOnDeletion()
      throws Exception {
    Harness harness = Harness.of(HarnessTest.Uploads.class);
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      URI object =
          URI.create(
              "http://127.0.0.1:" + server.port() + "/_tern/buckets/uploads/cats/tabby%20cat.png");
      HttpResponse<String> put =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(object)
                      .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}))
                      .header("Content-Type", "image/png")
                      .header("x-amz-meta-Camera", "x100")
                      .header("x-goog-meta-owner", "ada")
                      .header("x-ms-meta-album", "cats")
                      .header("x-meta-note", "not metadata")
                      .header("x-goog-meta-", "no name")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> delete =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(object).DELETE().build(),
                  HttpResponse.BodyHandlers.ofString());

      Map<String, String> metadata = Map.of("album", "cats", "camera", "x100", "owner", "ada");
      assertThat(put.statusCode()).isEqualTo(200);
      assertThat(put.body())
          .contains(
              "\"kind\":\"CREATED\"",
              "\"metadata\":{\"album\":\"cats\",\"camera\":\"x100\",\"owner\":\"ada\"}");
      assertThat(delete.statusCode()).isEqualTo(200);
      assertThat(delete.body())
          .contains("\"kind\":\"DELETED\"", "\"metadata\":{\"album\":\"cats\"");
      assertThat(harness.instance(HarnessTest.Uploads.class).events)
          .satisfiesExactly(
              created -> {
                assertThat(created.key()).isEqualTo("cats/tabby cat.png");
                assertThat(created.contentType()).hasValue("image/png");
                assertThat(created.metadata()).isEqualTo(metadata);
              },
              deleted -> {
                assertThat(deleted.kind()).isEqualTo(ObjectEvent.Kind.DELETED);
                assertThat(deleted.metadata()).isEqualTo(metadata);
              });
    } finally {
      server.stop();
    }
  }

  @Test
  void answersAnAuthMomentWithTheDecisionAndTellsAValidationErrorFromADenial() throws Exception {
    Harness harness = Harness.of(HarnessTest.SignUp.class);
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      URI signUp = URI.create("http://127.0.0.1:" + server.port() + "/_tern/auth/before_sign_up");
      HttpResponse<String> invalid =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(signUp)
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"email\":\"ada@example.invalid\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> denied =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(signUp)
                      .POST(
                          HttpRequest.BodyPublishers.ofString("{\"email\":\"bob@mailinator.com\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(invalid.statusCode()).isEqualTo(200);
      assertThat(invalid.body())
          .isEqualTo(
              "{\"allowed\":false,\"invalid\":true,"
                  + "\"fieldErrors\":{\"email\":\"Use an address you can receive mail at\"},"
                  + "\"message\":\"Please check your e-mail address\",\"attributes\":{},\"claims\":{}}");
      assertThat(denied.body())
          .isEqualTo(
              "{\"allowed\":false,\"message\":\"disposable addresses are not accepted\","
                  + "\"attributes\":{},\"claims\":{}}");
    } finally {
      server.stop();
    }
  }

  @Test
  void storesNothingForAGetOnABucketPath() throws Exception {
    Harness harness = Harness.of(HarnessTest.Uploads.class);
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> get =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + server.port() + "/_tern/buckets/uploads/a.txt"))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(get.statusCode()).isEqualTo(404);
      assertThat(get.body()).startsWith("unknown admin call GET /_tern/buckets/uploads/a.txt");
      assertThat(harness.instance(HarnessTest.Uploads.class).events).isEmpty();
    } finally {
      server.stop();
    }
  }
}
