package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.AuthUser;
import dev.tern.Body;
import dev.tern.ConfigurationException;
import dev.tern.Context;
import dev.tern.FunctionFailedException;
import dev.tern.Headers;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.HttpStatusException;
import dev.tern.Message;
import dev.tern.NoFunctionException;
import dev.tern.ObjectEvent;
import dev.tern.QueueFunction;
import dev.tern.ScheduleFunction;
import dev.tern.SetCookie;
import dev.tern.StorageFunction;
import dev.tern.Tick;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DispatcherTest {
  private final List<String> log = TestContext.lines();
  private final Dispatcher.Contexts contexts = TestContext.into(log);

  // ---- HTTP ------------------------------------------------------------------------------

  public static final class Echo implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text(request.route().orElse("?") + " " + request.pathParams());
    }
  }

  public static final class Method implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text(request.method());
    }
  }

  public static final class Leaky implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      throw new IllegalStateException("db password is hunter2");
    }
  }

  /** Throws what its request's path names. */
  public static final class ThrowsErrors implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      if (request.path().endsWith("/memory")) {
        throw new OutOfMemoryError("simulated");
      }
      if (request.path().endsWith("/deep")) {
        return handle(request, context);
      }
      throw new AssertionError("an invariant broke");
    }
  }

  public static final class Binds implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text(request.body().as(String.class));
    }
  }

  /** Answers with a request header, or with headers of its own making when asked to. */
  public static final class ReadsHeader implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      if (request.query().first("own").isPresent()) {
        Headers.deferred(() -> Headers.of("X-Bad", "a\r\nb")).first("X-Bad");
      }
      return HttpResponse.text(request.header("Accept").orElse("none"));
    }
  }

  /** Binds a body it fetched elsewhere, as a function reading a downstream answer would. */
  public static final class BindsDownstream implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      Body downstream =
          Body.of("{nope".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
      return HttpResponse.text(downstream.as(String.class));
    }
  }

  /** Answers with a charset no JVM has: its own mistake, whatever the request. */
  public static final class WritesBogusCharset implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.ok().withBody(Body.ofText("hi", "text/plain; charset=x-no-such-charset"));
    }
  }

  public static final class ReadsText implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text(request.body().text());
    }
  }

  public static final class ReturnsNull implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return null;
    }
  }

  /** Throws the answer its request's path names, from below handle, as deep code would. */
  public static final class Refuses implements HttpFunction {
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
              503, "try again later", new IllegalStateException("pool exhausted"));
        case "problem":
          throw new HttpStatusException(
              HttpResponse.text("{\"title\":\"Conflict\"}")
                  .withStatus(409)
                  .withHeader("Content-Type", "application/problem+json")
                  .withCookie(SetCookie.of("cart", "c-1")),
              "order o-1 has shipped");
        default:
          return what;
      }
    }
  }

  private static FunctionDescriptor http(Class<?> type, String route, String... methods) {
    return FunctionDescriptor.http(type.getSimpleName(), type.getName(), route, List.of(methods));
  }

  private static Dispatcher dispatcher(FunctionDescriptor... functions) {
    return dispatcher(Settings.of(Map.of()), functions);
  }

  private static Dispatcher dispatcher(Settings settings, FunctionDescriptor... functions) {
    return Dispatcher.create(
        Router.create(List.of(functions), settings),
        FunctionFactory.reflective(),
        DispatcherTest.class.getClassLoader());
  }

  @Test
  void handsTheFunctionTheRoutedRequest() {
    HttpResponse response =
        dispatcher(http(Echo.class, "/orders/{id}", "GET"))
            .http(HttpRequest.get("/orders/a%2Fb"), contexts);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().text()).isEqualTo("/orders/{id} {id=a/b}");
  }

  @Test
  void aHeadRequestRunsTheGetFunctionWhichSeesHead() {
    HttpResponse response =
        dispatcher(http(Method.class, "/status", "GET"))
            .http(HttpRequest.builder("HEAD", "/status").build(), contexts);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().text()).isEqualTo("HEAD");
  }

  @Test
  void answersNotFoundAndMethodNotAllowedWithSortedAllow() {
    Dispatcher dispatcher =
        dispatcher(
            http(Echo.class, "/orders/{id}", "PUT", "GET"),
            http(Binds.class, "/orders/{x}", "DELETE"));

    HttpResponse notFound = dispatcher.http(HttpRequest.get("/nope"), contexts);
    HttpResponse notAllowed =
        dispatcher.http(HttpRequest.builder("POST", "/orders/1").build(), contexts);

    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notAllowed.status()).isEqualTo(405);
    assertThat(notAllowed.header("Allow")).contains("DELETE, GET, HEAD, PUT");
  }

  @Test
  void aThrowingFunctionAnswers500WithTheGenericBodyAndLogsTheStackTrace() {
    HttpResponse response =
        dispatcher(http(Leaky.class, "/leak")).http(HttpRequest.get("/leak"), contexts);

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.body().text()).isEqualTo(Dispatcher.INTERNAL_ERROR);
    assertThat(response.effectiveHeaders().toString()).doesNotContain("hunter2");
    assertThat(response.cookies()).isEmpty();
    assertThat(log).hasSize(1);
    assertThat(log.get(0))
        .contains("\"level\":\"ERROR\"")
        .contains("\"invocationId\":\"inv-1\"")
        .contains("\"function\":\"Leaky\"")
        .contains("\"error\":\"java.lang.IllegalStateException\"")
        .contains(
            "\"stackTrace\":\"java.lang.IllegalStateException: db password is hunter2\\n\\tat ")
        .contains(Leaky.class.getName() + ".handle(");
  }

  @Test
  void anErrorTheFunctionThrowsAnswers500AndIsLoggedButOutOfMemoryIsLeftToThePlatform() {
    Dispatcher dispatcher = dispatcher(http(ThrowsErrors.class, "/errors/{kind}"));

    HttpResponse assertion = dispatcher.http(HttpRequest.get("/errors/assertion"), contexts);
    HttpResponse deep = dispatcher.http(HttpRequest.get("/errors/deep"), contexts);

    assertThat(assertion.status()).isEqualTo(500);
    assertThat(assertion.body().text()).isEqualTo(Dispatcher.INTERNAL_ERROR);
    assertThat(deep.status()).isEqualTo(500);
    assertThat(log).hasSize(2);
    assertThat(log.get(0)).contains("\"error\":\"java.lang.AssertionError\"");
    assertThat(log.get(1)).contains("\"error\":\"java.lang.StackOverflowError\"");
    assertThatThrownBy(() -> dispatcher.http(HttpRequest.get("/errors/memory"), contexts))
        .isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void anUndecodableBodyAnswers400() {
    Dispatcher dispatcher = dispatcher(http(Binds.class, "/bind"));

    HttpResponse bad = dispatcher.http(HttpRequest.postJson("/bind", "{nope"), contexts);
    HttpResponse good = dispatcher.http(HttpRequest.postJson("/bind", "\"Ada\""), contexts);

    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().text()).startsWith("Bad Request");
    assertThat(log)
        .singleElement()
        .asString()
        .contains("\"level\":\"WARN\"")
        .doesNotContain("stackTrace");
    assertThat(good.status()).isEqualTo(200);
    assertThat(good.body().text()).isEqualTo("Ada");
  }

  @Test
  void requestHeadersFoundMalformedWhenTheFunctionReadsThemAnswer400() {
    Dispatcher dispatcher = dispatcher(http(ReadsHeader.class, "/header"));
    HttpRequest bad =
        HttpRequest.builder("GET", "/header")
            .headers(Headers.deferred(() -> Headers.of("X-Evil", "a\r\nSet-Cookie: x=1")))
            .build();
    HttpRequest good =
        HttpRequest.builder("GET", "/header")
            .headers(Headers.deferred(() -> Headers.of("Accept", "text/plain")))
            .build();

    HttpResponse refused = dispatcher.http(bad, contexts);
    HttpResponse answered = dispatcher.http(good, contexts);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().text()).startsWith("Bad Request").contains("X-Evil");
    assertThat(refused.effectiveHeaders().contains("Set-Cookie")).isFalse();
    assertThat(log)
        .singleElement()
        .asString()
        .contains("\"level\":\"WARN\"", "request headers could not be read")
        .doesNotContain("stackTrace");
    assertThat(answered.status()).isEqualTo(200);
    assertThat(answered.body().text()).isEqualTo("text/plain");
  }

  @Test
  void malformedHeadersTheFunctionMadeItselfAreA500() {
    HttpResponse response =
        dispatcher(http(ReadsHeader.class, "/header"))
            .http(HttpRequest.get("/header?own=1"), contexts);

    assertThat(response.status()).isEqualTo(500);
    assertThat(log).singleElement().asString().contains("\"level\":\"ERROR\"");
  }

  @Test
  void aBodyTheFunctionFetchedElsewhereThatCannotBeBoundIsA500() {
    Dispatcher dispatcher = dispatcher(http(BindsDownstream.class, "/downstream"));

    HttpResponse response =
        dispatcher.http(HttpRequest.postJson("/downstream", "\"fine\""), contexts);

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.body().text()).isEqualTo(Dispatcher.INTERNAL_ERROR);
    assertThat(log).singleElement().asString().contains("\"level\":\"ERROR\"");
  }

  @Test
  void anUndecodablePayloadTheFunctionMadeItselfIsA500() {
    Dispatcher dispatcher = dispatcher(http(WritesBogusCharset.class, "/bogus"));

    HttpResponse response = dispatcher.http(HttpRequest.get("/bogus"), contexts);

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.body().text()).isEqualTo(Dispatcher.INTERNAL_ERROR);
    assertThat(log).singleElement().asString().contains("\"level\":\"ERROR\"");
  }

  @Test
  void aRequestBodyInACharsetThisJvmLacksAnswers400() {
    Dispatcher dispatcher = dispatcher(http(ReadsText.class, "/text"));
    HttpRequest request =
        HttpRequest.builder("POST", "/text")
            .body(Body.of(new byte[] {'h', 'i'}, "text/plain; charset=x-no-such-charset"))
            .build();

    HttpResponse response = dispatcher.http(request, contexts);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().text()).contains("x-no-such-charset");
  }

  @Test
  void aThrownClientErrorAnswersItsStatusAndMessageAndIsLoggedAtInfoWithoutAStackTrace() {
    HttpResponse response =
        dispatcher(http(Refuses.class, "/refuse/{what}"))
            .http(HttpRequest.get("/refuse/missing"), contexts);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body().text()).isEqualTo("no order o-9");
    assertThat(response.contentType()).contains("text/plain; charset=utf-8");
    assertThat(log)
        .singleElement()
        .asString()
        .contains("\"level\":\"INFO\"")
        .contains("\"message\":\"function answered a client error\"")
        .contains("\"function\":\"Refuses\"")
        .contains("\"status\":404")
        .contains("\"error\":\"no order o-9\"")
        .doesNotContain("function failed")
        .doesNotContain("stackTrace");
  }

  @Test
  void aThrownServerErrorAnswersItsResponseAndIsLoggedAsTheFailureItIs() {
    HttpResponse response =
        dispatcher(http(Refuses.class, "/refuse/{what}"))
            .http(HttpRequest.get("/refuse/down"), contexts);

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.body().text()).isEqualTo("try again later");
    assertThat(log)
        .singleElement()
        .asString()
        .contains("\"level\":\"ERROR\"")
        .contains("\"message\":\"function failed\"")
        .contains("\"error\":\"dev.tern.HttpStatusException\"")
        .contains("\"stackTrace\":\"dev.tern.HttpStatusException: try again later\\n\\tat ")
        .contains("Caused by: java.lang.IllegalStateException: pool exhausted");
  }

  @Test
  void aThrownResponseIsAnsweredWithItsHeadersCookiesAndBodyAndTheMessageOnlyLogged() {
    HttpResponse response =
        dispatcher(http(Refuses.class, "/refuse/{what}"))
            .http(HttpRequest.get("/refuse/problem"), contexts);

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.contentType()).contains("application/problem+json");
    assertThat(response.cookies()).containsExactly(SetCookie.of("cart", "c-1"));
    assertThat(response.body().text()).isEqualTo("{\"title\":\"Conflict\"}");
    assertThat(log)
        .singleElement()
        .asString()
        .contains("\"level\":\"INFO\"")
        .contains("\"status\":409")
        .contains("\"error\":\"order o-1 has shipped\"");
  }

  @Test
  void aNullResponseIsA500() {
    HttpResponse response =
        dispatcher(http(ReturnsNull.class, "/null")).http(HttpRequest.get("/null"), contexts);

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.body().text()).isEqualTo(Dispatcher.INTERNAL_ERROR);
    assertThat(log).singleElement().asString().contains("returned null");
  }

  public static final class FailsToConstruct implements HttpFunction {
    public FailsToConstruct() {
      throw new IllegalStateException("no config");
    }

    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.ok();
    }
  }

  @Test
  void aConstructorFailureIsA500ToTheClient() {
    HttpResponse response =
        dispatcher(http(FailsToConstruct.class, "/x")).http(HttpRequest.get("/x"), contexts);

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.body().text()).doesNotContain("no config");
    assertThat(log).singleElement().asString().contains("no config");
  }

  @Test
  void aClassThatCannotBeLoadedIsAConfigurationError() {
    Dispatcher dispatcher =
        dispatcher(FunctionDescriptor.http("Gone", "app.DoesNotExist", "/gone", List.of()));

    assertThatThrownBy(dispatcher::instantiateAll)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Gone")
        .hasMessageContaining("app.DoesNotExist");
  }

  // ---- queues ------------------------------------------------------------------------------

  /** Records what it handled; fails messages whose body is "fail". */
  public static final class Recorder implements QueueFunction, StorageFunction, ScheduleFunction {
    static final List<String> HANDLED = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void handle(Message message, Context context) {
      HANDLED.add(message.id());
      if (message.body().text().equals("fail")) {
        throw new IllegalArgumentException("cannot ship " + message.id());
      }
    }

    @Override
    public void handle(ObjectEvent event, Context context) {
      throw new IllegalStateException("storage down");
    }

    @Override
    public void handle(Tick tick, Context context) {
      throw new IllegalStateException("schedule down");
    }
  }

  private static Message message(String id, String body) {
    return Message.builder(id, "arn:aws:sqs:eu-west-1:1:orders").body(Body.ofText(body)).build();
  }

  private Dispatcher queueDispatcher() {
    Recorder.HANDLED.clear();
    return dispatcher(FunctionDescriptor.queue("Orders", Recorder.class.getName(), "orders"));
  }

  @Test
  void aFailingMessageIsAFunctionFailedExceptionWithTheCause() {
    Dispatcher dispatcher = queueDispatcher();

    assertThatThrownBy(() -> dispatcher.queue(message("m-1", "fail"), contexts))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageContaining("Orders")
        .hasMessageContaining("m-1")
        .hasRootCauseInstanceOf(IllegalArgumentException.class);
    assertThat(log)
        .singleElement()
        .asString()
        .contains("\"level\":\"ERROR\"")
        .contains("cannot ship m-1");
  }

  @Test
  void aStandardBatchReportsOnlyTheFailedMessages() {
    Dispatcher dispatcher = queueDispatcher();

    Dispatcher.BatchResult result =
        dispatcher.queueBatch(
            List.of(
                message("m-1", "ok"),
                message("m-2", "fail"),
                message("m-3", "ok"),
                message("m-4", "fail")),
            false,
            contexts);

    assertThat(result.failedIds()).containsExactly("m-2", "m-4");
    assertThat(result.errors()).containsOnlyKeys("m-2", "m-4");
    assertThat(result.allSucceeded()).isFalse();
    assertThat(Recorder.HANDLED).containsExactly("m-1", "m-2", "m-3", "m-4");
  }

  @Test
  void anOrderedBatchStopsAtTheFirstFailureAndFailsEveryLaterMessage() {
    Dispatcher dispatcher = queueDispatcher();

    Dispatcher.BatchResult result =
        dispatcher.queueBatch(
            List.of(
                message("m-1", "ok"),
                message("m-2", "fail"),
                message("m-3", "ok"),
                message("m-4", "ok")),
            true,
            contexts);

    assertThat(result.failedIds()).containsExactly("m-2", "m-3", "m-4");
    assertThat(result.errors()).containsOnlyKeys("m-2");
    assertThat(Recorder.HANDLED).containsExactly("m-1", "m-2");
  }

  @Test
  void aBatchWithoutFailuresSucceeds() {
    Dispatcher.BatchResult result =
        queueDispatcher()
            .queueBatch(List.of(message("m-1", "ok"), message("m-2", "ok")), true, contexts);

    assertThat(result.allSucceeded()).isTrue();
    assertThat(result.errors()).isEmpty();
  }

  @Test
  void aMessageNoFunctionClaimsFailsNamingTheSource() {
    Dispatcher dispatcher = queueDispatcher();
    Message stray = Message.builder("m-9", "payments").build();

    assertThatThrownBy(() -> dispatcher.queue(stray, contexts))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining("payments");
    assertThat(dispatcher.queueBatch(List.of(stray), false, contexts).failedIds())
        .containsExactly("m-9");
  }

  @Test
  void storageAndScheduleFailuresAreFunctionFailedExceptions() {
    Dispatcher dispatcher =
        dispatcher(
            FunctionDescriptor.storage(
                "Thumbs", Recorder.class.getName(), "uploads", Set.of(ObjectEvent.Kind.CREATED)),
            FunctionDescriptor.schedule("Nightly", Recorder.class.getName(), "0 2 * * *"));
    Instant now = Instant.parse("2024-05-01T02:00:00Z");
    ObjectEvent event =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "uploads", "a.png")
            .time(now)
            .id("e-1")
            .build();

    assertThatThrownBy(() -> dispatcher.storage(event, contexts))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageContaining("e-1")
        .hasRootCauseMessage("storage down");
    assertThatThrownBy(() -> dispatcher.schedule(Tick.of("Nightly", now, now, false), contexts))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageContaining("Nightly")
        .hasRootCauseMessage("schedule down");
  }

  // ---- auth --------------------------------------------------------------------------------

  /** Decides by the user name: "boom" throws, "null" returns null, "deny" denies. */
  public static final class Gate implements AuthFunction {
    @Override
    public AuthDecision handle(AuthEvent event, Context context) {
      String who = event.user().username().orElse("");
      switch (who) {
        case "boom":
          throw new IllegalStateException("directory offline");
        case "null":
          return null;
        case "deny":
          return AuthDecision.deny("not you");
        default:
          return AuthDecision.allow().withClaim("tier", "gold");
      }
    }
  }

  private static AuthEvent event(AuthMoment moment, String username) {
    return AuthEvent.builder(moment, AuthUser.builder().username(username).build()).build();
  }

  private static Dispatcher authDispatcher() {
    return dispatcher(
        FunctionDescriptor.auth("Gate", Gate.class.getName(), Set.of(AuthMoment.values())));
  }

  @Test
  void anAuthFailureAtABlockingMomentDenies() {
    Dispatcher dispatcher = authDispatcher();

    for (AuthMoment moment :
        List.of(AuthMoment.BEFORE_SIGN_UP, AuthMoment.BEFORE_SIGN_IN, AuthMoment.TOKEN_ISSUANCE)) {
      AuthDecision thrown = dispatcher.auth(event(moment, "boom"), contexts);
      AuthDecision nothing = dispatcher.auth(event(moment, "null"), contexts);

      assertThat(thrown.isAllowed()).isFalse();
      assertThat(thrown.message()).contains(Dispatcher.AUTH_FAILED);
      assertThat(nothing.isAllowed()).isFalse();
    }
    assertThat(log).hasSize(6).allSatisfy(line -> assertThat(line).contains("\"level\":\"ERROR\""));
    assertThat(log.get(0)).contains("directory offline");
  }

  @Test
  void tellsAFailureFromADenialTheFunctionMade() {
    Dispatcher dispatcher = authDispatcher();

    assertThat(
            Dispatcher.isFailure(
                dispatcher.auth(event(AuthMoment.BEFORE_SIGN_UP, "boom"), contexts)))
        .isTrue();
    assertThat(
            Dispatcher.isFailure(
                dispatcher.auth(event(AuthMoment.BEFORE_SIGN_UP, "deny"), contexts)))
        .isFalse();
    assertThat(Dispatcher.isFailure(AuthDecision.deny(Dispatcher.AUTH_FAILED))).isFalse();
  }

  @Test
  void anAuthFailureAtANonBlockingMomentFails() {
    Dispatcher dispatcher = authDispatcher();

    for (AuthMoment moment :
        List.of(AuthMoment.AFTER_SIGN_UP, AuthMoment.AFTER_SIGN_IN, AuthMoment.USER_DELETED)) {
      assertThatThrownBy(() -> dispatcher.auth(event(moment, "boom"), contexts))
          .isInstanceOf(FunctionFailedException.class)
          .hasRootCauseMessage("directory offline");
      assertThatThrownBy(() -> dispatcher.auth(event(moment, "null"), contexts))
          .isInstanceOf(FunctionFailedException.class);
      assertThatThrownBy(() -> dispatcher.auth(event(moment, "deny"), contexts))
          .isInstanceOf(FunctionFailedException.class)
          .hasMessageContaining("not a blocking moment");
    }
  }

  @Test
  void decisionsAtBlockingMomentsPassThrough() {
    Dispatcher dispatcher = authDispatcher();

    assertThat(dispatcher.auth(event(AuthMoment.TOKEN_ISSUANCE, "ada"), contexts).claims())
        .containsEntry("tier", "gold");
    assertThat(dispatcher.auth(event(AuthMoment.BEFORE_SIGN_UP, "deny"), contexts).message())
        .contains("not you");
    assertThat(dispatcher.auth(event(AuthMoment.AFTER_SIGN_UP, "ada"), contexts).isAllowed())
        .isTrue();
  }

  // ---- an HTTP answer thrown by other kinds -------------------------------------------------

  /** Throws an HTTP answer whatever it is given, as code shared with an HTTP function might. */
  public static final class ThrowsStatus
      implements QueueFunction, StorageFunction, ScheduleFunction, AuthFunction {
    @Override
    public void handle(Message message, Context context) {
      throw new HttpStatusException(404, "no order for " + message.id());
    }

    @Override
    public void handle(ObjectEvent event, Context context) {
      throw new HttpStatusException(404, "no order for " + event.key());
    }

    @Override
    public void handle(Tick tick, Context context) {
      throw new HttpStatusException(409, "report already running");
    }

    @Override
    public AuthDecision handle(AuthEvent event, Context context) {
      throw new HttpStatusException(403, "not invited");
    }
  }

  @Test
  void anHttpAnswerThrownByAnEventFunctionFailsItAsAnyExceptionDoes() {
    String type = ThrowsStatus.class.getName();
    Dispatcher dispatcher =
        dispatcher(
            FunctionDescriptor.queue("Orders", type, "orders"),
            FunctionDescriptor.storage("Thumbs", type, "uploads", Set.of(ObjectEvent.Kind.CREATED)),
            FunctionDescriptor.schedule("Nightly", type, "0 2 * * *"),
            FunctionDescriptor.auth("Gate", type, Set.of(AuthMoment.values())));
    Instant now = Instant.parse("2024-05-01T02:00:00Z");
    ObjectEvent event =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "uploads", "a.png")
            .time(now)
            .id("e-1")
            .build();

    assertThatThrownBy(() -> dispatcher.queue(message("m-1", "ok"), contexts))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessage("function Orders failed on message m-1: dev.tern.HttpStatusException")
        .cause()
        .isInstanceOf(HttpStatusException.class)
        .hasMessage("no order for m-1");
    assertThat(
            dispatcher
                .queueBatch(List.of(message("m-1", "ok"), message("m-2", "ok")), false, contexts)
                .failedIds())
        .containsExactly("m-1", "m-2");
    assertThatThrownBy(() -> dispatcher.storage(event, contexts))
        .isInstanceOf(FunctionFailedException.class)
        .hasRootCauseMessage("no order for a.png");
    assertThatThrownBy(() -> dispatcher.schedule(Tick.of("Nightly", now, now, false), contexts))
        .isInstanceOf(FunctionFailedException.class)
        .hasRootCauseMessage("report already running");
    assertThatThrownBy(() -> dispatcher.auth(event(AuthMoment.AFTER_SIGN_UP, "ada"), contexts))
        .isInstanceOf(FunctionFailedException.class)
        .hasRootCauseMessage("not invited");
    AuthDecision blocking = dispatcher.auth(event(AuthMoment.BEFORE_SIGN_UP, "ada"), contexts);
    assertThat(blocking.isAllowed()).isFalse();
    assertThat(blocking.message()).contains(Dispatcher.AUTH_FAILED);
    assertThat(log)
        .hasSize(7)
        .allSatisfy(
            line ->
                assertThat(line)
                    .contains("\"level\":\"ERROR\"")
                    .contains("dev.tern.HttpStatusException"));
  }

  // ---- instances ---------------------------------------------------------------------------

  public static final class Counted implements HttpFunction {
    static final AtomicInteger CREATED = new AtomicInteger();

    public Counted() throws InterruptedException {
      CREATED.incrementAndGet();
      Thread.sleep(50); // widen the window in which a second thread could create another
    }

    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text(Integer.toString(System.identityHashCode(this)));
    }
  }

  @Test
  void createsEachFunctionOnceEvenUnderConcurrentFirstCalls() throws Exception {
    Counted.CREATED.set(0);
    Dispatcher dispatcher = dispatcher(http(Counted.class, "/count"));
    int threads = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<HttpResponse>> responses = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        responses.add(
            pool.submit(
                () -> {
                  start.await();
                  return dispatcher.http(HttpRequest.get("/count"), contexts);
                }));
      }
      start.countDown();
      Set<String> identities = new java.util.HashSet<>();
      for (Future<HttpResponse> response : responses) {
        HttpResponse r = response.get(10, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(200);
        identities.add(r.body().text());
      }

      assertThat(Counted.CREATED).hasValue(1);
      assertThat(identities).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void instantiateAllCreatesOnlyThePinnedFunction() {
    Counted.CREATED.set(0);
    Dispatcher dispatcher =
        dispatcher(
            Settings.of(Map.of(Settings.PIN, "Echo")),
            http(Echo.class, "/echo"),
            http(Counted.class, "/count"));

    dispatcher.instantiateAll();

    assertThat(Counted.CREATED).hasValue(0);
    assertThat(dispatcher.instance(dispatcher.router().pinned().orElseThrow()))
        .isInstanceOf(Echo.class);
  }

  @Test
  void usesTheGivenFactory() {
    Echo echo = new Echo();
    Dispatcher dispatcher =
        Dispatcher.create(
            Router.create(List.of(http(Echo.class, "/echo")), Settings.of(Map.of())),
            type -> echo,
            getClass().getClassLoader());

    assertThat(dispatcher.instance(dispatcher.router().functions().get(0))).isSameAs(echo);
  }

  @Test
  void theReflectiveFactoryNeedsAPublicNoArgConstructor() {
    assertThatThrownBy(() -> FunctionFactory.reflective().create(NoDefault.class))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(NoDefault.class.getName());
    assertThatThrownBy(() -> FunctionFactory.reflective().create(FailsToConstruct.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no config");
  }

  public static final class NoDefault {
    public NoDefault(String unused) {}
  }
}
