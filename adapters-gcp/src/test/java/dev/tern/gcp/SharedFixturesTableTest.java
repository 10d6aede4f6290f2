package dev.tern.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.gcp.internal.Ce;
import dev.tern.gcp.internal.Events;
import dev.tern.jackson.TernJson;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Every other shared GCP sample ({@code ../shared/fixtures/gcp/{pubsub,storage,firebase-auth,
 * identity-platform,http,scheduler}}) through the adapter: CloudEvents and data-only samples
 * in-process, push envelopes, blocking requests and HTTP captures through {@link GcpHttpFunction},
 * and legacy events through {@link GcpEventFunction} under the real invoker, which converts them.
 * Each row names what the sample must produce.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class SharedFixturesTableTest {
  /** File → expected outcome: a neutral kind with fields, or a typed error. */
  private static final Map<String, String> TABLE = new LinkedHashMap<>();

  static {
    TABLE.put(
        "pubsub/pubsub-messagepublished-cloudevent-binary.json",
        "ce message id=aaaaaa-1111-bbbb-2222-cccccccccccc");
    TABLE.put(
        "pubsub/pubsub-messagepublished-cloudevent-structured.json",
        "ce message id=aaaaaa-1111-bbbb-2222-cccccccccccc");
    TABLE.put(
        "pubsub/pubsub-messagepublished-cloudevent-structured-ordering-key.json",
        "ce message orderingKey!=");
    TABLE.put(
        "pubsub/pubsub-message-published-data-simple.json",
        "data:google.cloud.pubsub.topic.v1.messagePublished message body=AQIDBA==");
    TABLE.put(
        "pubsub/pubsub-message-published-data-complex.json",
        "data:google.cloud.pubsub.topic.v1.messagePublished message");
    TABLE.put("pubsub/pubsub-push-envelope-emulator.json", "push 204 id=1");
    TABLE.put("pubsub/pubsub-push-envelope-duplicated-fields.json", "push 204 id=message-id");
    TABLE.put("pubsub/pubsub-legacy-beta.json", "legacy 200");
    TABLE.put("pubsub/pubsub-legacy-ga.json", "legacy 200");
    TABLE.put("pubsub/pubsub-legacy-ga-ffj.json", "legacy 200");
    TABLE.put("pubsub/pubsub-legacy-ga-binary-data-bom.json", "legacy 200");
    TABLE.put("storage/storage-finalized-cloudevent-binary.json", "ce object key=folder/Test.cs");
    TABLE.put(
        "storage/storage-finalized-cloudevent-structured.json", "ce object key=folder/Test.cs");
    TABLE.put(
        "storage/storage-finalized-cloudevent-structured-workflows.json",
        "ce object objectKind=CREATED");
    TABLE.put(
        "storage/storage-object-data-simple.json",
        "data:google.cloud.storage.object.v1.finalized object size=352");
    TABLE.put(
        "storage/storage-object-data-complex.json",
        "data:google.cloud.storage.object.v1.finalized object version=96883251");
    TABLE.put("storage/storage-finalized-legacy.json", "legacy 200");
    TABLE.put("storage/storage-finalized-legacy-ffj.json", "legacy 200");
    TABLE.put("storage/storage-object-change-legacy-beta.json", "legacy 200");
    TABLE.put(
        "firebase-auth/firebase-auth-user-created-cloudevent-binary.json",
        "ce auth moment=AFTER_SIGN_UP");
    TABLE.put(
        "firebase-auth/firebase-auth-user-created-cloudevent-structured.json",
        "ce auth userId=UUpby3s4spZre6kHsgVSPetzQ8l2");
    TABLE.put(
        "firebase-auth/firebase-auth-v1-data-complex.json",
        "data:google.firebase.auth.user.v1.created auth moment=AFTER_SIGN_UP");
    TABLE.put("firebase-auth/firebase-auth-user-created-legacy.json", "legacy 200");
    TABLE.put("firebase-auth/firebase-auth-user-created-legacy-beta.json", "legacy 200");
    TABLE.put("firebase-auth/firebase-auth-user-deleted-legacy-beta.json", "legacy 200");
    TABLE.put("identity-platform/before-create-request.json", "blocking 200");
    TABLE.put("identity-platform/before-sign-in-request.json", "blocking 200");
    TABLE.put("http/http-conformance-post.json", "http 200");
    TABLE.put("http/http-get-query-edge-cases.json", "http 200");
    TABLE.put("http/http-post-form-urlencoded.json", "http 200");
    TABLE.put("http/http-post-json-query-repeated-headers.json", "http 200");
    TABLE.put("http/http-post-multipart.json", "http 200");
    TABLE.put("http/http-put-chunked.json", "http 200");
    TABLE.put(
        "scheduler/scheduler-job-data-simple.json",
        "data:google.cloud.scheduler.job.v1.executed error=UnsupportedEventException");
  }

  private Invoker events;

  @AfterAll
  void stop() {
    if (events != null) {
      events.close();
    }
  }

  private Invoker events() throws Exception {
    if (events == null) {
      events =
          Invoker.start(
              GcpEventFunction.class.getName(), Map.of(GcpSettings.PROJECT, "my-project-id"));
    }
    return events;
  }

  @Test
  void everySharedSampleHasARow() throws Exception {
    Path gcp = SharedFixtures.gcp(".");
    for (String folder :
        List.of("pubsub", "storage", "firebase-auth", "identity-platform", "http", "scheduler")) {
      try (Stream<Path> files = Files.list(gcp.resolve(folder))) {
        files
            .filter(
                p ->
                    p.toString().endsWith(".json")
                        && !p.getFileName().toString().startsWith("response-")
                        && !p.getFileName().toString().endsWith("-jwt-payload.json"))
            .forEach(
                p ->
                    assertThat(TABLE)
                        .as("row for " + p)
                        .containsKey(folder + "/" + p.getFileName()));
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> eachSharedSampleGivesItsRow() {
    return TABLE.entrySet().stream()
        .map(
            row ->
                DynamicTest.dynamicTest(
                    row.getKey(),
                    () -> {
                      Path file = SharedFixtures.gcp(".").resolve(row.getKey());
                      check(file, row.getValue().split(" "));
                    }));
  }

  private void check(Path file, String[] expect) throws Exception {
    String how = expect[0];
    byte[] bytes = Files.readAllBytes(file);
    if (how.equals("ce") || how.startsWith("data:")) {
      Fakes.Event event;
      if (how.equals("ce")) {
        event = Structured.read(file);
      } else {
        String type = how.substring(5);
        String source =
            type.contains("pubsub")
                ? "//pubsub.googleapis.com/projects/p/topics/t"
                : type.contains("storage")
                    ? "//storage.googleapis.com/projects/_/buckets/sample-bucket"
                    : type.contains("firebase")
                        ? "//firebaseauth.googleapis.com/projects/p"
                        : "//cloudscheduler.googleapis.com/projects/p/locations/l";
        event = Fakes.event(type, source, "data-only-1").time("2024-03-01T00:00:00Z").data(bytes);
      }
      Object outcome = ConformanceTest.outcome(Ce.from(event));
      if (expect[1].startsWith("error=")) {
        assertThat(outcome).isEqualTo(expect[1].substring(6));
        return;
      }
      assertThat(outcome).isInstanceOf(Map.class);
      @SuppressWarnings("unchecked")
      Map<String, String> view = (Map<String, String>) outcome;
      assertThat(view.get("kind")).isEqualTo(expect[1]);
      for (int i = 2; i < expect.length; i++) {
        if (expect[i].endsWith("!=")) {
          assertThat(view.get(expect[i].substring(0, expect[i].length() - 2))).isNotEmpty();
        } else {
          String[] kv = expect[i].split("=", 2);
          assertThat(view.get(kv[0])).as(kv[0]).isEqualTo(kv[1]);
        }
      }
      assertThat(Events.normalize(Ce.from(event))).isNotNull();
    } else if (how.equals("push")) {
      Deployment pinned =
          new Deployment(Map.of("TERN_FUNCTION", "Orders"), TestFunctions.Orders.class);
      Fakes.Response r = pinned.call(Fakes.request("POST", "/").body(bytes, "application/json"));
      assertThat(r.status).isEqualTo(Integer.parseInt(expect[1]));
      assertThat(pinned.instance(TestFunctions.Orders.class).seen.get(0).id())
          .isEqualTo(expect[2].substring(3));
    } else if (how.equals("blocking")) {
      Deployment local =
          new Deployment(
              Map.of(
                  GcpSettings.INSECURE_UNSIGNED_TOKENS, "true", GcpSettings.PROJECT, "project_id"),
              Tokens.FIXTURE_TIME,
              TestFunctions.Accounts.class);
      JsonNode request = TernJson.mapper().readTree(bytes);
      Fakes.Response r =
          local.call(
              Fakes.request("POST", "/")
                  .body(
                      TernJson.mapper().writeValueAsBytes(request.get("body")),
                      "application/json"));
      assertThat(r.status).isEqualTo(Integer.parseInt(expect[1]));
      assertThat(TernJson.mapper().readTree(r.bytes()).get("userRecord").get("updateMask").asText())
          .isNotEmpty();
    } else if (how.equals("http")) {
      JsonNode request = TernJson.mapper().readTree(bytes);
      if (request.has("request")) {
        request = request.get("request");
      }
      Deployment deployment = new Deployment(Map.of(), TestFunctions.Echo.class);
      Fakes.Request native_ =
          Fakes.request(
              request.get("method").asText(), "/echo/x" + pathOf(request.get("url").asText()));
      request
          .get("headers")
          .properties()
          .forEach(
              h -> {
                if (h.getValue().isArray()) {
                  h.getValue().forEach(v -> native_.header(h.getKey(), v.asText()));
                } else {
                  native_.header(h.getKey(), h.getValue().asText());
                }
              });
      JsonNode body = request.get("body");
      byte[] sent =
          body == null || body.isNull()
              ? new byte[0]
              : body.isTextual()
                  ? body.textValue().getBytes(StandardCharsets.UTF_8)
                  : TernJson.mapper().writeValueAsBytes(body);
      native_.body(sent, null);
      Fakes.Response r = deployment.call(native_);
      assertThat(r.status).isEqualTo(Integer.parseInt(expect[1]));
      JsonNode echoed = TernJson.mapper().readTree(r.bytes());
      assertThat(java.util.Base64.getDecoder().decode(echoed.get("body").asText())).isEqualTo(sent);
      assertThat(echoed.get("method").asText()).isEqualTo(request.get("method").asText());
    } else if (how.equals("legacy")) {
      Invoker invoker = events();
      int status =
          invoker
              .send(
                  HttpRequest.newBuilder(invoker.uri("/"))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)))
              .statusCode();
      assertThat(status).isEqualTo(Integer.parseInt(expect[1]));
      String id = legacyId(bytes);
      invoker.awaitLine(
          l ->
              l.contains("\"message\":\"tern-test ")
                  && l.contains("\"executionId\":\"" + id + "\""));
    } else {
      throw new AssertionError("unknown row kind " + how);
    }
  }

  private static String legacyId(byte[] bytes) throws Exception {
    String text = new String(bytes, StandardCharsets.UTF_8).replace("\uFEFF", "");
    JsonNode node = TernJson.mapper().readTree(text);
    JsonNode context = node.has("context") ? node.get("context") : node;
    return context.get("eventId").asText();
  }

  private static String pathOf(String url) {
    String path = url.replaceFirst("^https?://[^/]+", "");
    return path.isEmpty() ? "/" : path;
  }
}
