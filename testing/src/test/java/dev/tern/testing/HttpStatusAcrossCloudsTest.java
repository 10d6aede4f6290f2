package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.HttpStatusException;
import dev.tern.Message;
import dev.tern.OnAuth;
import dev.tern.OnHttp;
import dev.tern.OnQueue;
import dev.tern.OnSchedule;
import dev.tern.QueueFunction;
import dev.tern.ScheduleFunction;
import dev.tern.SetCookie;
import dev.tern.Tick;
import dev.tern.spi.Dispatcher;
import java.time.Duration;

/**
 * An {@link HttpStatusException} thrown by an HTTP function is answered the same through the
 * harness and through every cloud's adapter; thrown by any other kind of function, it fails it as
 * any exception does.
 */
class HttpStatusAcrossCloudsTest {
  /** Throws the answer its path names, from below handle, as deep code would. */
  @OnHttp(route = "/status/{what}", methods = "GET", name = "StatusOrders")
  public static final class Orders implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text(find(request.pathParam("what").orElseThrow()));
    }

    private static String find(String what) {
      switch (what) {
        case "missing":
          throw new HttpStatusException(404, "no order o-9");
        case "down":
          throw new HttpStatusException(
              HttpResponse.text("try again later").withStatus(503).withHeader("Retry-After", "120"),
              "order store in maintenance");
        case "shipped":
          throw new HttpStatusException(
              HttpResponse.text("{\"title\":\"Conflict\",\"status\":409}")
                  .withStatus(409)
                  .withHeader("Content-Type", "application/problem+json")
                  .withCookie(SetCookie.of("cart", "c-1")),
              "order o-1 has shipped");
        default:
          return what;
      }
    }
  }

  @OnQueue(value = "status-orders", name = "StatusShip")
  public static final class Ship implements QueueFunction {
    @Override
    public void handle(Message message, Context context) {
      throw new HttpStatusException(404, "no order " + message.body().text());
    }
  }

  @OnSchedule(cron = "0 2 * * *", name = "StatusNightly")
  public static final class Nightly implements ScheduleFunction {
    @Override
    public void handle(Tick tick, Context context) {
      throw new HttpStatusException(409, "report already running");
    }
  }

  @OnAuth(value = AuthMoment.BEFORE_SIGN_UP, name = "StatusSignUp")
  public static final class SignUp implements AuthFunction {
    @Override
    public AuthDecision handle(AuthEvent event, Context context) {
      throw new HttpStatusException(403, "not invited");
    }
  }

  @AcrossClouds
  @TernTest(Orders.class)
  void answersAThrownClientErrorAsAnAnswerNotAFailureOnEveryCloud(Harness harness) {
    HttpResponse response = harness.get("/status/missing");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body().text()).isEqualTo("no order o-9");
    assertThat(response.contentType()).contains("text/plain; charset=utf-8");
    Delivery delivery = harness.deliveries().get(0);
    assertThat(delivery.status()).isEqualTo(404);
    assertThat(delivery.succeeded()).isTrue();
    assertThat(harness.logs())
        .singleElement()
        .asString()
        .contains("\"level\":\"INFO\"")
        .contains("\"message\":\"function answered a client error\"")
        .contains("\"status\":404")
        .contains("\"error\":\"no order o-9\"")
        .doesNotContain("stackTrace");
  }

  @AcrossClouds
  @TernTest(Orders.class)
  void answersAThrownServerErrorAndRecordsItAsAFailureOnEveryCloud(Harness harness) {
    HttpResponse response = harness.get("/status/down");

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.header("Retry-After")).contains("120");
    assertThat(response.body().text()).isEqualTo("try again later");
    Delivery delivery = harness.deliveries().get(0);
    assertThat(delivery.status()).isEqualTo(503);
    assertThat(delivery.error())
        .hasMessage("answered 503: dev.tern.HttpStatusException: order store in maintenance");
    assertThat(harness.logs())
        .singleElement()
        .asString()
        .contains("\"level\":\"ERROR\"")
        .contains("\"message\":\"function failed\"");
  }

  @AcrossClouds
  @TernTest(Orders.class)
  void answersAThrownResponseWithItsHeadersAndCookieOnEveryCloud(Harness harness) {
    HttpResponse response = harness.get("/status/shipped");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.contentType()).contains("application/problem+json");
    assertThat(response.body().text()).isEqualTo("{\"title\":\"Conflict\",\"status\":409}");
    assertThat(response.cookies()).extracting(SetCookie::name).containsExactly("cart");
    assertThat(harness.logs()).singleElement().asString().contains("order o-1 has shipped");
  }

  @AcrossClouds
  @TernTest(value = Ship.class, maxAttempts = 2)
  void aQueueFunctionThatThrowsItIsRetriedAndDeadLetteredOnEveryCloud(Harness harness) {
    harness.enqueue("status-orders", "o-9");
    harness.advance(Duration.ofHours(1));

    assertThat(harness.deliveriesOf("m-1"))
        .hasSize(2)
        .allSatisfy(
            d ->
                assertThat(d.error())
                    .hasMessageContaining("StatusShip")
                    .hasMessageEndingWith("dev.tern.HttpStatusException: no order o-9"));
    assertThat(harness.deadLetters("status-orders")).extracting(Message::id).containsExactly("m-1");
  }

  @AcrossClouds
  @TernTest(Nightly.class)
  void aScheduleFunctionThatThrowsItFailsOnEveryCloud(Harness harness) {
    harness.fire("StatusNightly");

    assertThat(harness.deliveries().get(0).error())
        .hasMessageContaining("StatusNightly")
        .hasMessageEndingWith("dev.tern.HttpStatusException: report already running");
  }

  @AcrossClouds
  @TernTest(SignUp.class)
  void aBlockingAuthFunctionThatThrowsItDeniesOnEveryCloud(Harness harness) {
    AuthDecision decision = harness.signUp("ada@example.com");

    assertThat(decision.isAllowed()).isFalse();
    assertThat(decision.message()).contains(Dispatcher.AUTH_FAILED);
  }
}
