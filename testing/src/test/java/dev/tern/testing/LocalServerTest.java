package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.AuthUser;
import dev.tern.Cloud;
import dev.tern.ConfigurationException;
import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.Message;
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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
  void givesAnEnqueuedMessageTheOrderingKeyOfItsQueryWhichAnOrderedQueueNeeds() throws Exception {
    Harness harness =
        Harness.builder().functions(Keys.class).delivery(LocalServer.delivery("sqs_fifo")).build();
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> keyless = send(server, "POST", "/_tern/queues/orders");
      HttpResponse<String> keyed =
          send(server, "POST", "/_tern/queues/orders?orderingKey=customer%201");

      assertThat(keyless.statusCode()).isEqualTo(400);
      assertThat(keyless.body()).contains("has no ordering key");
      assertThat(keyed.statusCode()).isEqualTo(200);
      assertThat(harness.instance(Keys.class).keys).containsExactly("customer 1");
    } finally {
      server.stop();
    }
  }

  @OnQueue("orders")
  public static final class Keys implements QueueFunction {
    final List<String> keys = new CopyOnWriteArrayList<>();

    @Override
    public void handle(Message message, Context context) {
      keys.add(message.orderingKey().orElse("none"));
    }
  }

  @Test
  void takesItsPortFromTernPortThenPortAndRefusesWhatIsNoPort() {
    assertThat(LocalServer.port(null, null)).isEqualTo(8080);
    assertThat(LocalServer.port(" ", "")).isEqualTo(8080);
    assertThat(LocalServer.port(null, "9090")).isEqualTo(9090);
    assertThat(LocalServer.port("0", "9090")).isZero();
    assertThatThrownBy(() -> LocalServer.port("http", "9090"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("tern.port \"http\" is not a port; use a number from 0 to 65535");
    assertThatThrownBy(() -> LocalServer.port(null, "70000"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("PORT \"70000\" is not a port; use a number from 0 to 65535");
  }

  @Test
  void takesItsDeliveryPolicyFromAPresetNameAndRefusesAnUnknownOne() {
    assertThat(LocalServer.delivery(null)).isEqualTo(DeliveryPolicy.sqs());
    assertThat(LocalServer.delivery("PUBSUB_ORDERED")).isEqualTo(DeliveryPolicy.pubsubOrdered());
    assertThatThrownBy(() -> LocalServer.delivery("kafka"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("tern.delivery \"kafka\" is not a preset; use one of [SQS, ");
  }

  @Test
  void takesABlankPresetOrCloudAsUnsetAlike() {
    Map<String, String> blank =
        Map.of("tern.delivery", " ", "tern.cloud", "", "tern.storage", "\t");

    Harness harness = LocalServer.configure(blank::get, Map.of()).functions(Keys.class).build();

    assertThat(harness.policy()).isEqualTo(DeliveryPolicy.sqs());
    assertThat(harness.cloud()).isEqualTo(dev.tern.Cloud.LOCAL);
    assertThat(LocalServer.delivery("")).isEqualTo(DeliveryPolicy.sqs());
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
  void refusesAnUnknownAuthMomentNamingItAndTheMomentsAsThePathTakesThem() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Harness harness = Harness.of(HarnessTest.SignUp.class);
    LocalServer server =
        LocalServer.start(harness, 0, new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> signup = post(server, "/_tern/auth/signup", "{\"email\":\"a@b.c\"}");
      HttpResponse<String> none = post(server, "/_tern/auth/", "");
      HttpResponse<String> dashed =
          post(server, "/_tern/auth/Before-Sign-Up", "{\"email\":\"ada@example.com\"}");

      assertThat(signup.statusCode()).isEqualTo(400);
      assertThat(signup.body())
          .isEqualTo(
              "unknown auth moment \"signup\"; POST /_tern/auth/{moment} takes one of "
                  + "before_sign_up, after_sign_up, before_sign_in, after_sign_in, "
                  + "token_issuance, user_deleted\n");
      assertThat(none.statusCode()).isEqualTo(400);
      assertThat(none.body()).startsWith("no auth moment; POST /_tern/auth/{moment} takes one of");
      assertThat(dashed.statusCode()).isEqualTo(200);
      assertThat(dashed.body()).startsWith("{\"allowed\":true");
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("  POST /_tern/auth/signup answered 400: unknown auth moment \"signup\";");
      assertThat(harness.deliveries()).hasSize(1);
    } finally {
      server.stop();
    }
  }

  @Test
  void shapesTheUserOfAnAuthMomentFromEveryFieldOfTheBody() throws Exception {
    Harness harness = Harness.of(Token.class);
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> full =
          post(
              server,
              "/_tern/auth/token_issuance",
              "{\"id\":\"u-1\",\"username\":\"ada\",\"email\":\"ada@example.com\","
                  + "\"phone\":\"+441234567890\",\"emailVerified\":true,"
                  + "\"attributes\":{\"tier\":\"gold\",\"team\":\"maths\"},"
                  + "\"clientId\":\"web\",\"ipAddress\":\"203.0.113.7\","
                  + "\"userAgent\":\"curl/8\",\"metadata\":{\"invite\":\"XYZ\"}}");
      HttpResponse<String> emailOnly =
          post(server, "/_tern/auth/token_issuance", "{\"email\":\"bob@example.com\"}");
      HttpResponse<String> nulls =
          post(
              server,
              "/_tern/auth/token_issuance",
              "{\"email\":\"bob@example.com\",\"phone\":null,\"attributes\":null}");
      HttpResponse<String> empty = post(server, "/_tern/auth/token_issuance", "");

      assertThat(full.statusCode()).isEqualTo(200);
      assertThat(full.body())
          .isEqualTo(
              "{\"allowed\":true,\"attributes\":{},\"claims\":{\"id\":\"u-1\",\"username\":\"ada\","
                  + "\"email\":\"ada@example.com\",\"phone\":\"+441234567890\","
                  + "\"emailVerified\":\"true\",\"attributes\":\"{team=maths, tier=gold}\","
                  + "\"event\":\"a-1 web 203.0.113.7 curl/8 {invite=XYZ}\"}}");
      assertThat(emailOnly.body())
          .isEqualTo(
              "{\"allowed\":true,\"attributes\":{},\"claims\":{\"id\":\"-\","
                  + "\"username\":\"bob@example.com\",\"email\":\"bob@example.com\","
                  + "\"phone\":\"-\",\"emailVerified\":\"-\",\"attributes\":\"{}\","
                  + "\"event\":\"a-2 - - - {}\"}}");
      assertThat(nulls.body()).isEqualTo(emailOnly.body().replace("a-2", "a-3"));
      assertThat(empty.statusCode()).isEqualTo(200);
      assertThat(empty.body()).contains("\"username\":\"-\",\"email\":\"-\"");
    } finally {
      server.stop();
    }
  }

  @Test
  void refusesAnAuthBodyWithAnUnknownFieldOrAFieldOfTheWrongTypeNamingItAndTheFields()
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Harness harness = Harness.of(Token.class);
    LocalServer server =
        LocalServer.start(harness, 0, new PrintStream(printed, true, StandardCharsets.UTF_8));
    String fields =
        "; the body of POST /_tern/auth/{moment} is a JSON object with any of the fields id,"
            + " username, email, phone, emailVerified, attributes, clientId, ipAddress, userAgent,"
            + " metadata (emailVerified true or false, attributes and metadata objects of strings,"
            + " the others strings)\n";
    try {
      String token = "/_tern/auth/token_issuance";
      HttpResponse<String> unknown = post(server, token, "{\"email\":\"a@b.c\",\"tier\":\"gold\"}");
      HttpResponse<String> number = post(server, token, "{\"phone\":441234567890}");
      HttpResponse<String> verified = post(server, token, "{\"emailVerified\":\"yes\"}");
      HttpResponse<String> list = post(server, token, "{\"attributes\":[\"gold\"]}");
      HttpResponse<String> attribute = post(server, token, "{\"attributes\":{\"level\":3}}");
      HttpResponse<String> metadata = post(server, token, "{\"metadata\":{\"invite\":[]}}");
      HttpResponse<String> client = post(server, token, "{\"clientId\":7}");
      HttpResponse<String> array = post(server, token, "[\"a@b.c\"]");
      HttpResponse<String> notJson = post(server, token, "email=a@b.c");

      assertThat(
              List.of(unknown, number, verified, list, attribute, metadata, client, array, notJson))
          .allSatisfy(
              response -> {
                assertThat(response.statusCode()).isEqualTo(400);
                assertThat(response.body()).endsWith(fields);
              });
      assertThat(unknown.body()).startsWith("unknown field \"tier\";");
      assertThat(number.body()).startsWith("field \"phone\" must be a string, not a number;");
      assertThat(verified.body())
          .startsWith("field \"emailVerified\" must be true or false, not a string;");
      assertThat(list.body())
          .startsWith("field \"attributes\" must be an object of strings, not an array;");
      assertThat(attribute.body())
          .startsWith("attribute \"level\" must be a string, not a number;");
      assertThat(metadata.body())
          .startsWith("metadata entry \"invite\" must be a string, not an array;");
      assertThat(client.body()).startsWith("field \"clientId\" must be a string, not a number;");
      assertThat(array.body()).startsWith("the body is an array, not a JSON object;");
      assertThat(notJson.body()).startsWith("the body is not JSON (");
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("  POST /_tern/auth/token_issuance answered 400: unknown field \"tier\";");
      assertThat(harness.deliveries()).isEmpty();
    } finally {
      server.stop();
    }
  }

  @Test
  void answersAFailureThatEscapesAnAdminCallWith500AndPrintsItInsteadOfClosingTheConnection()
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Harness harness = Harness.of(Token.class);
    LocalServer server =
        LocalServer.start(harness, 0, new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> broken =
          post(server, "/_tern/auth/after_sign_in", "{\"email\":\"ada@example.com\"}");
      HttpResponse<String> failed =
          post(server, "/_tern/auth/after_sign_up", "{\"email\":\"ada@example.com\"}");
      HttpResponse<String> unserved =
          post(server, "/_tern/auth/before_sign_in", "{\"email\":\"ada@example.com\"}");
      HttpResponse<String> after =
          post(server, "/_tern/auth/token_issuance", "{\"email\":\"ada@example.com\"}");

      assertThat(broken.statusCode()).isEqualTo(500);
      assertThat(broken.body())
          .isEqualTo("java.lang.NoClassDefFoundError: com/example/Directory\n");
      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(failed.body())
          .isEqualTo(
              "function LocalToken failed on AFTER_SIGN_UP event: java.lang.IllegalStateException\n");
      assertThat(unserved.statusCode()).isEqualTo(400);
      assertThat(unserved.body()).contains("BEFORE_SIGN_IN");
      assertThat(after.statusCode()).isEqualTo(200);
      String log = printed.toString(StandardCharsets.UTF_8);
      assertThat(log)
          .contains(
              "  POST /_tern/auth/after_sign_in answered 500:"
                  + " java.lang.NoClassDefFoundError: com/example/Directory",
              "\tat dev.tern.testing.LocalServerTest$Token.handle",
              "  POST /_tern/auth/after_sign_up answered 500: ",
              "  POST /_tern/auth/before_sign_in answered 400: ");
      assertThat(log.indexOf("auth LocalToken AFTER_SIGN_UP"))
          .isBetween(0, log.indexOf("  POST /_tern/auth/after_sign_up answered 500"));
    } finally {
      server.stop();
    }
  }

  /**
   * Issues a token whose claims show the user it was given; fails after a sign-up, and cannot run
   * after a sign-in.
   */
  @OnAuth(
      value = {AuthMoment.TOKEN_ISSUANCE, AuthMoment.AFTER_SIGN_UP, AuthMoment.AFTER_SIGN_IN},
      name = "LocalToken")
  public static final class Token implements AuthFunction {
    @Override
    public AuthDecision handle(AuthEvent event, Context context) {
      AuthUser user = event.user();
      if (event.moment() == AuthMoment.AFTER_SIGN_UP) {
        throw new IllegalStateException("welcome mail not sent");
      }
      if (event.moment() == AuthMoment.AFTER_SIGN_IN) {
        throw new NoClassDefFoundError("com/example/Directory");
      }
      return AuthDecision.allow()
          .withClaim("id", user.id().orElse("-"))
          .withClaim("username", user.username().orElse("-"))
          .withClaim("email", user.email().orElse("-"))
          .withClaim("phone", user.phone().orElse("-"))
          .withClaim("emailVerified", user.emailVerified().map(Object::toString).orElse("-"))
          .withClaim("attributes", new TreeMap<>(user.attributes()).toString())
          .withClaim(
              "event",
              event.id().orElse("-")
                  + " "
                  + event.clientId().orElse("-")
                  + " "
                  + event.ipAddress().orElse("-")
                  + " "
                  + event.userAgent().orElse("-")
                  + " "
                  + new TreeMap<>(event.metadata()));
    }
  }

  private static HttpResponse<String> post(LocalServer server, String target, String body)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + target))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
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

  /** Answers with the time it is called at and the {@code name} query values it was sent. */
  @OnHttp(route = "/now", methods = "GET", name = "LocalNow")
  public static final class Now implements HttpFunction {
    @Override
    public dev.tern.HttpResponse handle(dev.tern.HttpRequest request, Context context) {
      return dev.tern.HttpResponse.json(
          Map.of("now", context.clock().instant().toString(), "name", request.query().all("name")));
    }
  }

  @OnHttp(route = "/where")
  public static final class Where implements HttpFunction {
    @Override
    public dev.tern.HttpResponse handle(dev.tern.HttpRequest request, Context context) {
      return dev.tern.HttpResponse.json(
          Map.of(
              "cloud", context.cloud().toString(),
              "raw", request.raw().map(raw -> raw.getClass().getSimpleName()).orElse("none")));
    }
  }

  @Test
  void servesThroughTheCloudAndKeepsTheVersionsItsPropertiesName() throws Exception {
    Harness harness =
        LocalServer.configure(Map.of("tern.cloud", " Azure ")::get, Map.of())
            .functions(Where.class)
            .build();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    LocalServer server =
        LocalServer.start(harness, 0, new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      server.printBanner();
      HttpResponse<String> response = send(server, "GET", "/where");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .contains("\"cloud\":\"AZURE\"")
          .as("the function got the Azure worker's request")
          .contains("\"raw\":\"WorkerRequest\"");
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains("every event through AZURE's adapter in native form");
    } finally {
      server.stop();
    }
  }

  @Test
  void keepsVersionsInTheBucketsItsPropertyNames() {
    Map<String, String> properties =
        Map.of("tern.cloud", "gcp", "tern.versionedBuckets", "receipts, uploads");
    Harness harness =
        LocalServer.configure(properties::get, Map.of())
            .functions(HarnessTest.Uploads.class)
            .build();

    harness.putObject("uploads", "a.txt", "1");
    harness.putObject("uploads", "a.txt", "2");
    harness.deleteObject("uploads", "a.txt");

    assertThat(harness.instance(HarnessTest.Uploads.class).events)
        .extracting(ObjectEvent::kind)
        .as("Cloud Storage archives the versions of a versioned bucket rather than deleting them")
        .containsExactly(ObjectEvent.Kind.CREATED, ObjectEvent.Kind.CREATED);
  }

  @Test
  void keepsAPlusInAnObjectKeyAndDecodesPercentEscapes() throws Exception {
    Harness harness = Harness.of(HarnessTest.Uploads.class);
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> put =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + server.port()
                                  + "/_tern/buckets/uploads/q1+2026%20final%2Bv2.csv"))
                      .PUT(HttpRequest.BodyPublishers.ofString("a,b"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> delete =
          send(server, "DELETE", "/_tern/buckets/uploads/q1+2026%20final%2Bv2.csv");

      assertThat(put.body()).contains("\"key\":\"q1+2026 final+v2.csv\"");
      assertThat(delete.statusCode()).isEqualTo(200);
      assertThat(harness.instance(HarnessTest.Uploads.class).events)
          .extracting(ObjectEvent::kind, ObjectEvent::key)
          .containsExactly(
              tuple(ObjectEvent.Kind.CREATED, "q1+2026 final+v2.csv"),
              tuple(ObjectEvent.Kind.DELETED, "q1+2026 final+v2.csv"));
    } finally {
      server.stop();
    }
  }

  @Test
  void answersTheDeletionOfAnObjectThatIsNotStored404ThroughCloudStorage() throws Exception {
    Harness harness =
        LocalServer.configure(Map.of("tern.cloud", "gcp")::get, Map.of())
            .functions(HarnessTest.Uploads.class)
            .build();
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = send(server, "DELETE", "/_tern/buckets/uploads/ghost.png");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.body())
          .isEqualTo(
              "gcp: uploads holds no object ghost.png; Cloud Storage answers its deletion 404 Not"
                  + " Found\n");
      assertThat(harness.instance(HarnessTest.Uploads.class).events).isEmpty();
    } finally {
      server.stop();
    }
  }

  @Test
  void servesLocallyWithoutACloudAndRefusesAnUnknownOne() {
    assertThat(LocalServer.configure(name -> null, Map.of()).functions(Where.class).build().cloud())
        .isEqualTo(dev.tern.Cloud.LOCAL);
    assertThatThrownBy(() -> LocalServer.configure(Map.of("tern.cloud", "ibm")::get, Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("tern.cloud \"ibm\" is not a cloud; use aws, azure or gcp");
  }

  private static HttpResponse<String> send(LocalServer server, String method, String target)
      throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + target))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void followsRealTimeAndMovesAheadOfItWhenTheClockIsAdvanced() throws Exception {
    Instant start = Instant.parse("2026-05-04T10:00:00Z");
    VirtualClock wall = VirtualClock.startingAt(start);
    Harness harness = Harness.builder().functions(Now.class).startingAt(start).build();
    LocalServer server =
        LocalServer.start(
            harness,
            0,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            wall);
    try {
      String first = send(server, "GET", "/now").body();
      wall.moveTo(wall.instant().plus(Duration.ofSeconds(5)));
      String second = send(server, "GET", "/now").body();
      send(server, "POST", "/_tern/clock?advance=PT1H");
      wall.moveTo(wall.instant().plus(Duration.ofSeconds(2)));
      String third = send(server, "GET", "/now").body();

      assertThat(first).contains("\"now\":\"2026-05-04T10:00:00Z\"");
      assertThat(second).contains("\"now\":\"2026-05-04T10:00:05Z\"");
      assertThat(third).contains("\"now\":\"2026-05-04T11:00:07Z\"");
    } finally {
      server.stop();
    }
  }

  /** A quiet server over {@link Now} whose clock stands at {@code start} until it is advanced. */
  private static LocalServer nowServer(Instant start) throws IOException {
    return LocalServer.start(
        Harness.builder().functions(Now.class).startingAt(start).build(),
        0,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        VirtualClock.startingAt(start));
  }

  @Test
  void movesTheClockByItsAdvanceWhereverItIsInTheQuery() throws Exception {
    LocalServer server = nowServer(Instant.parse("2026-05-04T10:00:00Z"));
    try {
      HttpResponse<String> moved = send(server, "POST", "/_tern/clock?verbose&advance=PT2H");
      HttpResponse<String> misspelt = send(server, "POST", "/_tern/clocks?advance=PT2H");

      assertThat(moved.statusCode()).isEqualTo(200);
      assertThat(moved.body()).contains("\"now\":\"2026-05-04T12:00:00Z\"");
      assertThat(misspelt.statusCode()).isEqualTo(404);
      assertThat(send(server, "GET", "/now").body()).contains("\"now\":\"2026-05-04T12:00:00Z\"");
    } finally {
      server.stop();
    }
  }

  @Test
  void refusesToMoveTheClockBackWith400() throws Exception {
    LocalServer server = nowServer(Instant.parse("2026-05-04T10:00:00Z"));
    try {
      HttpResponse<String> back = send(server, "POST", "/_tern/clock?advance=-PT1H");

      assertThat(back.statusCode()).isEqualTo(400);
      assertThat(back.body())
          .isEqualTo("advance must not be negative: the clock never goes back\n");
      assertThat(send(server, "GET", "/now").body()).contains("\"now\":\"2026-05-04T10:00:00Z\"");
    } finally {
      server.stop();
    }
  }

  @Test
  void retriesAFailedMessageWhenItsDelayHasPassedInRealTime() throws Exception {
    Instant start = Instant.parse("2026-05-04T10:00:00Z");
    VirtualClock wall = VirtualClock.startingAt(start);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Harness harness =
        Harness.builder()
            .functions(HarnessTest.Flaky.class)
            .startingAt(start)
            .delivery(DeliveryPolicy.sqs())
            .build();
    LocalServer server =
        LocalServer.start(harness, 0, new PrintStream(printed, true, StandardCharsets.UTF_8), wall);
    try {
      send(server, "POST", "/_tern/queues/flaky");
      wall.moveTo(wall.instant().plus(Duration.ofSeconds(30)));
      // The server catches up on its next request, if its clock thread has not yet.
      send(server, "GET", "/_tern/nothing");

      synchronized (harness) {
        assertThat(harness.deliveriesOf("m-1"))
            .extracting(Delivery::attempt, Delivery::at, Delivery::succeeded)
            .containsExactly(tuple(1, start, false), tuple(2, start.plusSeconds(30), true));
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void answersAnEnqueueWithTheFirstAttemptsFailureAndWhenItIsRetried() throws Exception {
    Harness harness = Harness.builder().functions(HarnessTest.Flaky.class).build();
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = send(server, "POST", "/_tern/queues/flaky");

      assertThat(response.body())
          .isEqualTo(
              "{\"id\":\"m-1\",\"queue\":\"flaky\",\"attempt\":1,\"outcome\":\"failed\","
                  + "\"error\":\"function HarnessFlaky failed on message m-1:"
                  + " java.lang.IllegalStateException: first attempt fails\","
                  + "\"retryAt\":\"2026-01-01T00:00:30Z\",\"deadLettered\":false}");
    } finally {
      server.stop();
    }
  }

  @Test
  void answersAnEnqueueThatWasProcessed() throws Exception {
    Harness harness =
        Harness.builder()
            .functions(HarnessTest.Consumer.class)
            .setting("HARNESS_QUEUE", "orders")
            .build();
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(send(server, "POST", "/_tern/queues/orders").body())
          .isEqualTo(
              "{\"id\":\"m-1\",\"queue\":\"orders\",\"attempt\":1,"
                  + "\"outcome\":\"processed\",\"deadLettered\":false}");
    } finally {
      server.stop();
    }
  }

  /** Logs each object it is sent, and fails for a key under {@code bad/}. */
  @OnStorage(
      bucket = "uploads",
      kinds = {ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED},
      name = "LocalPicky")
  public static final class Picky implements StorageFunction {
    @Override
    public void handle(ObjectEvent event, Context context) {
      context.log().info("reading", Map.of("key", event.key()));
      if (event.key().startsWith("bad/")) {
        throw new IllegalStateException("cannot read " + event.key());
      }
    }
  }

  @Test
  void answersAnObjectChangeWithTheFirstAttemptsFailureAndWhenItIsRetried() throws Exception {
    Harness harness = Harness.of(Picky.class);
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> put = send(server, "PUT", "/_tern/buckets/uploads/bad/x.txt");
      HttpResponse<String> delete = send(server, "DELETE", "/_tern/buckets/uploads/good/y.txt");

      assertThat(put.statusCode()).isEqualTo(200);
      assertThat(put.body())
          .isEqualTo(
              "{\"event\":\"e-1\",\"kind\":\"CREATED\",\"bucket\":\"uploads\","
                  + "\"key\":\"bad/x.txt\",\"metadata\":{},\"attempt\":1,\"outcome\":\"failed\","
                  + "\"error\":\"function LocalPicky failed on event e-1:"
                  + " java.lang.IllegalStateException: cannot read bad/x.txt\","
                  + "\"retryAt\":\"2026-01-01T00:00:30Z\",\"deadLettered\":false}");
      assertThat(delete.body())
          .isEqualTo(
              "{\"event\":\"e-2\",\"kind\":\"DELETED\",\"bucket\":\"uploads\","
                  + "\"key\":\"good/y.txt\",\"metadata\":{},\"attempt\":1,"
                  + "\"outcome\":\"processed\",\"deadLettered\":false}");
    } finally {
      server.stop();
    }
  }

  @Test
  void answersAnObjectChangeWhoseOnlyAttemptFailedAsDeadLettered() throws Exception {
    Harness harness =
        Harness.builder()
            .functions(Picky.class)
            .delivery(DeliveryPolicy.sqs().withMaxAttempts(1))
            .build();
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(send(server, "DELETE", "/_tern/buckets/uploads/bad/x.txt").body())
          .endsWith(
              "\"attempt\":1,\"outcome\":\"dead-lettered\","
                  + "\"error\":\"function LocalPicky failed on event e-1:"
                  + " java.lang.IllegalStateException: cannot read bad/x.txt\","
                  + "\"reason\":\"the delivery policy makes no retries;"
                  + " it goes to the dead-letter queue\",\"deadLettered\":true}");
      assertThat(harness.deadEvents("uploads")).extracting(ObjectEvent::id).containsExactly("e-1");
    } finally {
      server.stop();
    }
  }

  @Test
  void answersAnObjectChangeNoFunctionWantsAsNotDelivered() throws Exception {
    Harness harness = Harness.of(HarnessTest.Photos.class);
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> delete = send(server, "DELETE", "/_tern/buckets/photos/cat.png");

      assertThat(delete.statusCode()).isEqualTo(200);
      assertThat(delete.body())
          .isEqualTo(
              "{\"event\":\"e-1\",\"kind\":\"DELETED\",\"bucket\":\"photos\","
                  + "\"key\":\"cat.png\",\"metadata\":{},\"outcome\":\"not-delivered\","
                  + "\"reason\":\"no function wants DELETED events from bucket photos\","
                  + "\"deadLettered\":false}");
      assertThat(harness.deliveries()).isEmpty();
    } finally {
      server.stop();
    }
  }

  @Test
  void logsEachAttemptOfAnObjectChangeAndTheDeadLetterOnce() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Harness harness =
        Harness.builder()
            .functions(Picky.class)
            .delivery(DeliveryPolicy.sqs().withMaxAttempts(3))
            .build();
    LocalServer server =
        LocalServer.start(harness, 0, new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> put = send(server, "PUT", "/_tern/buckets/uploads/bad/x.txt");
      send(server, "POST", "/_tern/clock?advance=PT1M");

      assertThat(put.body()).contains("\"outcome\":\"failed\"", "\"deadLettered\":false");
      String log = printed.toString(StandardCharsets.UTF_8);
      assertThat(log)
          .contains(
              "storage LocalPicky e-1 attempt 1 FAILED", "attempt 2 FAILED", "attempt 3 FAILED");
      assertThat(log.split("dead-lettered e-1 after 3 attempts", -1)).hasSize(2);
      assertThat(log).doesNotContain("after 1 attempts", "after 2 attempts");
      assertThat(harness.deadEvents("uploads")).extracting(ObjectEvent::id).containsExactly("e-1");
    } finally {
      server.stop();
    }
  }

  @Test
  void answersAnObjectChangeCloudFunctionsWouldDropAsDiscardedWithTheReason() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Harness harness =
        Harness.builder()
            .functions(Picky.class)
            .cloud(Cloud.GCP)
            .storageDelivery(StoragePolicy.eventarc()) // deployed without --retry
            .build();
    LocalServer server =
        LocalServer.start(harness, 0, new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> put = send(server, "PUT", "/_tern/buckets/uploads/bad/x.txt");

      assertThat(put.body())
          .endsWith(
              "\"attempt\":1,\"outcome\":\"discarded\","
                  + "\"error\":\"function LocalPicky failed on event e-1:"
                  + " java.lang.IllegalStateException: cannot read bad/x.txt\","
                  + "\"reason\":\"Cloud Functions without --retry makes no retries;"
                  + " the platform discards the event\",\"deadLettered\":true}");
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains(
              "  discarded e-1 after 1 attempt: Cloud Functions without --retry makes no retries;"
                  + " the platform discards the event");
    } finally {
      server.stop();
    }
  }

  @Test
  void answersAFailedObjectChangeWithTheRetryTimeOfItsCloud() throws Exception {
    Harness harness = Harness.builder().functions(Picky.class).cloud(Cloud.AWS).build();
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(send(server, "PUT", "/_tern/buckets/uploads/bad/x.txt").body())
          .contains("\"outcome\":\"failed\"", "\"retryAt\":\"2026-01-01T00:01:00Z\"");
    } finally {
      server.stop();
    }
  }

  @Test
  void readsTheStoragePresetFromTernStorage() {
    Harness harness =
        LocalServer.configure(
                name -> name.equals("tern.storage") ? "eventarc_with_retry" : null, Map.of())
            .functions(Picky.class)
            .build();

    assertThat(harness.storagePolicy(Picky.class)).isEqualTo(StoragePolicy.eventarcWithRetry());
    assertThatThrownBy(() -> LocalServer.storage("sqs"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("tern.storage \"sqs\" is not a preset; use one of [CLOUD,");
  }

  /** Logs each tick. */
  @OnSchedule(cron = "0 * * * *", name = "LocalHourly")
  public static final class Hourly implements ScheduleFunction {
    @Override
    public void handle(Tick tick, Context context) {
      context.log().info("tick");
    }
  }

  @Test
  void printsEachDeliveryAfterTheLinesItsFunctionLoggedAndBeforeTheNextDeliverysOnes()
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    LocalServer server =
        LocalServer.start(
            Harness.builder()
                .functions(Picky.class, Hourly.class)
                .delivery(DeliveryPolicy.sqs().withMaxAttempts(3)),
            0,
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            null);
    try {
      send(server, "PUT", "/_tern/buckets/uploads/bad/x.txt");
      send(server, "POST", "/_tern/clock?advance=PT1H");

      List<String> lines =
          printed
              .toString(StandardCharsets.UTF_8)
              .lines()
              .map(LocalServerTest::whatItSays)
              .filter(Objects::nonNull)
              .toList();
      assertThat(lines)
          .containsExactly(
              "log reading",
              "log function failed",
              "attempt 1",
              "log reading",
              "log function failed",
              "attempt 2",
              "log reading",
              "log function failed",
              "attempt 3",
              "dead-lettered",
              "log tick",
              "tick");
    } finally {
      server.stop();
    }
  }

  /** What a printed line of the ordering test says, or null for one it does not look at. */
  private static String whatItSays(String line) {
    if (line.startsWith("  log ")) {
      for (String message : List.of("reading", "function failed", "tick")) {
        if (line.contains("\"message\":\"" + message + "\"")) {
          return "log " + message;
        }
      }
      return null;
    }
    if (line.contains(" storage LocalPicky e-1 attempt ")) {
      return line.substring(line.indexOf("attempt "), line.indexOf("attempt ") + 9);
    }
    if (line.contains(" schedule LocalHourly ")) {
      return "tick";
    }
    return line.startsWith("  dead-lettered e-1 ") ? "dead-lettered" : null;
  }

  /** A handler keeping the messages of warnings and worse that the JDK's HTTP server logs. */
  private static Handler warningsInto(List<String> warnings) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          warnings.add(record.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  @Test
  void answersHeadAsTheAdaptersRouteItWithoutABodyOrAWarning() throws Exception {
    Logger jdk = Logger.getLogger("com.sun.net.httpserver");
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler handler = warningsInto(warnings);
    jdk.addHandler(handler);
    Harness harness = Harness.of(Now.class);
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> head = send(server, "HEAD", "/now");

      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(harness.http(dev.tern.HttpRequest.builder("HEAD", "/now").build()).status())
          .as("the harness, as the adapters, answers HEAD with the GET function")
          .isEqualTo(200);
      assertThat(warnings).isEmpty();
    } finally {
      server.stop();
      jdk.removeHandler(handler);
    }
  }

  /** Answers with the status of its {@code status} query and a JSON body all the same. */
  @OnHttp(route = "/status", methods = "GET", name = "LocalStatus")
  public static final class Status implements HttpFunction {
    @Override
    public dev.tern.HttpResponse handle(dev.tern.HttpRequest request, Context context) {
      return dev.tern.HttpResponse.json(Map.of("ok", true))
          .withStatus(Integer.parseInt(request.query().first("status").orElse("200")));
    }
  }

  @Test
  void answers204And304WithoutTheBodyTheFunctionWroteOrAWarning() throws Exception {
    Logger jdk = Logger.getLogger("com.sun.net.httpserver");
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler handler = warningsInto(warnings);
    jdk.addHandler(handler);
    Harness harness = Harness.of(Status.class);
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      HttpClient client = HttpClient.newHttpClient();
      for (String status : List.of("204", "304", "200")) {
        HttpResponse<String> answer =
            client.send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + server.port() + "/status?status=" + status))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(Integer.parseInt(status));
        assertThat(answer.body()).isEqualTo(status.equals("200") ? "{\"ok\":true}" : "");
      }
      assertThat(warnings).isEmpty();
    } finally {
      server.stop();
      jdk.removeHandler(handler);
    }
  }

  @Test
  void passesAQueryKeyWithoutAnEqualsSignAsAnEmptyValueAsTheApiParsesIt() throws Exception {
    Harness harness = Harness.of(Now.class);
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(send(server, "GET", "/now?name").body()).contains("\"name\":[\"\"]");
      assertThat(send(server, "GET", "/now?name=").body()).contains("\"name\":[\"\"]");
      assertThat(send(server, "GET", "/now").body()).contains("\"name\":[]");
    } finally {
      server.stop();
    }
  }

  @Test
  void namesTheFunctionOnceInEachLogLine() {
    Harness harness =
        Harness.builder()
            .functions(HarnessTest.Consumer.class)
            .setting("HARNESS_QUEUE", "orders")
            .delivery(DeliveryPolicy.sqs().withMaxAttempts(1))
            .build();

    harness.enqueue("orders", "poison pill");

    assertThat(harness.logs())
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line).contains("\"message\":\"function failed\"");
              assertThat(line.split("\"function\":\"HarnessConsumer\"", -1)).hasSize(2);
              assertThat(line).doesNotContain("field.function");
            });
  }
}
