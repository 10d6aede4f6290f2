package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Body;
import dev.tern.Cloud;
import dev.tern.ConfigurationException;
import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.Message;
import dev.tern.NoFunctionException;
import dev.tern.ObjectEvent;
import dev.tern.OnAuth;
import dev.tern.OnHttp;
import dev.tern.OnQueue;
import dev.tern.OnSchedule;
import dev.tern.OnStorage;
import dev.tern.QueueFunction;
import dev.tern.ScheduleFunction;
import dev.tern.StorageFunction;
import dev.tern.Tick;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HarnessTest {
  @OnHttp(route = "/harness/greet/{name}", methods = "GET", name = "HarnessGreet")
  public static final class Greet implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      context.log().info("greeting", Map.of("name", request.pathParam("name").orElseThrow()));
      return HttpResponse.text("hi " + request.pathParam("name").orElseThrow());
    }
  }

  /** Fails every message whose body starts with "poison"; records what it processed. */
  @OnQueue(value = "${HARNESS_QUEUE}", name = "HarnessConsumer")
  public static final class Consumer implements QueueFunction {
    final List<String> processed = new ArrayList<>();
    final List<Integer> attempts = new ArrayList<>();

    @Override
    public void handle(Message message, Context context) {
      attempts.add(message.attempt().orElse(-1));
      if (message.body().text().startsWith("poison")) {
        throw new IllegalStateException("cannot process " + message.id());
      }
      processed.add(message.body().text());
    }
  }

  /** Fails the first attempt of every message, then succeeds. */
  @OnQueue(value = "flaky", name = "HarnessFlaky")
  public static final class Flaky implements QueueFunction {
    final List<Instant> calls = new ArrayList<>();

    @Override
    public void handle(Message message, Context context) {
      calls.add(context.clock().instant());
      if (message.attempt().getAsInt() == 1) {
        throw new IllegalStateException("first attempt fails");
      }
    }
  }

  @OnSchedule(cron = "0 2 * * *", name = "HarnessNightly")
  public static final class Nightly implements ScheduleFunction {
    final List<Tick> ticks = new ArrayList<>();

    @Override
    public void handle(Tick tick, Context context) {
      ticks.add(tick);
    }
  }

  @OnSchedule(cron = "*/30 * * * *", name = "HarnessHalfHourly")
  public static final class HalfHourly implements ScheduleFunction {
    final List<Tick> ticks = new ArrayList<>();

    @Override
    public void handle(Tick tick, Context context) {
      ticks.add(tick);
    }
  }

  @OnSchedule(cron = "0 6 * * *", name = "HarnessReport", source = "${REPORT_JOB}")
  public static final class Report implements ScheduleFunction {
    final List<Tick> ticks = new ArrayList<>();

    @Override
    public void handle(Tick tick, Context context) {
      ticks.add(tick);
    }
  }

  @OnStorage(
      bucket = "uploads",
      kinds = {ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED},
      name = "HarnessUploads")
  public static final class Uploads implements StorageFunction {
    final List<ObjectEvent> events = new ArrayList<>();

    @Override
    public void handle(ObjectEvent event, Context context) {
      events.add(event);
    }
  }

  /** Wants only new objects, as a function bound to Azure's blob trigger must. */
  @OnStorage(bucket = "photos", name = "HarnessPhotos")
  public static final class Photos implements StorageFunction {
    final List<ObjectEvent> events = new ArrayList<>();

    @Override
    public void handle(ObjectEvent event, Context context) {
      events.add(event);
    }
  }

  /**
   * Indexes the objects of a bucket with the version each was created with, twice: {@code naive}
   * forgets an object on any deletion, {@code guarded} not on the deletion of another version.
   */
  @OnStorage(
      bucket = "catalog",
      kinds = {ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED},
      name = "HarnessCatalog")
  public static final class Catalog implements StorageFunction {
    final Map<String, Optional<String>> naive = new LinkedHashMap<>();
    final Map<String, Optional<String>> guarded = new LinkedHashMap<>();

    @Override
    public void handle(ObjectEvent event, Context context) {
      if (event.kind() == ObjectEvent.Kind.CREATED) {
        naive.put(event.key(), event.version());
        guarded.put(event.key(), event.version());
        return;
      }
      naive.remove(event.key());
      // A deletion that names another generation than the indexed one is of a replaced object.
      boolean replaced =
          event.version().isPresent()
              && !event.version().equals(guarded.getOrDefault(event.key(), Optional.empty()));
      if (!replaced) {
        guarded.remove(event.key());
      }
    }
  }

  @OnAuth(value = AuthMoment.BEFORE_SIGN_UP, name = "HarnessSignUp")
  public static final class SignUp implements AuthFunction {
    @Override
    public AuthDecision handle(AuthEvent event, Context context) {
      String email = event.user().email().orElse("");
      if (email.endsWith("@mailinator.com")) {
        return AuthDecision.deny("disposable addresses are not accepted");
      }
      if (email.startsWith("boom")) {
        throw new IllegalStateException("directory unavailable");
      }
      if (email.endsWith(".invalid")) {
        return AuthDecision.invalid("Please check your e-mail address")
            .withFieldError("email", "Use an address you can receive mail at");
      }
      return AuthDecision.allow().withAttribute("tier", "free");
    }
  }

  private static String md5(String text) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("MD5")
                .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** The MD5 as Cloud Storage's {@code md5Hash} carries it: base64, not hex. */
  private static String md5Base64(String text) throws Exception {
    return java.util.Base64.getEncoder()
        .encodeToString(
            java.security.MessageDigest.getInstance("MD5")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The id a function on {@code cloud} sees for {@code event}, the {@code sequence}th change of the
   * harness's buckets: on AWS with the S3 {@code sequencer} and the object (of a bucket without
   * versioning, its key as plain as these tests' keys are) after it, joined by colons.
   */
  private static String idSeen(Cloud cloud, ObjectEvent event, long sequence) {
    return cloud == Cloud.AWS
        ? event.id()
            + ":"
            + String.format("%018X", sequence)
            + ":"
            + event.bucket()
            + "/"
            + event.key()
        : event.id();
  }

  private static Harness queueHarness(DeliveryPolicy policy) {
    return Harness.builder()
        .functions(Consumer.class, Flaky.class)
        .setting("HARNESS_QUEUE", "orders")
        .delivery(policy)
        .build();
  }

  @Test
  void servesHttpWithPathParametersAndCapturesLogs() {
    Harness harness = Harness.of(Greet.class);

    HttpResponse response = harness.get("/harness/greet/Ada%20L");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().text()).isEqualTo("hi Ada L");
    assertThat(harness.logs())
        .singleElement()
        .asString()
        .contains(
            "\"message\":\"greeting\"",
            "\"name\":\"Ada L\"",
            "\"invocationId\":\"inv-1\"",
            "\"timestamp\":\"2026-01-01T00:00:00Z\"");
    assertThat(harness.get("/nowhere").status()).isEqualTo(404);
  }

  /** Answers with a body, its content type and a header of its own. */
  @OnHttp(route = "/harness/report", methods = "GET", name = "HarnessReportPage")
  public static final class ReportPage implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.json(Map.of("rows", 3)).withHeader("ETag", "\"r-3\"");
    }
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void answersHeadWithTheGetFunctionsStatusAndHeadersButNoBody(Cloud cloud) {
    Harness harness = Harness.builder().functions(ReportPage.class).cloud(cloud).build();

    HttpResponse head = harness.http(HttpRequest.builder("HEAD", "/harness/report").build());

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body().isEmpty()).as("a HEAD answer has no body").isTrue();
    assertThat(head.header("ETag")).contains("\"r-3\"");
    assertThat(head.contentType())
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(harness.get("/harness/report").body().text()).isEqualTo("{\"rows\":3}");
  }

  @OnHttp(route = "/harness/cached", methods = "GET", name = "HarnessCachedPage")
  public static final class CachedPage implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      int status =
          request.query().first("gone").isPresent()
              ? 204
              : request.query().first("early").isPresent() ? 103 : 304;
      return HttpResponse.json(Map.of("rows", 3)).withStatus(status).withHeader("ETag", "\"r-3\"");
    }
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void answers1xx204And304WithoutTheBodyTheFunctionWrote(Cloud cloud) {
    Harness harness = Harness.builder().functions(CachedPage.class).cloud(cloud).build();

    HttpResponse notModified = harness.get("/harness/cached");
    HttpResponse noContent = harness.get("/harness/cached?gone=1");

    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.body().isEmpty()).as("a 304 has no body").isTrue();
    assertThat(notModified.header("ETag")).contains("\"r-3\"");
    assertThat(noContent.status()).isEqualTo(204);
    assertThat(noContent.body().isEmpty()).as("a 204 has no body").isTrue();
    HttpResponse early = harness.get("/harness/cached?early=1");
    assertThat(early.status()).isEqualTo(103);
    assertThat(early.body().isEmpty()).as("a 1xx has no body").isTrue();
  }

  @Test
  void recordsTheStatusEachHttpRequestWasAnswered() {
    Harness harness = Harness.of(Greet.class);

    harness.get("/harness/greet/Ada");
    harness.get("/nowhere");

    assertThat(harness.deliveries())
        .extracting(Delivery::function, Delivery::status, Delivery::succeeded)
        .containsExactly(tuple("HarnessGreet", 200, true), tuple("-", 404, true));
    assertThat(harness.deliveries().get(1).toString())
        .endsWith("http - GET /nowhere attempt 1 answered 404");
  }

  @Test
  void retriesAFailingMessageUntilItIsDeadLettered() {
    Harness harness =
        queueHarness(
            DeliveryPolicy.sqs().withMaxAttempts(3).withRetryDelay(Duration.ofSeconds(30)));

    Message poison = harness.enqueue("orders", "poison pill");

    assertThat(harness.deliveriesOf(poison.id())).hasSize(1);
    harness.advance(Duration.ofSeconds(29));
    assertThat(harness.deliveriesOf(poison.id())).hasSize(1);
    harness.advance(Duration.ofMinutes(5));
    assertThat(harness.deliveriesOf(poison.id()))
        .extracting(Delivery::attempt)
        .containsExactly(1, 2, 3);
    assertThat(harness.deliveriesOf(poison.id())).noneMatch(Delivery::succeeded);
    assertThat(harness.deadLetters("orders"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.id()).isEqualTo(poison.id());
              assertThat(m.attempt()).hasValue(3);
            });
    assertThat(harness.instance(Consumer.class).attempts).containsExactly(1, 2, 3);
    assertThat(harness.inFlight()).isZero();
  }

  @Test
  void redeliversWithTheSameIdAndTheNextAttemptAfterTheRetryDelay() {
    Harness harness = queueHarness(DeliveryPolicy.sqs().withRetryDelay(Duration.ofSeconds(30)));

    Message message = harness.enqueue("flaky", "hello");
    harness.advance(Duration.ofMinutes(1));

    assertThat(harness.deliveriesOf(message.id()))
        .extracting(Delivery::attempt, Delivery::succeeded)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, false),
            org.assertj.core.groups.Tuple.tuple(2, true));
    assertThat(harness.instance(Flaky.class).calls)
        .containsExactly(VirtualClock.DEFAULT_START, VirtualClock.DEFAULT_START.plusSeconds(30));
    assertThat(harness.deadLetters("flaky")).isEmpty();
  }

  @Test
  void retriesImmediatelyWhenTheDelayIsZero() {
    Harness harness = queueHarness(DeliveryPolicy.azureQueue());

    Message poison = harness.enqueue("orders", "poison");

    assertThat(harness.deliveriesOf(poison.id())).hasSize(5);
    assertThat(harness.deadLetters("orders")).extracting(Message::id).containsExactly(poison.id());
  }

  @Test
  void deliversInBatchesAndFailsOnlyTheFailingMessages() {
    Harness harness = queueHarness(DeliveryPolicy.sqs().withBatchSize(3).withMaxAttempts(1));

    List<Message> sent =
        harness.enqueueAll("orders", List.of("a", "poison 1", "b", "c", "poison 2"));

    assertThat(harness.instance(Consumer.class).processed).containsExactly("a", "b", "c");
    assertThat(harness.deadLetters("orders"))
        .extracting(Message::id)
        .containsExactly(sent.get(1).id(), sent.get(4).id());
  }

  @Test
  void anOrderedBatchStopsAtItsFirstFailure() {
    Harness harness = queueHarness(DeliveryPolicy.sqsFifo().withMaxAttempts(1));

    List<Message> sent = new ArrayList<>();
    for (String body : List.of("a", "poison", "b", "c")) {
      sent.add(
          Message.builder("m-" + (sent.size() + 1), "orders")
              .orderingKey("customer-7")
              .body(Body.ofText(body))
              .build());
    }
    harness.enqueueAll(sent);

    assertThat(harness.instance(Consumer.class).processed).containsExactly("a");
    assertThat(harness.deadLetters("orders"))
        .extracting(Message::id)
        .containsExactly(sent.get(1).id(), sent.get(2).id(), sent.get(3).id());
  }

  @Test
  void everyMessageEndsProcessedOnceOrDeadLettered() {
    Harness harness =
        queueHarness(
            DeliveryPolicy.sqs().withMaxAttempts(4).withRetryDelay(Duration.ofSeconds(10)));
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      bodies.add(i % 7 == 0 ? "poison " + i : "ok " + i);
    }

    harness.enqueueAll("orders", bodies);
    harness.advance(Duration.ofHours(1));

    long poison = bodies.stream().filter(b -> b.startsWith("poison")).count();
    assertThat(harness.instance(Consumer.class).processed)
        .hasSize(bodies.size() - (int) poison)
        .doesNotHaveDuplicates();
    assertThat(harness.deadLetters("orders")).hasSize((int) poison);
    assertThat(harness.inFlight()).isZero();
  }

  @Test
  void refusesMessagesForAQueueNobodyConsumes() {
    Harness harness = queueHarness(DeliveryPolicy.sqs());

    assertThatThrownBy(() -> harness.enqueue("invoices", "x"))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining("invoices")
        .hasMessageContaining("HarnessConsumer");
  }

  @Test
  void advancingTheClockFiresEverySchedulesDueInOrder() {
    Harness harness = Harness.of(Nightly.class, HalfHourly.class);

    List<Tick> fired = harness.advance(Duration.ofHours(3));

    assertThat(fired)
        .extracting(Tick::name)
        .containsExactly(
            "HarnessHalfHourly",
            "HarnessHalfHourly",
            "HarnessHalfHourly",
            "HarnessHalfHourly",
            "HarnessNightly",
            "HarnessHalfHourly",
            "HarnessHalfHourly");
    assertThat(harness.instance(Nightly.class).ticks)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.dueAt()).isEqualTo(Instant.parse("2026-01-01T02:00:00Z"));
              assertThat(t.firedAt()).isEqualTo(t.dueAt());
              assertThat(t.isLate()).isFalse();
            });
    assertThat(harness.clock().instant()).isEqualTo(Instant.parse("2026-01-01T03:00:00Z"));
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void ticksReachAScheduleThroughTheRuleOrJobItDeclaresOnEveryCloud(Cloud cloud) {
    Harness harness =
        Harness.builder()
            .functions(Nightly.class, Report.class)
            .cloud(cloud)
            .setting("REPORT_JOB", "ops-nightly-report")
            .build();

    harness.fire("HarnessReport");
    List<Tick> fired = harness.advance(Duration.ofHours(6));

    assertThat(fired).extracting(Tick::name).containsExactly("HarnessNightly", "HarnessReport");
    assertThat(harness.deliveries())
        .extracting(Delivery::function, Delivery::error)
        .containsExactly(
            tuple("HarnessReport", null),
            tuple("HarnessNightly", null),
            tuple("HarnessReport", null));
    assertThat(harness.instance(Report.class).ticks)
        .extracting(Tick::name)
        .containsExactly("HarnessReport", "HarnessReport");
    assertThat(harness.instance(Nightly.class).ticks).hasSize(1);
  }

  @Test
  void firesAScheduleOnDemand() {
    Harness harness = Harness.of(Nightly.class);

    harness.fire("HarnessNightly");

    assertThat(harness.instance(Nightly.class).ticks).hasSize(1);
  }

  /** Named by its class, as a schedule function is by default. */
  @OnSchedule(cron = "0 3 * * *")
  public static final class NightlyCleanup implements ScheduleFunction {
    final List<Tick> ticks = new ArrayList<>();

    @Override
    public void handle(Tick tick, Context context) {
      ticks.add(tick);
    }
  }

  @Test
  void firesTheScheduleAClassDeclaresOnDemand() {
    Harness harness = Harness.of(NightlyCleanup.class, Nightly.class);

    Tick tick = harness.fire(NightlyCleanup.class);

    assertThat(tick.name()).isEqualTo("NightlyCleanup");
    assertThat(tick.firedAt()).isEqualTo(VirtualClock.DEFAULT_START);
    assertThat(harness.instance(NightlyCleanup.class).ticks).containsExactly(tick);
    assertThat(harness.instance(Nightly.class).ticks).isEmpty();
    assertThat(harness.deliveries())
        .extracting(Delivery::function, Delivery::kind, Delivery::succeeded)
        .containsExactly(tuple("NightlyCleanup", "schedule", true));
  }

  @Test
  void refusesToFireAClassThatIsNotAScheduleFunctionNamingTheDeclaredOnes() {
    Harness harness = Harness.of(NightlyCleanup.class, Nightly.class, Uploads.class);

    assertThatThrownBy(() -> harness.fire(Uploads.class))
        .isInstanceOf(NoFunctionException.class)
        .hasMessage(
            "fire(Uploads.class): dev.tern.testing.HarnessTest$Uploads is the storage function"
                + " HarnessUploads, not a schedule function; its schedule functions:"
                + " NightlyCleanup (dev.tern.testing.HarnessTest$NightlyCleanup),"
                + " HarnessNightly (dev.tern.testing.HarnessTest$Nightly)");
    assertThatThrownBy(() -> harness.fire(HalfHourly.class))
        .isInstanceOf(NoFunctionException.class)
        .hasMessage(
            "fire(HalfHourly.class): dev.tern.testing.HarnessTest$HalfHourly is not a schedule"
                + " function of this harness; its schedule functions:"
                + " NightlyCleanup (dev.tern.testing.HarnessTest$NightlyCleanup),"
                + " HarnessNightly (dev.tern.testing.HarnessTest$Nightly)");
    assertThat(harness.deliveries()).isEmpty();
  }

  @Test
  void refusesToFireAScheduleFunctionOtherThanThePinnedOne() {
    Harness harness =
        Harness.builder()
            .functions(NightlyCleanup.class, Nightly.class)
            .setting("TERN_FUNCTION", "HarnessNightly")
            .build();

    assertThatThrownBy(() -> harness.fire(NightlyCleanup.class))
        .isInstanceOf(NoFunctionException.class)
        .hasMessage(
            "fire(NightlyCleanup.class): dev.tern.testing.HarnessTest$NightlyCleanup is not the"
                + " schedule function this harness runs (TERN_FUNCTION pins HarnessNightly); its"
                + " schedule functions: HarnessNightly (dev.tern.testing.HarnessTest$Nightly)");
    assertThat(harness.fire(Nightly.class).name()).isEqualTo("HarnessNightly");
  }

  @Test
  void refusesToFireAScheduleByAMisspeltNameNamingTheDeclaredOnes() {
    Harness harness = Harness.of(NightlyCleanup.class);

    assertThatThrownBy(() -> harness.fire("nightlycleanup"))
        .isInstanceOf(NoFunctionException.class)
        .hasMessage(
            "no function claims the tick of schedule nightlycleanup; declared schedule functions:"
                + " schedule NightlyCleanup \"0 3 * * *\"");
    assertThat(harness.instance(NightlyCleanup.class).ticks).isEmpty();
  }

  @Test
  void puttingAndDeletingObjectsFiresStorageEvents() throws Exception {
    Harness harness = Harness.of(Uploads.class);

    harness.putObject("uploads", "reports/q1 2026.csv", "a,b\n");
    harness.deleteObject("uploads", "reports/q1 2026.csv");

    assertThat(harness.instance(Uploads.class).events)
        .satisfiesExactly(
            created -> {
              assertThat(created.kind()).isEqualTo(ObjectEvent.Kind.CREATED);
              assertThat(created.key()).isEqualTo("reports/q1 2026.csv");
              assertThat(created.size()).hasValue(4);
              assertThat(created.etag()).hasValue(md5("a,b\n"));
              assertThat(created.contentType()).hasValue("text/plain; charset=utf-8");
            },
            deleted -> {
              assertThat(deleted.kind()).isEqualTo(ObjectEvent.Kind.DELETED);
              assertThat(deleted.key()).isEqualTo("reports/q1 2026.csv");
              assertThat(deleted.size()).hasValue(4);
            });
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void refusesToPutOrDeleteAnObjectInABucketNoFunctionWatches(Cloud cloud) {
    Harness harness = Harness.builder().functions(Uploads.class).cloud(cloud).build();

    assertThatThrownBy(() -> harness.putObject("other-bucket", "x", "lost"))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageStartingWith(
            "no function claims the CREATED event in bucket other-bucket; declared storage"
                + " functions: storage HarnessUploads <- uploads");
    assertThatThrownBy(() -> harness.deleteObject("other-bucket", "x"))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageStartingWith(
            "no function claims the DELETED event in bucket other-bucket; declared storage"
                + " functions: storage HarnessUploads <- uploads");
    assertThat(harness.object("other-bucket", "x")).isEmpty();
    assertThat(harness.deliveries()).isEmpty();
  }

  @Test
  void putsAnObjectWithoutAnEventWhereTheWatchingFunctionWantsOtherKinds() {
    Harness harness = Harness.of(Photos.class);

    harness.putObject("photos", "cat.png", "meow");
    harness.deleteObject("photos", "cat.png");

    assertThat(harness.instance(Photos.class).events)
        .extracting(ObjectEvent::kind)
        .containsExactly(ObjectEvent.Kind.CREATED);
    assertThat(harness.object("photos", "cat.png")).isEmpty();
  }

  /**
   * Through the GCP shape, a harness of auth functions alone is a deployment that serves no HTTP
   * function: it answers a request that is no blocking call in Identity Platform's error shape, as
   * the adapter does there.
   */
  @Test
  void answersARequestToAuthFunctionsAloneAsTheirDeploymentDoes() {
    HttpResponse local = Harness.of(SignUp.class).http(HttpRequest.get("/orders"));
    HttpResponse gcp =
        Harness.builder()
            .functions(SignUp.class)
            .cloud(Cloud.GCP)
            .build()
            .http(HttpRequest.get("/orders"));

    assertThat(local.status()).isEqualTo(404);
    assertThat(gcp.status()).isEqualTo(400);
    assertThat(gcp.body().text())
        .isEqualTo("{\"error\":{\"status\":\"INVALID_ARGUMENT\",\"message\":\"Bad Request\"}}");
  }

  @Test
  void putsAnObjectWithMetadataThatArrivesWhereTheCloudCarriesIt() {
    Map<Cloud, Map<String, String>> seen = new LinkedHashMap<>();
    for (Cloud cloud : List.of(Cloud.LOCAL, Cloud.GCP, Cloud.AWS, Cloud.AZURE)) {
      Harness harness = Harness.builder().functions(Uploads.class).cloud(cloud).build();

      ObjectEvent put =
          harness.putObject(
              "uploads",
              "cats/tabby.png",
              new byte[] {1, 2},
              "image/png",
              Map.of("camera", "x100", "owner", "ada"));

      assertThat(put.metadata())
          .as(cloud.name())
          .isEqualTo(Map.of("camera", "x100", "owner", "ada"));
      assertThat(harness.instance(Uploads.class).events).as(cloud.name()).hasSize(1);
      seen.put(cloud, harness.instance(Uploads.class).events.get(0).metadata());
    }

    assertThat(seen)
        .containsExactly(
            Map.entry(Cloud.LOCAL, Map.of("camera", "x100", "owner", "ada")),
            Map.entry(Cloud.GCP, Map.of("camera", "x100", "owner", "ada")),
            Map.entry(Cloud.AWS, Map.of()),
            Map.entry(Cloud.AZURE, Map.of()));
  }

  @Test
  void putsAnObjectWhoseEtagArrivesAsEachCloudSendsIt() throws Exception {
    Map<Cloud, Optional<String>> seen = new LinkedHashMap<>();
    for (Cloud cloud : List.of(Cloud.LOCAL, Cloud.AWS, Cloud.AZURE, Cloud.GCP)) {
      Harness harness = Harness.builder().functions(Uploads.class).cloud(cloud).build();

      ObjectEvent put = harness.putObject("uploads", "cats/tabby.txt", "meow");

      assertThat(put.etag()).as(cloud.name()).hasValue(md5("meow"));
      seen.put(cloud, harness.instance(Uploads.class).events.get(0).etag());
    }

    assertThat(seen)
        .containsExactly(
            Map.entry(Cloud.LOCAL, Optional.of(md5("meow"))),
            Map.entry(Cloud.AWS, Optional.of(md5("meow"))),
            Map.entry(Cloud.AZURE, Optional.of(md5("meow"))),
            // Cloud Storage's md5Hash is the base64 of the digest
            Map.entry(Cloud.GCP, Optional.of(md5Base64("meow"))));
  }

  @Test
  void refusesAPutWithANullMetadataValueAndStoresNothing() {
    Harness harness = Harness.of(Uploads.class);
    Map<String, String> metadata = new HashMap<>();
    metadata.put("camera", null);

    assertThatThrownBy(
            () -> harness.putObject("uploads", "x.png", new byte[] {1}, "image/png", metadata))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("metadata: null value for key \"camera\"");
    assertThat(harness.object("uploads", "x.png")).isEmpty();
    assertThat(harness.instance(Uploads.class).events).isEmpty();
  }

  @Test
  void deletingAnObjectReportsWhatItWasWhereTheCloudSendsIt() throws Exception {
    Map<String, String> metadata = Map.of("camera", "x100");
    Map<Cloud, ObjectEvent> seen = new LinkedHashMap<>();
    ObjectEvent put = null;
    for (Cloud cloud : List.of(Cloud.LOCAL, Cloud.GCP, Cloud.AWS, Cloud.AZURE)) {
      Harness harness = Harness.builder().functions(Uploads.class).cloud(cloud).build();
      put =
          harness.putObject(
              "uploads",
              "cats/tabby.png",
              "meow".getBytes(StandardCharsets.UTF_8),
              "image/png",
              metadata);

      ObjectEvent deleted = harness.deleteObject("uploads", "cats/tabby.png");

      assertThat(deleted)
          .as("%s: the deleted object, as Cloud Storage describes it", cloud)
          .extracting(
              ObjectEvent::size,
              ObjectEvent::etag,
              ObjectEvent::contentType,
              ObjectEvent::version,
              ObjectEvent::metadata)
          .containsExactly(
              OptionalLong.of(4),
              Optional.of(md5("meow")),
              Optional.of("image/png"),
              put.version(),
              metadata);
      assertThat(harness.object("uploads", "cats/tabby.png")).as(cloud.name()).isEmpty();
      assertThat(harness.instance(Uploads.class).events).as(cloud.name()).hasSize(2);
      seen.put(cloud, harness.instance(Uploads.class).events.get(1));
    }

    Optional<String> version = put.version();
    assertThat(version).isPresent();
    assertThat(seen.entrySet())
        .extracting(
            e -> e.getKey(),
            e -> e.getValue().kind(),
            e -> e.getValue().size(),
            e -> e.getValue().etag(),
            e -> e.getValue().contentType(),
            e -> e.getValue().version(),
            e -> e.getValue().metadata())
        .containsExactly(
            // the deleted event holds the whole object resource
            tuple(
                Cloud.LOCAL,
                ObjectEvent.Kind.DELETED,
                OptionalLong.of(4),
                Optional.of(md5("meow")),
                Optional.of("image/png"),
                version,
                metadata),
            // and its md5Hash is in base64
            tuple(
                Cloud.GCP,
                ObjectEvent.Kind.DELETED,
                OptionalLong.of(4),
                Optional.of(md5Base64("meow")),
                Optional.of("image/png"),
                version,
                metadata),
            // ObjectRemoved:Delete has no size or eTag, and no version id outside a versioned
            // bucket
            tuple(
                Cloud.AWS,
                ObjectEvent.Kind.DELETED,
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of()),
            // BlobDeleted has the content type, but no contentLength and no eTag
            tuple(
                Cloud.AZURE,
                ObjectEvent.Kind.DELETED,
                OptionalLong.empty(),
                Optional.empty(),
                Optional.of("image/png"),
                Optional.empty(),
                Map.of()));
  }

  @Test
  void deletingAnObjectThatIsNotStoredFiresTheEventWithoutWhatAStoredObjectHas() {
    Harness harness = Harness.of(Uploads.class);

    ObjectEvent neverWritten = harness.deleteObject("uploads", "ghost.png");
    harness.putObject("uploads", "cat.png", new byte[] {1}, "image/png", Map.of("camera", "x100"));
    ObjectEvent first = harness.deleteObject("uploads", "cat.png");
    ObjectEvent again = harness.deleteObject("uploads", "cat.png");

    assertThat(first.metadata()).isEqualTo(Map.of("camera", "x100"));
    assertThat(first.size()).hasValue(1);
    for (ObjectEvent none : List.of(neverWritten, again)) {
      assertThat(none.size()).as(none.key()).isEmpty();
      assertThat(none.etag()).as(none.key()).isEmpty();
      assertThat(none.contentType()).as(none.key()).isEmpty();
      assertThat(none.version()).as(none.key()).isEmpty();
      assertThat(none.metadata()).as(none.key()).isEmpty();
    }
    assertThat(harness.instance(Uploads.class).events)
        .extracting(ObjectEvent::kind)
        .containsExactly(
            ObjectEvent.Kind.DELETED,
            ObjectEvent.Kind.CREATED,
            ObjectEvent.Kind.DELETED,
            ObjectEvent.Kind.DELETED);
  }

  @Test
  void deletingAnObjectThatIsNotStoredFailsAsCloudStorageAndBlobStorageAnswerIt() {
    Map<Cloud, List<ObjectEvent.Kind>> seen = new LinkedHashMap<>();
    for (Cloud cloud : List.of(Cloud.LOCAL, Cloud.AWS, Cloud.GCP, Cloud.AZURE)) {
      Harness harness = Harness.builder().functions(Uploads.class).cloud(cloud).build();
      harness.putObject("uploads", "cat.png", "meow");
      harness.deleteObject("uploads", "cat.png");

      if (cloud == Cloud.GCP || cloud == Cloud.AZURE) {
        String prefix = cloud == Cloud.GCP ? "gcp: " : "azure: ";
        String service = cloud == Cloud.GCP ? "Cloud Storage" : "Blob Storage";
        assertThatThrownBy(() -> harness.deleteObject("uploads", "cat.png"))
            .isInstanceOf(NoSuchElementException.class)
            .hasMessage(
                prefix
                    + "uploads holds no object cat.png; "
                    + service
                    + " answers its deletion 404 Not Found");
      } else {
        harness.deleteObject("uploads", "cat.png");
      }
      seen.put(
          cloud, harness.instance(Uploads.class).events.stream().map(ObjectEvent::kind).toList());
    }

    List<ObjectEvent.Kind> once = List.of(ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED);
    List<ObjectEvent.Kind> twice =
        List.of(ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED, ObjectEvent.Kind.DELETED);
    assertThat(seen)
        .containsExactly(
            Map.entry(Cloud.LOCAL, twice),
            Map.entry(Cloud.AWS, twice),
            Map.entry(Cloud.GCP, once),
            Map.entry(Cloud.AZURE, once));
  }

  @Test
  void overwritingAnObjectAlsoDeletesTheReplacedOneOnGcpOnly() throws Exception {
    Map<String, String> metadata = Map.of("camera", "x100");
    for (Cloud cloud : List.of(Cloud.LOCAL, Cloud.AWS, Cloud.AZURE, Cloud.GCP)) {
      Harness harness = Harness.builder().functions(Uploads.class).cloud(cloud).build();
      ObjectEvent first =
          harness.putObject(
              "uploads",
              "cats/tabby.png",
              "meow".getBytes(StandardCharsets.UTF_8),
              "image/png",
              metadata);

      ObjectEvent second =
          harness.putObject(
              "uploads", "cats/tabby.png", "purr".getBytes(StandardCharsets.UTF_8), "image/jpeg");

      assertThat(second.kind()).as(cloud.name()).isEqualTo(ObjectEvent.Kind.CREATED);
      assertThat(second.etag()).as(cloud.name()).hasValue(md5("purr"));
      assertThat(harness.object("uploads", "cats/tabby.png"))
          .as(cloud.name())
          .hasValueSatisfying(
              content -> assertThat(content).isEqualTo("purr".getBytes(StandardCharsets.UTF_8)));
      List<ObjectEvent> seen = harness.instance(Uploads.class).events;
      if (cloud != Cloud.GCP) {
        // S3 and Event Grid report an overwrite as a creation, and nothing else
        assertThat(seen)
            .as(cloud.name())
            .extracting(ObjectEvent::kind, ObjectEvent::id)
            .containsExactly(
                tuple(ObjectEvent.Kind.CREATED, idSeen(cloud, first, 1)),
                tuple(ObjectEvent.Kind.CREATED, idSeen(cloud, second, 2)));
        assertThat(harness.deliveries())
            .as(cloud.name())
            .extracting(Delivery::eventId)
            .containsExactly(first.id(), second.id());
        continue;
      }
      // Cloud Storage also reports the permanent deletion of the replaced generation
      assertThat(seen)
          .extracting(
              ObjectEvent::kind,
              ObjectEvent::key,
              ObjectEvent::size,
              ObjectEvent::etag,
              ObjectEvent::contentType,
              ObjectEvent::version,
              ObjectEvent::metadata)
          .containsExactly(
              tuple(
                  ObjectEvent.Kind.CREATED,
                  "cats/tabby.png",
                  OptionalLong.of(4),
                  Optional.of(md5Base64("meow")),
                  Optional.of("image/png"),
                  first.version(),
                  metadata),
              tuple(
                  ObjectEvent.Kind.CREATED,
                  "cats/tabby.png",
                  OptionalLong.of(4),
                  Optional.of(md5Base64("purr")),
                  Optional.of("image/jpeg"),
                  second.version(),
                  Map.of()),
              tuple(
                  ObjectEvent.Kind.DELETED,
                  "cats/tabby.png",
                  OptionalLong.of(4),
                  Optional.of(md5Base64("meow")),
                  Optional.of("image/png"),
                  first.version(),
                  metadata));
      String deletion = seen.get(2).id();
      assertThat(List.of(first.id(), second.id(), deletion)).containsExactly("e-1", "e-2", "e-3");
      assertThat(harness.deliveries())
          .extracting(Delivery::function, Delivery::kind, Delivery::eventId, Delivery::succeeded)
          .containsExactly(
              tuple("HarnessUploads", "storage", first.id(), true),
              tuple("HarnessUploads", "storage", second.id(), true),
              tuple("HarnessUploads", "storage", deletion, true));
    }
  }

  @Test
  void anOverwriteOnGcpDeliversNoDeletionWhereNoFunctionWantsDeletions() {
    Harness harness = Harness.builder().functions(Photos.class).cloud(Cloud.GCP).build();

    ObjectEvent first = harness.putObject("photos", "cat.png", "meow");
    ObjectEvent second = harness.putObject("photos", "cat.png", "purr");

    assertThat(harness.instance(Photos.class).events)
        .extracting(ObjectEvent::kind, ObjectEvent::id)
        .containsExactly(
            tuple(ObjectEvent.Kind.CREATED, first.id()),
            tuple(ObjectEvent.Kind.CREATED, second.id()));
    assertThat(harness.deliveries())
        .extracting(Delivery::eventId)
        .containsExactly(first.id(), second.id());
  }

  @Test
  void aFunctionThatChecksTheGenerationOfADeletionKeepsAnOverwrittenObjectOnEveryCloud() {
    for (Cloud cloud : List.of(Cloud.LOCAL, Cloud.AWS, Cloud.AZURE, Cloud.GCP)) {
      Harness harness = Harness.builder().functions(Catalog.class).cloud(cloud).build();

      harness.putObject("catalog", "a.csv", "1");
      harness.putObject("catalog", "a.csv", "2");
      harness.putObject("catalog", "b.csv", "3");
      harness.deleteObject("catalog", "b.csv");

      Catalog catalog = harness.instance(Catalog.class);
      assertThat(catalog.guarded)
          .as("%s: the index that checks the generation", cloud)
          .containsOnlyKeys("a.csv");
      if (cloud == Cloud.GCP) {
        assertThat(catalog.naive)
            .as("on GCP, a function that forgets every deleted key forgets the overwritten one")
            .isEmpty();
      } else {
        assertThat(catalog.naive).as(cloud.name()).containsOnlyKeys("a.csv");
      }
    }
  }

  @Test
  void deliversObjectsOnAzureThroughTheBlobTriggerWhenChosenAndAsEventGridEventsOtherwise()
      throws Exception {
    Map<String, String> metadata = Map.of("camera", "x100", "owner", "ada");
    Harness eventGrid = Harness.builder().functions(Photos.class).cloud(Cloud.AZURE).build();
    Harness blobTrigger =
        Harness.builder().functions(Photos.class).cloud(Cloud.AZURE).azureBlobTrigger().build();

    ObjectEvent viaEventGrid =
        eventGrid.putObject(
            "photos",
            "cats/tabby.png",
            "meow".getBytes(StandardCharsets.UTF_8),
            "image/png",
            metadata);
    ObjectEvent viaBlobTrigger =
        blobTrigger.putObject(
            "photos",
            "cats/tabby.png",
            "meow".getBytes(StandardCharsets.UTF_8),
            "image/png",
            metadata);

    assertThat(eventGrid.instance(Photos.class).events)
        .singleElement()
        .satisfies(
            got -> {
              assertThat(got.metadata()).isEmpty();
              assertThat(got.id()).isEqualTo(viaEventGrid.id());
            });
    assertThat(blobTrigger.instance(Photos.class).events)
        .singleElement()
        .satisfies(
            got -> {
              assertThat(got.metadata()).isEqualTo(metadata);
              assertThat(got.id())
                  .as("the blob trigger has no event id")
                  .isEqualTo("photos/cats/tabby.png@" + md5("meow"));
              assertThat(got.size()).hasValue(4);
              assertThat(got.contentType()).hasValue("image/png");
            });
    assertThat(blobTrigger.deliveriesOf(viaBlobTrigger.id()))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.function()).isEqualTo("HarnessPhotos");
              assertThat(d.succeeded()).isTrue();
            });
  }

  @Test
  void refusesTheBlobTriggerForAFunctionThatWantsDeletionsButOnlyOnAzure() {
    assertThatThrownBy(
            () ->
                Harness.builder()
                    .functions(Uploads.class)
                    .cloud(Cloud.AZURE)
                    .azureBlobTrigger()
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("HarnessUploads wants [DELETED] events")
        .hasMessageContaining("azureBlobTrigger()");

    Harness gcp =
        Harness.builder().functions(Uploads.class).cloud(Cloud.GCP).azureBlobTrigger().build();
    gcp.putObject("uploads", "a.txt", "a");
    gcp.deleteObject("uploads", "a.txt");
    assertThat(gcp.instance(Uploads.class).events)
        .extracting(ObjectEvent::kind)
        .containsExactly(ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED);
  }

  @Test
  void deliversOnlyTheChosenFunctionsObjectsThroughTheBlobTriggerOnAzure() throws Exception {
    Map<String, String> metadata = Map.of("camera", "x100");
    Harness harness =
        Harness.builder()
            .functions(Photos.class, Uploads.class)
            .cloud(Cloud.AZURE)
            .azureBlobTrigger(Photos.class)
            .build();

    harness.putObject(
        "photos", "cats/tabby.png", "meow".getBytes(StandardCharsets.UTF_8), "image/png", metadata);
    ObjectEvent upload =
        harness.putObject(
            "uploads",
            "cats/tabby.png",
            "purr".getBytes(StandardCharsets.UTF_8),
            "image/png",
            metadata);
    ObjectEvent deletion = harness.deleteObject("uploads", "cats/tabby.png");

    assertThat(harness.instance(Photos.class).events)
        .as("through the blob trigger")
        .singleElement()
        .satisfies(
            got -> {
              assertThat(got.metadata()).isEqualTo(metadata);
              assertThat(got.id()).isEqualTo("photos/cats/tabby.png@" + md5("meow"));
            });
    assertThat(harness.instance(Uploads.class).events)
        .as("as Event Grid events")
        .extracting(ObjectEvent::kind, ObjectEvent::id, ObjectEvent::metadata)
        .containsExactly(
            tuple(ObjectEvent.Kind.CREATED, upload.id(), Map.of()),
            tuple(ObjectEvent.Kind.DELETED, deletion.id(), Map.of()));
    assertThat(harness.deliveries()).allMatch(Delivery::succeeded);
  }

  @Test
  void refusesTheBlobTriggerForAChosenFunctionThatWantsDeletionsButNotForTheOthers() {
    assertThatThrownBy(
            () ->
                Harness.builder()
                    .functions(Photos.class, Uploads.class)
                    .cloud(Cloud.AZURE)
                    .azureBlobTrigger(Uploads.class)
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("HarnessUploads wants [DELETED] events")
        .hasMessageContaining("azureBlobTrigger(Class...)");

    Harness gcp =
        Harness.builder()
            .functions(Photos.class, Uploads.class)
            .cloud(Cloud.GCP)
            .azureBlobTrigger(Uploads.class)
            .build();
    gcp.putObject("uploads", "a.txt", "a");
    gcp.deleteObject("uploads", "a.txt");
    assertThat(gcp.instance(Uploads.class).events)
        .extracting(ObjectEvent::kind)
        .containsExactly(ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED);
  }

  @Test
  void refusesToChooseTheBlobTriggerForAClassThatIsNotOneOfItsStorageFunctionsOnEveryCloud() {
    for (Cloud cloud : List.of(Cloud.LOCAL, Cloud.AZURE)) {
      assertThatThrownBy(
              () ->
                  Harness.builder()
                      .functions(Uploads.class)
                      .cloud(cloud)
                      .azureBlobTrigger(Photos.class)
                      .build())
          .as(cloud.name())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("azureBlobTrigger(Photos.class)")
          .hasMessageContaining("its storage functions: " + Uploads.class.getName());
    }
  }

  @Test
  void runsAuthMomentsAndFailsClosed() {
    Harness harness = Harness.of(SignUp.class);

    assertThat(harness.signUp("ada@example.com").attributes()).containsEntry("tier", "free");
    assertThat(harness.signUp("x@mailinator.com").message())
        .hasValue("disposable addresses are not accepted");
    AuthDecision failed = harness.signUp("boom@example.com");
    assertThat(failed.isAllowed()).isFalse();
    assertThat(failed.message().orElseThrow()).doesNotContain("directory unavailable");
  }

  @Test
  void returnsAValidationErrorAsEachCloudAnswersIt() {
    AuthDecision local = Harness.of(SignUp.class).signUp("ada@example.invalid");
    assertThat(local)
        .isEqualTo(
            AuthDecision.invalid("Please check your e-mail address")
                .withFieldError("email", "Use an address you can receive mail at"));

    AuthDecision azure =
        Harness.builder()
            .functions(SignUp.class)
            .cloud(Cloud.AZURE)
            .build()
            .signUp("ada@example.invalid");
    assertThat(azure)
        .as("B2C's ValidationError has one message")
        .isEqualTo(AuthDecision.invalid("Please check your e-mail address"));

    for (Cloud cloud : List.of(Cloud.AWS, Cloud.GCP)) {
      AuthDecision refused =
          Harness.builder()
              .functions(SignUp.class)
              .cloud(cloud)
              .build()
              .signUp("ada@example.invalid");
      assertThat(refused)
          .as("%s has only refusals", cloud)
          .isEqualTo(AuthDecision.deny("Please check your e-mail address"));
    }
  }
}
