package dev.tern.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.AuthUser;
import dev.tern.Body;
import dev.tern.Caller;
import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.FunctionFailedException;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.QueueFunction;
import dev.tern.ScheduleFunction;
import dev.tern.SetCookie;
import dev.tern.StorageFunction;
import dev.tern.Tick;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import dev.tern.testing.ObjectChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsShapeTest {
  static final List<Object> SEEN = new CopyOnWriteArrayList<>();

  /** Greets, echoing what the adapter delivered. */
  public static final class Greet implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      SEEN.add(request);
      return HttpResponse.text("Hello, " + request.query().first("name").orElse("world") + "!")
          .withHeader("X-Path", request.path())
          .withCookie(SetCookie.of("seen", "1").withPath("/").httpOnly());
    }
  }

  /** Echoes the body as PNG bytes. */
  public static final class Png implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.bytes(request.body().bytes(), "image/png");
    }
  }

  /** Fails messages whose body says so. */
  public static final class Work implements QueueFunction {
    @Override
    public void handle(Message message, Context context) {
      SEEN.add(message);
      if (message.body().text().contains("fail")) {
        throw new IllegalStateException("no");
      }
    }
  }

  /** Records object events. */
  public static final class Files implements StorageFunction {
    @Override
    public void handle(ObjectEvent event, Context context) {
      SEEN.add(event);
    }
  }

  /** Records ticks. */
  public static final class Nightly implements ScheduleFunction {
    @Override
    public void handle(Tick tick, Context context) {
      SEEN.add(tick);
    }
  }

  /** Confirms sign-ups from example.com, adds a claim to tokens. */
  public static final class Accounts implements AuthFunction {
    @Override
    public AuthDecision handle(AuthEvent event, Context context) {
      SEEN.add(event);
      if (event.moment() == AuthMoment.TOKEN_ISSUANCE) {
        return AuthDecision.allow()
            .withClaim("tier", event.user().attribute("tier").orElse("gold"))
            .withClaim("level", 3)
            .withoutClaim("email");
      }
      return event.user().email().orElse("").endsWith("@example.com")
          ? AuthDecision.allow().confirmUser().withEmailVerified(true)
          : AuthDecision.deny("Not invited.");
    }
  }

  private final AwsShape aws =
      new AwsShape(
          Dispatcher.create(
              Router.create(
                  List.of(
                      FunctionDescriptor.http(
                          "Greet", Greet.class.getName(), "/hello", List.of("GET")),
                      FunctionDescriptor.http(
                          "GreetOne", Greet.class.getName(), "/greet/{who}", List.of("GET")),
                      FunctionDescriptor.http("Png", Png.class.getName(), "/png", List.of("POST")),
                      FunctionDescriptor.queue("Work", Work.class.getName(), "work"),
                      FunctionDescriptor.storage(
                          "Files",
                          Files.class.getName(),
                          "files",
                          Set.of(ObjectEvent.Kind.CREATED)),
                      FunctionDescriptor.schedule("Nightly", Nightly.class.getName(), "0 2 * * *"),
                      FunctionDescriptor.auth(
                          "Accounts",
                          Accounts.class.getName(),
                          Set.of(AuthMoment.BEFORE_SIGN_UP, AuthMoment.TOKEN_ISSUANCE))),
                  Settings.of(Map.of())),
              FunctionFactory.reflective(),
              AwsShapeTest.class.getClassLoader()));

  @BeforeEach
  void clear() {
    SEEN.clear();
  }

  @Test
  void sendsHttpThroughApiGatewayShapeAndDecodesTheResponse() {
    HttpRequest sent =
        HttpRequest.builder("GET", "/hello?name=Ada%20L")
            .header("Cookie", "a=1; b=2")
            .caller(new Caller("jwt", "user-1", Map.of("email", "ada@example.com")))
            .build();
    HttpResponse response = aws.http(sent);

    assertThat(aws.cloud()).isEqualTo(Cloud.AWS);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().text()).isEqualTo("Hello, Ada L!");
    assertThat(response.header("X-Path")).contains("/hello");
    assertThat(response.cookies())
        .extracting(SetCookie::headerValue)
        .containsExactly("seen=1; Path=/; HttpOnly");
    HttpRequest received = (HttpRequest) SEEN.get(0);
    assertThat(received.cookie("b")).contains("2");
    assertThat(received.caller().orElseThrow().subject()).isEqualTo("user-1");
    assertThat(received.caller().orElseThrow().claim("email")).contains("ada@example.com");
  }

  @Test
  void sendsThePathDecodedAsAnHttpApiDoesAndTheFunctionSeesItEncodedOnce() {
    // An HTTP API decodes the path before Lambda sees it; the adapter encodes it again.
    aws.http(HttpRequest.builder("GET", "/greet/Ada%2520L%C3%A9on").build());

    HttpRequest received = (HttpRequest) SEEN.get(0);
    assertThat(((Map<?, ?>) received.raw().orElseThrow()).get("rawPath"))
        .isEqualTo("/greet/Ada%20Léon");
    assertThat(received.path()).isEqualTo("/greet/Ada%2520L%C3%A9on");
    assertThat(received.pathParam("who")).contains("Ada%20Léon");
  }

  @Test
  void roundTripsBinaryBodiesThroughBase64() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
    HttpResponse response =
        aws.http(
            HttpRequest.builder("POST", "/png")
                .body(Body.of(png, "application/octet-stream"))
                .build());

    assertThat(response.body().bytes()).containsExactly(png);
    assertThat(response.contentType()).contains("image/png");
  }

  @Test
  void answers404ForUnknownRoutes() {
    assertThat(aws.http(HttpRequest.get("/nowhere")).status()).isEqualTo(404);
  }

  @Test
  void reportsFailedIdsOfASqsBatch() {
    List<String> failed =
        aws.queue(
            List.of(
                Message.builder("a", "work").body(Body.ofText("ok")).build(),
                Message.builder("b", "work").body(Body.ofText("fail")).build(),
                Message.builder("c", "work")
                    .body(Body.ofText("ok"))
                    .attributes(Map.of("k", "v"))
                    .build()));

    assertThat(failed).containsExactly("b");
    assertThat(SEEN).hasSize(3);
    assertThat(((Message) SEEN.get(2)).attribute("k")).contains("v");
  }

  @Test
  void keepsTheAttemptAndTimeOfEveryMessageItCanShape() {
    Instant early = Instant.parse("1969-07-20T20:17:40Z");
    List<String> failed =
        aws.queue(
            List.of(
                Message.builder("a", "work")
                    .body(Body.ofText("ok"))
                    .attempt(3)
                    .enqueuedAt(early)
                    .build()));

    assertThat(failed).isEmpty();
    Message seen = (Message) SEEN.get(0);
    assertThat(seen.attempt()).hasValue(3);
    assertThat(seen.enqueuedAt()).contains(early);
  }

  @Test
  void ordersFifoBatchesByGroup() {
    List<String> failed =
        aws.queueBatch(
                List.of(
                    Message.builder("a", "work").body(Body.ofText("fail")).orderingKey("g").build(),
                    Message.builder("b", "work").body(Body.ofText("ok")).orderingKey("g").build()),
                true)
            .failedIds();

    assertThat(failed).containsExactly("a", "b");
    assertThat(SEEN)
        .singleElement()
        .satisfies(m -> assertThat(((Message) m).orderingKey()).hasValue("g"));
  }

  @Test
  void sendsKeyedMessagesOfAnUnorderedBatchAsAStandardQueuesWhoseGroupOrdersNothing() {
    List<String> failed =
        aws.queue(
            List.of(
                Message.builder("a", "work").body(Body.ofText("fail")).orderingKey("g").build(),
                Message.builder("b", "work").body(Body.ofText("ok")).orderingKey("g").build()));

    // A standard queue's MessageGroupId names a fair queue's tenant: b is processed, and neither
    // message carries an ordering key.
    assertThat(failed).containsExactly("a");
    assertThat(SEEN).hasSize(2).allSatisfy(m -> assertThat(((Message) m).orderingKey()).isEmpty());
  }

  @Test
  void refusesAnOrderedBatchWithAMessageWithoutAGroup() {
    List<Message> batch =
        List.of(
            Message.builder("a", "work").body(Body.ofText("ok")).orderingKey("g").build(),
            Message.builder("b", "work").body(Body.ofText("ok")).build());

    assertThatThrownBy(() -> aws.queueBatch(batch, true))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "aws: message b of FIFO queue work has no ordering key, so its record would have no"
                + " MessageGroupId, which an SQS FIFO queue requires");
    assertThat(SEEN).isEmpty();
  }

  @Test
  void deliversStorageEventsWithKeysEncodedAsS3Does() {
    aws.storage(
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "files", "reports/q1 2024+final.csv")
            .id("evt-1")
            .time(Instant.parse("2026-03-10T14:00:00Z"))
            .size(12)
            .version("7")
            .build());

    ObjectEvent received = (ObjectEvent) SEEN.get(0);
    assertThat(received.key()).isEqualTo("reports/q1 2024+final.csv");
    assertThat(received.size()).hasValue(12);
    // alone, an event is a change of a bucket without versioning, sequenced by its time
    assertThat(object(received)).containsEntry("key", "reports/q1+2024%2Bfinal.csv");
    assertThat(object(received)).doesNotContainKey("versionId");
    assertThat(received.version()).isEmpty();
    assertThat(received.id())
        .isEqualTo("evt-1:0000064CABEF68B800:files/reports/q1+2024%2Bfinal.csv");
  }

  @Test
  void sendsTheSequencerOfEachChangeAndTheVersionIdOnlyForVersionedBuckets() {
    ObjectEvent put =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "files", "a.txt")
            .id("req-1")
            .time(Instant.EPOCH)
            .version("3")
            .build();

    aws.storage(put, ObjectChange.unversioned(10));
    aws.storage(put, ObjectChange.versioned(11));

    assertThat(SEEN)
        .extracting(e -> object((ObjectEvent) e))
        .containsExactly(
            Map.of("key", "a.txt", "sequencer", "00000000000000000A"),
            Map.of("key", "a.txt", "versionId", "3", "sequencer", "00000000000000000B"));
    assertThat(SEEN)
        .extracting(e -> ((ObjectEvent) e).id(), e -> ((ObjectEvent) e).version())
        .containsExactly(
            tuple("req-1:00000000000000000A:files/a.txt", Optional.empty()),
            tuple("req-1:00000000000000000B:files/a.txt:3", Optional.of("3")));
  }

  /** The {@code s3.object} of the notification the function was given. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(ObjectEvent event) {
    Map<String, Object> record = (Map<String, Object>) event.raw().orElseThrow();
    return (Map<String, Object>) ((Map<String, Object>) record.get("s3")).get("object");
  }

  @Test
  void storageWithoutAFunctionThrowsWhatTheAdapterThrows() {
    assertThatThrownBy(
            () ->
                aws.storage(
                    ObjectEvent.builder(ObjectEvent.Kind.DELETED, "files", "x")
                        .id("e")
                        .time(Instant.EPOCH)
                        .build()))
        .isInstanceOf(dev.tern.NoFunctionException.class);
  }

  @Test
  void refusesToRetryAnEventWhoseFunctionDidNotFail() {
    ObjectEvent put =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "files", "a.txt")
            .id("e-7")
            .time(Instant.EPOCH)
            .build();
    aws.storage(put, ObjectChange.unversioned(1));

    assertThatThrownBy(() -> aws.retryStorage(put))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "aws: no failed invocation of event e-7 to retry; deliver it with storage(event,"
                + " change)");
    assertThat(SEEN).hasSize(1);
  }

  @Test
  void deliversTicksAsEventBridgeScheduledEvents() {
    Instant due = Instant.parse("2026-03-10T02:00:00Z");
    aws.schedule(Tick.of("Nightly", due, due, false));

    Tick received = (Tick) SEEN.get(0);
    assertThat(received.name()).isEqualTo("Nightly");
    assertThat(received.dueAt()).isEqualTo(due);
  }

  @Test
  void refusesToRetryATickWhoseFunctionDidNotFail() {
    Instant due = Instant.parse("2026-03-10T02:00:00Z");
    Tick tick = Tick.of("Nightly", due, due, false);
    aws.schedule(tick);

    assertThatThrownBy(() -> aws.retrySchedule(tick))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "aws: no failed invocation of Tick[Nightly due 2026-03-10T02:00:00Z, fired"
                + " 2026-03-10T02:00:00Z] to retry; deliver it with schedule(tick)");
    assertThat(SEEN).hasSize(1);
  }

  @Test
  void runsCognitoTriggersAndDecodesTheDecision() {
    AuthDecision allowed =
        aws.auth(
            AuthEvent.builder(
                    AuthMoment.BEFORE_SIGN_UP,
                    AuthUser.builder().username("ada").email("ada@example.com").build())
                .build());
    assertThat(allowed.isAllowed()).isTrue();
    assertThat(allowed.confirmsUser()).isTrue();
    assertThat(allowed.emailVerified()).contains(true);

    AuthDecision denied =
        aws.auth(
            AuthEvent.builder(
                    AuthMoment.BEFORE_SIGN_UP,
                    AuthUser.builder().username("eve").email("eve@elsewhere.test").build())
                .build());
    assertThat(denied.isAllowed()).isFalse();
    assertThat(denied.message()).contains("Not invited.");

    AuthDecision token =
        aws.auth(
            AuthEvent.builder(
                    AuthMoment.TOKEN_ISSUANCE,
                    AuthUser.builder().username("ada").email("ada@example.com").build())
                .build());
    assertThat(token.claims()).containsEntry("tier", "gold").containsEntry("level", 3L);
    assertThat(token.suppressedClaims()).containsExactly("email");
  }

  @Test
  @SuppressWarnings("unchecked")
  void sendsAnAttributeCognitoDoesNotDefineAsCustomAndTheFunctionReadsItByItsName() {
    AuthDecision token =
        aws.auth(
            AuthEvent.builder(
                    AuthMoment.TOKEN_ISSUANCE,
                    AuthUser.builder()
                        .username("ada")
                        .email("ada@example.com")
                        .attributes(Map.of("tier", "platinum", "given_name", "Ada"))
                        .build())
                .build());

    AuthEvent seen = (AuthEvent) SEEN.get(0);
    Map<String, Object> request =
        (Map<String, Object>) ((Map<String, Object>) seen.raw().orElseThrow()).get("request");
    assertThat((Map<String, Object>) request.get("userAttributes"))
        .containsEntry("custom:tier", "platinum")
        .containsEntry("given_name", "Ada")
        .doesNotContainKey("tier");
    assertThat(seen.user().attributes())
        .containsEntry("tier", "platinum")
        .containsEntry("given_name", "Ada");
    assertThat(token.claims()).containsEntry("tier", "platinum");
  }

  @Test
  void nonBlockingAuthFailuresThrow() {
    assertThatThrownBy(
            () ->
                aws.auth(
                    AuthEvent.builder(
                            AuthMoment.AFTER_SIGN_UP, AuthUser.builder().username("ada").build())
                        .build()))
        .isInstanceOf(dev.tern.NoFunctionException.class);
    assertThat(FunctionFailedException.class).isNotNull();
  }
}
