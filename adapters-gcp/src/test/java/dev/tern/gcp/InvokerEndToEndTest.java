package dev.tern.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.jackson.TernJson;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Both entry classes under the real Functions Framework invoker 1.4.1, started as child processes
 * on free local ports with the test functions on their class path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class InvokerEndToEndTest {
  private static final Map<String, String> ENV =
      Map.of(
          GcpSettings.PROJECT,
          "project_id",
          GcpSettings.INSECURE_UNSIGNED_TOKENS,
          "true",
          GcpSettings.HTTP_EVENTS,
          "true");

  private Invoker http;
  private Invoker events;

  @BeforeAll
  void start() throws Exception {
    CompletableFuture<Invoker> h =
        CompletableFuture.supplyAsync(() -> launch(GcpHttpFunction.class.getName()));
    CompletableFuture<Invoker> e =
        CompletableFuture.supplyAsync(() -> launch(GcpEventFunction.class.getName()));
    try {
      http = h.join();
    } finally {
      events = e.join();
    }
  }

  private static Invoker launch(String target) {
    try {
      return Invoker.start(target, ENV);
    } catch (Exception ex) {
      throw new IllegalStateException(ex);
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (http != null) {
      http.close();
    }
    if (events != null) {
      events.close();
    }
  }

  private static Path resource(String path) throws Exception {
    return CloudEventFixturesTest.root().resolve(path);
  }

  private static JsonNode json(byte[] bytes) throws Exception {
    return TernJson.mapper().readTree(bytes);
  }

  private JsonNode logged(Invoker invoker, String message, String key, String value)
      throws Exception {
    return json(
        invoker
            .awaitLine(
                l ->
                    l.startsWith("{")
                        && l.contains("\"message\":\"" + message + "\"")
                        && l.contains("\"" + key + "\":\"" + value + "\""))
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void servesAnHttpRequestWithQueryHeadersCookiesAndMultiValueAnswer() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(http.uri("/echo/a%20b/c?a=1&a=2&b=x+y"))
                .header("X-Multi", "one")
                .header("X-Multi", "two")
                .header("Cookie", "c=3")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .GET());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r.body());
    assertThat(body.get("path").asText()).isEqualTo("/echo/a%20b/c");
    assertThat(body.get("rest").asText()).isEqualTo("a b/c");
    assertThat(body.get("query").toString()).isEqualTo("{\"a\":[\"1\",\"2\"],\"b\":[\"x y\"]}");
    assertThat(body.get("multi").toString()).isEqualTo("[\"one\",\"two\"]");
    assertThat(body.get("cookies").toString()).isEqualTo("[\"c=3\"]");
    assertThat(body.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(r.headers().allValues("X-Out")).containsExactly("one", "two");
    assertThat(r.headers().allValues("Set-Cookie"))
        .containsExactly("session=abc; Path=/; HttpOnly", "theme=dark");
  }

  @Test
  void keepsAFormBodyThatTheInvokerWouldMergeIntoQueryParameters() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(http.uri("/echo/form?q=1"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("f1=v1&f2=v2")));
    JsonNode body = json(r.body());
    assertThat(body.get("query").toString()).isEqualTo("{\"q\":[\"1\"]}");
    assertThat(
            new String(
                java.util.Base64.getDecoder().decode(body.get("body").asText()),
                StandardCharsets.UTF_8))
        .isEqualTo("f1=v1&f2=v2");
  }

  @Test
  void roundTripsABinaryBody() throws Exception {
    byte[] bytes = new byte[4096];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(http.uri("/echo/bytes"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).isEqualTo(bytes);
  }

  @Test
  void answersAFailingFunctionWith500() throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(http.uri("/fail")).GET());
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("Internal Server Error");
  }

  @Test
  void deliversAPubSubPushEnvelope() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(http.uri("/"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        Files.readAllBytes(resource("push/envelope.json")))));
    assertThat(r.statusCode()).isEqualTo(204);
    JsonNode line = logged(http, "tern-test queue", "id", "2070443601311540");
    assertThat(line.get("source").asText()).isEqualTo("projects/my-project/subscriptions/orders");
    assertThat(line.get("attempt").asInt()).isEqualTo(2);
    assertThat(line.get("orderingKey").asText()).isEqualTo("customer-7");
    assertThat(line.get("severity").asText()).isEqualTo("INFO");
  }

  @Test
  void deliversACloudSchedulerCall() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(http.uri("/"))
                .header("X-CloudScheduler", "true")
                .header("X-CloudScheduler-JobName", "Nightly")
                .header("X-CloudScheduler-ScheduleTime", "2024-03-02T02:00:00Z")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(
            logged(http, "tern-test schedule", "dueAt", "2024-03-02T02:00:00Z")
                .get("name")
                .asText())
        .isEqualTo("Nightly");
  }

  @Test
  void answersAnIdentityPlatformBlockingRequest() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(http.uri("/"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        // As the Auth emulator makes it: unsigned, and issued now, since its
                        // times are checked.
                        Tokens.body(
                            Tokens.unsigned(
                                Tokens.claims("beforeCreate", "user@example.com")
                                    .issuer("https://securetoken.google.com/project_id")
                                    .audience(
                                        "https://us-east1-project_id.cloudfunctions.net/beforeCreate")
                                    .build())))));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r.body()).get("userRecord").get("updateMask").asText())
        .isEqualTo("displayName,customClaims");
  }

  private HttpResponse<byte[]> binary(
      String type, String source, String id, String subject, byte[] data) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(events.uri("/"))
            .header("ce-specversion", "1.0")
            .header("ce-type", type)
            .header("ce-source", source)
            .header("ce-time", "2024-03-01T10:15:31.5Z")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(data));
    if (id != null) {
      b.header("ce-id", id);
    }
    if (subject != null) {
      b.header("ce-subject", subject);
    }
    return events.send(b);
  }

  private HttpResponse<byte[]> post(Invoker to, String contentType, byte[] body) throws Exception {
    return to.send(
        HttpRequest.newBuilder(to.uri("/"))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  @Test
  void deliversStorageCloudEventsInBinaryAndStructuredMode() throws Exception {
    JsonNode structured = json(Files.readAllBytes(resource("storage/finalized.json")));
    HttpResponse<byte[]> b =
        binary(
            structured.get("type").asText(),
            structured.get("source").asText(),
            "bin-st-1",
            structured.get("subject").asText(),
            TernJson.mapper().writeValueAsBytes(structured.get("data")));
    assertThat(b.statusCode()).isEqualTo(200);
    JsonNode line = logged(events, "tern-test storage", "id", "bin-st-1");
    assertThat(line.get("key").asText()).isEqualTo("reports/q1 2024#1.csv");
    assertThat(line.get("kind").asText()).isEqualTo("CREATED");
    assertThat(line.get("size").asLong()).isEqualTo(352);
    assertThat(line.get("metadata").asText()).contains("source=scanner-3");
    HttpResponse<byte[]> s =
        post(
            events,
            "application/cloudevents+json; charset=utf-8",
            Files.readAllBytes(resource("storage/deleted-numbers.json")));
    assertThat(s.statusCode()).isEqualTo(200);
    assertThat(logged(events, "tern-test storage", "id", "st-2").get("kind").asText())
        .isEqualTo("DELETED");
  }

  @Test
  void deliversPubSubCloudEventsInBinaryAndStructuredMode() throws Exception {
    JsonNode structured = json(Files.readAllBytes(resource("pubsub/message-published.json")));
    HttpResponse<byte[]> b =
        binary(
            structured.get("type").asText(),
            structured.get("source").asText(),
            "bin-ps-1",
            null,
            TernJson.mapper().writeValueAsBytes(structured.get("data")));
    assertThat(b.statusCode()).isEqualTo(200);
    JsonNode line = logged(events, "tern-test queue", "id", "1001");
    assertThat(line.get("enqueuedAt").asText()).isEqualTo("2024-03-01T10:15:30.123456789Z");
    assertThat(line.get("data").asText()).isEqualTo("SGVsbG8=");
    HttpResponse<byte[]> s =
        post(
            events,
            "application/cloudevents+json",
            Files.readAllBytes(resource("pubsub/message-published-no-data-snake-case.json")));
    assertThat(s.statusCode()).isEqualTo(200);
    assertThat(logged(events, "tern-test queue", "id", "2002").get("data").asText()).isEmpty();
  }

  @Test
  void deliversLegacyStoragePubSubAndFirebaseAuthEventsConvertedByTheInvoker() throws Exception {
    assertThat(
            post(
                    events,
                    "application/json",
                    Files.readAllBytes(resource("legacy/storage-finalize.json")))
                .statusCode())
        .isEqualTo(200);
    JsonNode storage = logged(events, "tern-test storage", "id", "legacy-st-1");
    assertThat(storage.get("key").asText()).isEqualTo("reports/q1 2024.csv");
    assertThat(storage.get("version").asText()).isEqualTo("1587627537231057");
    assertThat(storage.get("metadata").asText()).isEqualTo("{source=scanner-3}");
    assertThat(
            post(
                    events,
                    "application/json",
                    Files.readAllBytes(resource("legacy/pubsub-publish.json")))
                .statusCode())
        .isEqualTo(200);
    JsonNode pubsub = logged(events, "tern-test queue", "id", "legacy-ps-1");
    assertThat(pubsub.get("source").asText()).isEqualTo("projects/my-project/topics/orders");
    assertThat(pubsub.get("enqueuedAt").asText()).isEqualTo("2024-03-01T10:15:30.123Z");
    assertThat(
            post(
                    events,
                    "application/json",
                    Files.readAllBytes(resource("legacy/firebase-auth-user-create.json")))
                .statusCode())
        .isEqualTo(200);
    assertThat(logged(events, "tern-test auth", "user", "uid-7").get("moment").asText())
        .isEqualTo("AFTER_SIGN_UP");
  }

  @Test
  void answers500WhenTheFunctionFailsOrTheEventCannotBeMapped() throws Exception {
    byte[] failing =
        "{\"bucket\":\"some-bucket\",\"name\":\"please-fail.txt\",\"size\":\"1\"}"
            .getBytes(StandardCharsets.UTF_8);
    assertThat(
            binary(
                    "google.cloud.storage.object.v1.finalized",
                    "//storage.googleapis.com/projects/_/buckets/some-bucket",
                    "fail-1",
                    "objects/please-fail.txt",
                    failing)
                .statusCode())
        .isEqualTo(500);
    assertThat(
            binary(
                    "google.cloud.firestore.document.v1.written",
                    "//firestore.googleapis.com/projects/p/databases/d",
                    "fs-1",
                    null,
                    "{}".getBytes(StandardCharsets.UTF_8))
                .statusCode())
        .isEqualTo(500);
    assertThat(
            binary(
                    "google.cloud.storage.object.v1.finalized",
                    "//storage.googleapis.com/projects/_/buckets/some-bucket",
                    null,
                    null,
                    failing)
                .statusCode())
        .isEqualTo(500);
    assertThat(
            binary(
                    "google.cloud.storage.object.v1.finalized",
                    "//storage.googleapis.com/projects/_/buckets/some-bucket",
                    "bad-1",
                    null,
                    "{not json".getBytes(StandardCharsets.UTF_8))
                .statusCode())
        .isEqualTo(500);
  }
}
