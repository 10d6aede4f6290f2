package dev.tern.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.ConfigurationException;
import dev.tern.Message;
import dev.tern.Tick;
import dev.tern.jackson.TernJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pub/Sub push envelopes and Cloud Scheduler calls arriving at {@link GcpHttpFunction}. */
class PushAndSchedulerTest {
  private final Deployment deployment = Deployment.all();

  private static String envelope(String subscription, String data, String attributes) {
    return "{\"message\":{\"messageId\":\"m-1\",\"publishTime\":\"2024-03-01T10:15:30.123456Z\""
        + (data == null ? "" : ",\"data\":\"" + data + "\"")
        + (attributes == null ? "" : ",\"attributes\":" + attributes)
        + "},\"subscription\":\""
        + subscription
        + "\"}";
  }

  @Test
  void deliversAPushEnvelopeToTheQueueOfItsSubscription() throws Exception {
    Path root = CloudEventFixturesTest.root().resolve("push");
    Fakes.Response response =
        deployment.call(
            Fakes.request("POST", "/")
                .body(Files.readAllBytes(root.resolve("envelope.json")), "application/json"));
    assertThat(response.status).isEqualTo(204);
    Message seen = deployment.instance(TestFunctions.Orders.class).seen.get(0);
    JsonNode expected =
        TernJson.mapper().readTree(Files.readAllBytes(root.resolve("envelope.expected.json")));
    Map<String, String> want = new TreeMap<>();
    expected.get("neutral").properties().forEach(e -> want.put(e.getKey(), e.getValue().asText()));
    assertThat(NeutralView.of(seen)).isEqualTo(want);
    assertThat(seen.unwrap(com.google.cloud.functions.HttpRequest.class)).isPresent();
  }

  @Test
  void aTrueOrFalseSettingWithAnyOtherValueFailsTheStartNamingIt() {
    assertThatThrownBy(
            () -> new Deployment(Map.of(GcpSettings.HTTP_EVENTS, "yes"), TestFunctions.Echo.class))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("TERN_GCP_HTTP_EVENTS is \"yes\"; use false (the default) or true");
    assertThatThrownBy(
            () ->
                new Deployment(
                    Map.of(GcpSettings.INSECURE_UNSIGNED_TOKENS, "on"), TestFunctions.Echo.class))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("TERN_GCP_INSECURE_UNSIGNED_TOKENS is \"on\"");
  }

  @Test
  void aPublicApiNeverTakesAForgedPushEnvelopeOrSchedulerCall() throws Exception {
    Deployment open =
        new Deployment(
            Map.of(GcpSettings.HTTP_EVENTS, "false"),
            TestFunctions.Echo.class,
            TestFunctions.Orders.class,
            TestFunctions.Nightly.class);

    Fakes.Response push =
        open.call(
            Fakes.request("POST", "/")
                .body(
                    envelope("projects/p/subscriptions/orders", "eA==", null), "application/json"));
    Fakes.Response tick =
        open.call(
            Fakes.request("POST", "/")
                .header("X-CloudScheduler", "true")
                .header("X-CloudScheduler-JobName", "Nightly"));

    assertThat(push.status).isEqualTo(404);
    assertThat(tick.status).isEqualTo(404);
    assertThat(open.instance(TestFunctions.Orders.class).seen).isEmpty();
  }

  @Test
  void aServiceWithoutHttpFunctionsTakesPushEnvelopes() throws Exception {
    Deployment events =
        new Deployment(Map.of(GcpSettings.HTTP_EVENTS, "false"), TestFunctions.Orders.class);

    Fakes.Response push =
        events.call(
            Fakes.request("POST", "/")
                .body(
                    envelope("projects/p/subscriptions/orders", "eA==", null), "application/json"));

    assertThat(push.status).isEqualTo(204);
    assertThat(events.instance(TestFunctions.Orders.class).seen).hasSize(1);
  }

  @Test
  void treatsAbsentDataAsAnEmptyBodyAndLeavesTheAttemptUnknown() throws Exception {
    Fakes.Response response =
        deployment.call(
            Fakes.request("POST", "/push")
                .body(
                    envelope("projects/p/subscriptions/orders", null, "{\"a\":\"b\"}"),
                    "application/json"));
    assertThat(response.status).isEqualTo(204);
    Message seen = deployment.instance(TestFunctions.Orders.class).seen.get(0);
    assertThat(seen.body().isEmpty()).isTrue();
    assertThat(seen.attempt()).isEmpty();
    assertThat(seen.enqueuedAt()).contains(Instant.parse("2024-03-01T10:15:30.123456Z"));
  }

  @Test
  void answers500ForAFailingMessageSoPubSubRedelivers() throws Exception {
    Fakes.Response response =
        deployment.call(
            Fakes.request("POST", "/")
                .body(
                    envelope("projects/p/subscriptions/orders", "eA==", "{\"fail\":\"true\"}"),
                    "application/json"));
    assertThat(response.status).isEqualTo(500);
    assertThat(response.text()).isEqualTo("Internal Server Error");
  }

  @Test
  void answers400ForInvalidBase64AndNeverCallsTheFunction() throws Exception {
    Fakes.Response response =
        deployment.call(
            Fakes.request("POST", "/")
                .body(
                    envelope("projects/p/subscriptions/orders", "%%%", null), "application/json"));
    assertThat(response.status).isEqualTo(400);
    assertThat(deployment.instance(TestFunctions.Orders.class).seen).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      "publishTime":"1 March 2024" |                          | message m-1 field "publishTime" is not an RFC 3339 timestamp
      "attributes":{"n":1}         |                          | message m-1 field "attributes" has a value that is not a string
      "orderingKey":7              |                          | message m-1 field "orderingKey" is number, not a string
                                   | "deliveryAttempt":"two"  | of message m-1 field "deliveryAttempt" is not a 64-bit integer
                                   | "deliveryAttempt":-1     | of message m-1 deliveryAttempt -1 is out of range
      """)
  void answers400ForUnreadableMetadataNamingTheMessageAndTheField(
      String inMessage, String inEnvelope, String error) throws Exception {
    String envelope =
        "{\"message\":{\"messageId\":\"m-1\",\"data\":\"eA==\""
            + (inMessage == null ? "" : "," + inMessage)
            + "},\"subscription\":\"projects/p/subscriptions/orders\""
            + (inEnvelope == null ? "" : "," + inEnvelope)
            + "}";

    Fakes.Response response =
        deployment.call(Fakes.request("POST", "/").body(envelope, "application/json"));

    assertThat(response.status).isEqualTo(400);
    assertThat(deployment.instance(TestFunctions.Orders.class).seen).isEmpty();
    List<String> reasons = new ArrayList<>();
    for (String line : deployment.logs) {
      reasons.add(TernJson.mapper().readTree(line).path("reason").asText());
    }
    assertThat(reasons).contains("gcp: Pub/Sub push envelope " + error);
  }

  @Test
  void answers404ForASubscriptionNoFunctionClaims() throws Exception {
    Fakes.Response response =
        deployment.call(
            Fakes.request("POST", "/")
                .body(
                    envelope("projects/p/subscriptions/unknown", "eA==", null),
                    "application/json"));
    assertThat(response.status).isEqualTo(404);
    assertThat(deployment.allLogs()).contains("no function claims");
  }

  @Test
  void deliversAPushToTheScheduleNamedLikeItsSubscription() throws Exception {
    Fakes.Response response =
        deployment.call(
            Fakes.request("POST", "/")
                .body(
                    envelope("projects/p/subscriptions/Nightly", null, "{\"job\":\"x\"}"),
                    "application/json"));
    assertThat(response.status).isEqualTo(204);
    Tick tick = deployment.instance(TestFunctions.Nightly.class).seen.get(0);
    assertThat(tick.name()).isEqualTo("Nightly");
    assertThat(tick.dueAt()).isEqualTo(Instant.parse("2024-03-01T10:15:30.123456Z"));
  }

  @Test
  void deliversACloudSchedulerCallToTheNamedSchedule() throws Exception {
    Fakes.Response response =
        deployment.call(
            Fakes.request("POST", "/")
                .header("User-Agent", "Google-Cloud-Scheduler")
                .header("X-CloudScheduler", "true")
                .header(
                    "X-CloudScheduler-JobName", "projects/p/locations/europe-west1/jobs/Nightly")
                .header("X-CloudScheduler-ScheduleTime", "2024-03-02T02:00:00.000Z")
                .body(new byte[0], "application/octet-stream"));
    assertThat(response.status).isEqualTo(204);
    Tick tick = deployment.instance(TestFunctions.Nightly.class).seen.get(0);
    assertThat(tick.name()).isEqualTo("Nightly");
    assertThat(tick.dueAt()).isEqualTo(Instant.parse("2024-03-02T02:00:00Z"));
    assertThat(tick.firedAt()).isAfter(tick.dueAt());
    assertThat(tick.isLate()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{report: nightly}",
        "{\"message\":\"nightly run\",\"subscription\":\"gold\"}",
      })
  void neverReadsTheBodyOfACloudSchedulerCall(String body) throws Exception {
    Deployment schedules =
        new Deployment(Map.of(GcpSettings.HTTP_EVENTS, "false"), TestFunctions.Nightly.class);

    Fakes.Response response =
        schedules.call(
            Fakes.request("POST", "/")
                .header("X-CloudScheduler", "true")
                .header("X-CloudScheduler-JobName", "Nightly")
                .header("X-CloudScheduler-ScheduleTime", "2024-03-02T02:00:00Z")
                .body(body, "application/octet-stream"));

    assertThat(response.status).isEqualTo(204);
    assertThat(schedules.instance(TestFunctions.Nightly.class).seen)
        .extracting(Tick::dueAt)
        .containsExactly(Instant.parse("2024-03-02T02:00:00Z"));
  }

  private static Fakes.Response tick(Deployment deployment, String job) throws Exception {
    return deployment.call(
        Fakes.request("POST", "/")
            .header("User-Agent", "Google-Cloud-Scheduler")
            .header("X-CloudScheduler", "true")
            .header("X-CloudScheduler-JobName", job)
            .header("X-CloudScheduler-ScheduleTime", "2024-03-02T06:00:00.000Z")
            .body(new byte[0], "application/octet-stream"));
  }

  @Test
  void deliversACloudSchedulerCallToTheScheduleDeclaringTheJob() throws Exception {
    Deployment schedules =
        new Deployment(Map.of(), TestFunctions.Nightly.class, TestFunctions.Report.class);

    assertThat(tick(schedules, "projects/p/locations/europe-west1/jobs/ops-nightly-report").status)
        .isEqualTo(204);
    assertThat(tick(schedules, "ops-nightly-report").status).isEqualTo(204);
    assertThat(tick(schedules, "Nightly").status).isEqualTo(204);

    assertThat(schedules.instance(TestFunctions.Report.class).seen)
        .extracting(Tick::name)
        .containsExactly("Report", "Report");
    assertThat(schedules.instance(TestFunctions.Report.class).seen.get(0).dueAt())
        .isEqualTo(Instant.parse("2024-03-02T06:00:00Z"));
    assertThat(schedules.instance(TestFunctions.Nightly.class).seen)
        .extracting(Tick::name)
        .containsExactly("Nightly");
  }

  @Test
  void answers404ForAJobNamedLikeAScheduleThatDeclaresAnotherJob() throws Exception {
    Deployment schedules =
        new Deployment(Map.of(), TestFunctions.Nightly.class, TestFunctions.Report.class);

    assertThat(tick(schedules, "projects/p/locations/europe-west1/jobs/Report").status)
        .isEqualTo(404);
    assertThat(schedules.allLogs()).contains("ops-nightly-report");
    assertThat(schedules.instance(TestFunctions.Report.class).seen).isEmpty();
  }

  @Test
  void answers404ForASchedulerJobNoFunctionClaimsAnd400ForABadTime() throws Exception {
    assertThat(
            deployment.call(
                    Fakes.request("POST", "/")
                        .header("X-CloudScheduler", "true")
                        .header("X-CloudScheduler-JobName", "weekly"))
                .status)
        .isEqualTo(404);
    assertThat(
            deployment.call(
                    Fakes.request("POST", "/")
                        .header("X-CloudScheduler", "true")
                        .header("X-CloudScheduler-JobName", "Nightly")
                        .header("X-CloudScheduler-ScheduleTime", "yesterday"))
                .status)
        .isEqualTo(400);
    assertThat(deployment.instance(TestFunctions.Nightly.class).seen).isEmpty();
  }

  @Test
  void treatsSchedulerHeadersAndEnvelopesAsPlainHttpWhenNoSuchFunctionIsDeclared()
      throws Exception {
    Deployment httpOnly = new Deployment(Map.of(), TestFunctions.Echo.class);
    Fakes.Response scheduler =
        httpOnly.call(Fakes.request("POST", "/echo/s").header("X-CloudScheduler", "true"));
    assertThat(scheduler.status).isEqualTo(200);
    Fakes.Response push =
        httpOnly.call(
            Fakes.request("POST", "/echo/p")
                .body(
                    envelope("projects/p/subscriptions/orders", "eA==", null), "application/json"));
    assertThat(push.status).isEqualTo(200);
    assertThat(httpOnly.instance(TestFunctions.Echo.class).seen).hasSize(2);
  }

  @Test
  void routesMalformedJsonToHttpWhenHttpFunctionsAreDeclared() throws Exception {
    Fakes.Response response =
        deployment.call(Fakes.request("POST", "/echo/j").body("{oops", "application/json"));
    assertThat(response.status).isEqualTo(200);
    Deployment queueOnly = new Deployment(Map.of(), TestFunctions.Orders.class);
    assertThat(queueOnly.call(Fakes.request("POST", "/").body("{oops", "application/json")).status)
        .isEqualTo(400);
  }
}
