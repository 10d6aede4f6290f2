package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.Cookie;
import dev.tern.FunctionFailedException;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Message;
import dev.tern.OnAuth;
import dev.tern.OnHttp;
import dev.tern.OnQueue;
import dev.tern.OnSchedule;
import dev.tern.QueueFunction;
import dev.tern.ScheduleFunction;
import dev.tern.Tick;
import dev.tern.jackson.TernJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a cloud run gives a test: the same settings, clock, ids, logs and failures as a local run.
 */
class CloudRunsTest {
  @OnHttp(route = "/runs/echo", methods = "GET", name = "RunsEcho")
  public static final class Echo implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      context.log().info("echoing", Map.of("path", request.path()));
      return HttpResponse.text(
          "greeting="
              + context.setting("RUNS_GREETING").orElse("none")
              + " id="
              + context.invocationId());
    }
  }

  @OnHttp(route = "/runs/cookies", methods = "GET", name = "RunsCookies")
  public static final class Cookies implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text("cookies=" + request.cookies());
    }
  }

  @OnHttp(route = "/runs/files/{name}", methods = "GET", name = "RunsFiles")
  public static final class Files implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text("name=" + request.pathParam("name").orElseThrow());
    }
  }

  @OnHttp(route = "/runs/broken", methods = "GET", name = "RunsBroken")
  public static final class Broken implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      throw new IllegalStateException("database unreachable");
    }
  }

  /** Fails messages whose body starts with "declined"; records what it processed. */
  @OnQueue(value = "runs-payments", name = "RunsPayments")
  public static final class Payments implements QueueFunction {
    final List<String> processed = new ArrayList<>();

    @Override
    public void handle(Message message, Context context) {
      if (message.body().text().startsWith("declined")) {
        throw new IllegalStateException("card declined");
      }
      processed.add(message.body().text());
    }
  }

  /** Succeeds from the third attempt on, as a function waiting for something does. */
  @OnQueue(value = "runs-patient", name = "RunsPatient")
  public static final class Patient implements QueueFunction {
    final List<Integer> attempts = new ArrayList<>();

    @Override
    public void handle(Message message, Context context) {
      attempts.add(message.attempt().orElse(0));
      if (message.attempt().orElse(0) < 3) {
        throw new IllegalStateException("not yet");
      }
    }
  }

  @OnSchedule(cron = "0 2 * * *", name = "RunsNightly")
  public static final class Nightly implements ScheduleFunction {
    final List<Tick> ticks = new ArrayList<>();
    boolean failing;

    @Override
    public void handle(Tick tick, Context context) {
      ticks.add(tick);
      if (failing) {
        throw new IllegalStateException("report store unavailable");
      }
    }
  }

  @OnAuth(value = AuthMoment.BEFORE_SIGN_UP, name = "RunsSignUp")
  public static final class SignUp implements AuthFunction {
    @Override
    public AuthDecision handle(AuthEvent event, Context context) {
      return event.user().email().orElse("").endsWith("@mailinator.com")
          ? AuthDecision.deny("Disposable addresses are not accepted.")
          : AuthDecision.allow();
    }
  }

  @AcrossClouds
  @TernTest(value = Echo.class, settings = "RUNS_GREETING=hello")
  void passesTheHarnessSettingsToEveryAdapter(Harness harness) {
    assertThat(harness.get("/runs/echo").body().text()).startsWith("greeting=hello ");
  }

  @AcrossClouds(Cloud.AZURE)
  @TernTest(value = SignUp.class, settings = "TERN_AZURE_AUTH_DENY=validation")
  void answersADenialAsTheAzureSettingSays(Harness harness) {
    AuthDecision decision = harness.signUp("bob@mailinator.com");

    assertThat(decision.isAllowed()).isFalse();
    assertThat(decision.isInvalid()).as("B2C's ValidationError").isTrue();
    assertThat(decision.message()).contains("Disposable addresses are not accepted.");
  }

  @AcrossClouds(Cloud.AZURE)
  @TernTest(
      value = SignUp.class,
      settings = {
        "TERN_AZURE_AUTH_VERIFY=basic",
        "TERN_AZURE_AUTH_USERNAME=b2c",
        "TERN_AZURE_AUTH_PASSWORD=s3cret"
      })
  void callsOutWithTheBasicCredentialsTheAzureSettingsName(Harness harness) {
    assertThat(harness.signUp("ada@example.com").isAllowed()).isTrue();
    assertThat(harness.signUp("bob@mailinator.com").message())
        .contains("Disposable addresses are not accepted.");
  }

  @AcrossClouds(Cloud.AWS)
  @TernTest(Payments.class)
  void reportsOnlyTheFailedMessageOfAnAwsBatchAsTheDocumentedDeploymentDoes(Harness harness) {
    harness.enqueueAll("runs-payments", List.of("ok", "declined"));
    harness.advance(Duration.ofMinutes(5));

    assertThat(harness.instance(Payments.class).processed).containsExactly("ok");
    assertThat(harness.deliveriesOf("m-1")).hasSize(1);
    assertThat(harness.deadLetters("runs-payments")).extracting(Message::id).containsExactly("m-2");
  }

  @AcrossClouds(Cloud.AWS)
  @TernTest(value = Payments.class, settings = "TERN_AWS_BATCH_ITEM_FAILURES=false")
  void returnsTheWholeAwsBatchWithoutBatchItemFailures(Harness harness) {
    harness.enqueueAll("runs-payments", List.of("ok", "declined"));

    Delivery first = harness.deliveriesOf("m-1").get(0);
    assertThat(first.succeeded()).as("deleted with nothing else of its batch").isFalse();
    assertThat(first.error()).hasMessageContaining("returned to the queue with its batch");
    harness.advance(Duration.ofSeconds(30));
    assertThat(harness.instance(Payments.class).processed).containsExactly("ok", "ok");
    assertThat(harness.deliveriesOf("m-1")).extracting(Delivery::attempt).containsExactly(1, 2);
  }

  @AcrossClouds
  @TernTest(Nightly.class)
  void firesTicksAtTheVirtualTimeOnEveryCloud(Harness harness) {
    harness.advance(Duration.ofHours(3));

    Tick tick = harness.instance(Nightly.class).ticks.get(0);
    assertThat(tick.dueAt()).isEqualTo(Instant.parse("2026-01-01T02:00:00Z"));
    assertThat(tick.firedAt()).isEqualTo(Instant.parse("2026-01-01T02:00:00Z"));
  }

  @AcrossClouds
  @TernTest(Echo.class)
  void numbersInvocationsOnEveryCloud(Harness harness) {
    assertThat(harness.get("/runs/echo").body().text()).endsWith(" id=inv-1");
    assertThat(harness.get("/runs/echo").body().text()).endsWith(" id=inv-2");
  }

  @AcrossClouds
  @TernTest(Echo.class)
  void capturesFunctionLogsInTheSameFormOnEveryCloud(Harness harness) {
    harness.get("/runs/echo");

    assertThat(harness.logs())
        .containsExactly(
            "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"level\":\"INFO\",\"message\":\"echoing\","
                + "\"invocationId\":\"inv-1\",\"function\":\"RunsEcho\",\"path\":\"/runs/echo\"}");
  }

  @AcrossClouds
  @TernTest(Payments.class)
  void logsAFailureInTheSameFormOnEveryCloud(Harness harness) throws Exception {
    harness.enqueue("runs-payments", "declined");

    JsonNode line = TernJson.mapper().readTree(harness.logs().get(0));
    List<String> keys = new ArrayList<>();
    line.fieldNames().forEachRemaining(keys::add);
    // the dispatcher's fields come in the order of its Map.of, the same for every run
    assertThat(keys.subList(0, 5))
        .containsExactly("timestamp", "level", "message", "invocationId", "function");
    // the dispatcher's own "function" field names the function again and is left out
    assertThat(keys.subList(5, keys.size())).containsExactly("event", "error", "stackTrace");
    assertThat(line.path("level").asText()).isEqualTo("ERROR");
    assertThat(line.path("function").asText()).isEqualTo("RunsPayments");
    assertThat(line.path("event").asText()).isEqualTo("message m-1");
    assertThat(line.path("stackTrace").asText())
        .startsWith("java.lang.IllegalStateException: card declined\n");
  }

  @AcrossClouds
  @TernTest(Payments.class)
  void keepsWhatTheFunctionThrewOnEveryCloud(Harness harness) {
    harness.enqueue("runs-payments", "declined");

    Throwable error = harness.deliveriesOf("m-1").get(0).error();
    assertThat(error)
        .isInstanceOf(FunctionFailedException.class)
        .hasMessage(
            "function RunsPayments failed on message m-1: java.lang.IllegalStateException: card"
                + " declined");
    assertThat(error.getCause())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("card declined");
    assertThat(error.getCause().getStackTrace()[0].getClassName())
        .isEqualTo(Payments.class.getName());
  }

  @AcrossClouds
  @TernTest(Nightly.class)
  void keepsWhatAScheduleThrewOnEveryCloud(Harness harness) {
    harness.instance(Nightly.class).failing = true;

    harness.fire("RunsNightly");

    Throwable error = harness.deliveries().get(0).error();
    assertThat(error)
        .hasMessage(
            "function RunsNightly failed on tick RunsNightly: java.lang.IllegalStateException:"
                + " report store unavailable");
    assertThat(error.getCause())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("report store unavailable");
  }

  @AcrossClouds
  @TernTest(Cookies.class)
  void sendsTheRequestsCookiesOnEveryCloud(Harness harness) {
    HttpRequest request =
        HttpRequest.builder("GET", "/runs/cookies")
            .cookies(List.of(new Cookie("s", "1"), new Cookie("theme", "dark")))
            .build();

    assertThat(harness.http(request).body().text())
        .isEqualTo("cookies=[Cookie[name=s, value=1], Cookie[name=theme, value=dark]]");
  }

  @AcrossClouds
  @TernTest(Patient.class)
  void countsDeliveryAttemptsOnEveryCloud(Harness harness) {
    harness.enqueue("runs-patient", "wait for it");
    harness.advance(Duration.ofMinutes(5));

    assertThat(harness.instance(Patient.class).attempts).containsExactly(1, 2, 3);
    assertThat(harness.deadLetters("runs-patient")).isEmpty();
  }

  @AcrossClouds
  @TernTest(Echo.class)
  void answersWithTheContentTypeOnTheBodyOnEveryCloud(Harness harness) {
    HttpResponse response = harness.get("/runs/echo");

    assertThat(response.header("Content-Type")).isEmpty();
    assertThat(response.contentType()).contains("text/plain; charset=utf-8");
    assertThat(response.body().contentType()).contains("text/plain; charset=utf-8");
  }

  @AcrossClouds
  @TernTest(Files.class)
  void answersARequestWhosePathHasARawSpaceOnEveryCloud(Harness harness) {
    assertThat(harness.get("/runs/no such file").status()).isEqualTo(404);
    assertThat(harness.get("/runs/files/q1 2024.csv").body().text()).isEqualTo("name=q1 2024.csv");
  }

  @AcrossClouds
  @TernTest(Broken.class)
  void aFailedRequestRecordsWhatTheFunctionThrewThoughTheClientSeesOnly500(Harness harness) {
    HttpResponse response = harness.get("/runs/broken");

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.body().text()).doesNotContain("database unreachable");
    Delivery delivery = harness.deliveries().get(0);
    assertThat(delivery.status()).isEqualTo(500);
    assertThat(delivery.error())
        .hasMessage("answered 500: java.lang.IllegalStateException: database unreachable")
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database unreachable");
  }
}
