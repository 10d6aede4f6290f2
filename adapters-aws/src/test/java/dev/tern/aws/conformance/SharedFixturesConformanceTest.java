package dev.tern.aws.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.HttpRequest;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.Tick;
import dev.tern.UnsupportedEventException;
import dev.tern.aws.AwsHandler;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample in {@code ../shared/fixtures/aws/} either maps to a neutral event or is rejected
 * with the typed error, as this table says, and why.
 */
class SharedFixturesConformanceTest {
  /**
   * What a fixture must do: map to {@code event} when pinned to {@code pin}, or throw {@code
   * rejected}.
   */
  record Row(
      String file, String pin, Class<?> event, Class<? extends Throwable> rejected, String why) {}

  /** HTTP needs no pin: two catch-all routes, {@code /} and {@code /{path+}}, take every path. */
  private static final String HTTP = null;

  private static final String QUEUE = "AnyQueue";
  private static final String STORAGE = "AnyStorage";
  private static final String SCHEDULE = "AnySchedule";
  private static final String AUTH = "AnyAuth";

  private static Row maps(String file, String pin, Class<?> event, String why) {
    return new Row(file, pin, event, null, why);
  }

  private static Row rejects(
      String file, String pin, Class<? extends Throwable> error, String why) {
    return new Row(file, pin, null, error, why);
  }

  static final List<Row> TABLE =
      List.of(
          maps("apigw-v1-get.json", HTTP, HttpRequest.class, "REST payload 1.0, multi-value maps"),
          maps(
              "apigw-v1-post.json",
              HTTP,
              HttpRequest.class,
              "REST payload 1.0 with a Lambda authorizer"),
          maps(
              "apigw-v1-rest-java-libs.json",
              HTTP,
              HttpRequest.class,
              "payload 1.0 with version 1.0"),
          maps("apigw-v1-post-base64.json", HTTP, HttpRequest.class, "base64 body"),
          maps("apigw-v2-post.json", HTTP, HttpRequest.class, "HTTP API 2.0, cookies, JWT"),
          maps(
              "apigw-v2-get-no-authorizer.json",
              HTTP,
              HttpRequest.class,
              "HTTP API 2.0 without authorizer"),
          maps(
              "apigw-v2-jwt-authorizer.json",
              HTTP,
              HttpRequest.class,
              "JWT claims become the caller"),
          maps(
              "apigw-v2-iam-authorizer.json",
              HTTP,
              HttpRequest.class,
              "IAM identity becomes the caller"),
          maps(
              "apigw-v2-lambda-authorizer.json",
              HTTP,
              HttpRequest.class,
              "Lambda authorizer context"),
          maps(
              "apigw-v2-post-base64.json",
              HTTP,
              HttpRequest.class,
              "base64 body, mTLS block ignored"),
          maps("function-url-get.json", HTTP, HttpRequest.class, "function URL, 2.0 shape"),
          maps("function-url-iam-post.json", HTTP, HttpRequest.class, "function URL with IAM auth"),
          maps(
              "function-url-go.json",
              HTTP,
              HttpRequest.class,
              "function URL without routeKey/stage"),
          maps("alb-get.json", HTTP, HttpRequest.class, "ALB single-value mode"),
          maps("alb-multivalue-headers.json", HTTP, HttpRequest.class, "ALB multi-value mode"),
          maps("alb-multivalue-query.json", HTTP, HttpRequest.class, "ALB repeated query key"),
          maps("alb-get-java-libs.json", HTTP, HttpRequest.class, "ALB with text body"),
          maps("alb-post-base64.json", HTTP, HttpRequest.class, "ALB base64 body"),
          maps("s3-put.json", STORAGE, ObjectEvent.class, "S3 direct, %20 in the key"),
          maps("s3-put-sam.json", STORAGE, ObjectEvent.class, "S3 direct"),
          maps("s3-delete-sam.json", STORAGE, ObjectEvent.class, "S3 deletion"),
          maps("s3-in-sqs.json", STORAGE, ObjectEvent.class, "S3 notification in an SQS body"),
          maps("s3-in-sns.json", STORAGE, ObjectEvent.class, "S3 notification in an SNS message"),
          maps(
              "s3-eventbridge-object-created.json",
              STORAGE,
              ObjectEvent.class,
              "S3 via EventBridge"),
          maps(
              "s3-eventbridge-object-deleted.json",
              STORAGE,
              ObjectEvent.class,
              "S3 via EventBridge"),
          maps("sqs-batch.json", QUEUE, Message.class, "standard batch"),
          maps(
              "sqs-batch-2.json",
              QUEUE,
              Message.class,
              "invalid binary attribute is skipped, not fatal"),
          maps(
              "sqs-message-attributes.json", QUEUE, Message.class, "String/Number attributes kept"),
          maps("sqs-fifo.json", QUEUE, Message.class, "FIFO: group id is the ordering key"),
          maps("sqs-empty-body.json", QUEUE, Message.class, "empty body is an empty message"),
          maps("sqs-sam.json", QUEUE, Message.class, "single record"),
          maps("sns.json", QUEUE, Message.class, "SNS direct"),
          maps("sns-go.json", QUEUE, Message.class, "SNS direct"),
          maps("sns-sam.json", QUEUE, Message.class, "SNS direct"),
          maps("sns-in-sqs.json", QUEUE, Message.class, "SNS envelope unwrapped from the SQS body"),
          maps("sns-in-sqs-fifo.json", QUEUE, Message.class, "SNS FIFO in SQS FIFO"),
          maps("eventbridge-scheduled.json", SCHEDULE, Tick.class, "EventBridge schedule rule"),
          maps(
              "eventbridge-scheduled-sam.json",
              SCHEDULE,
              Tick.class,
              "schedule without top-level version"),
          maps(
              "eventbridge-scheduler-input.json",
              SCHEDULE,
              Tick.class,
              "Scheduler input, only when pinned"),
          rejects(
              "eventbridge-scheduler-input.json",
              null,
              UnsupportedEventException.class,
              "Scheduler input has no marker: without a pin it is refused"),
          maps(
              "eventbridge-custom.json",
              QUEUE,
              Message.class,
              "generic EventBridge event to a pinned queue function"),
          rejects(
              "eventbridge-custom.json",
              null,
              UnsupportedEventException.class,
              "generic EventBridge event has no neutral kind unless pinned"),
          maps("cognito-presignup.json", AUTH, AuthEvent.class, "PreSignUp"),
          maps(
              "cognito-presignup-minimal.json",
              AUTH,
              AuthEvent.class,
              "PreSignUp with placeholders"),
          maps(
              "cognito-postconfirmation.json",
              AUTH,
              AuthEvent.class,
              "boolean email_verified accepted"),
          maps("cognito-preauthentication.json", AUTH, AuthEvent.class, "PreAuthentication"),
          maps(
              "cognito-preauthentication-java-libs.json", AUTH, AuthEvent.class, "no response key"),
          maps("cognito-postauthentication.json", AUTH, AuthEvent.class, "PostAuthentication"),
          maps("cognito-pretokengen-v1.json", AUTH, AuthEvent.class, "token generation v1"),
          maps(
              "cognito-pretokengen-v1-with-response.json",
              AUTH,
              AuthEvent.class,
              "v1 with a filled response"),
          maps("cognito-pretokengen-v2.json", AUTH, AuthEvent.class, "token generation v2"),
          maps("cognito-pretokengen-v2-go.json", AUTH, AuthEvent.class, "v2 with typed claims"),
          rejects(
              "cognito-custom-message.json",
              AUTH,
              UnsupportedEventException.class,
              "CustomMessage has no neutral auth moment"),
          rejects(
              "cognito-migrate-user.json",
              AUTH,
              UnsupportedEventException.class,
              "UserMigration has no neutral auth moment"),
          rejects(
              "cognito-define-auth-challenge.json",
              AUTH,
              UnsupportedEventException.class,
              "custom auth challenges have no neutral auth moment"),
          rejects(
              "cognito-create-auth-challenge.json",
              AUTH,
              UnsupportedEventException.class,
              "custom auth challenges have no neutral auth moment"),
          rejects(
              "cognito-verify-auth-challenge.json",
              AUTH,
              UnsupportedEventException.class,
              "custom auth challenges have no neutral auth moment"),
          rejects(
              "sqs-batch-response.json",
              null,
              UnsupportedEventException.class,
              "a partial batch response, not an input event"));

  @BeforeEach
  void clear() {
    Catchers.SEEN.clear();
  }

  static Stream<Row> table() {
    return TABLE.stream();
  }

  private static AwsHandler pinnedTo(String pin) {
    List<FunctionDescriptor> functions =
        List.of(
            FunctionDescriptor.http(
                "AnyHttp", Catchers.AnyHttp.class.getName(), "/{path+}", List.of()),
            FunctionDescriptor.http("AnyRoot", Catchers.AnyHttp.class.getName(), "/", List.of()),
            FunctionDescriptor.queue(QUEUE, Catchers.AnyQueue.class.getName(), "any"),
            FunctionDescriptor.storage(
                STORAGE,
                Catchers.AnyStorage.class.getName(),
                "any",
                EnumSet.allOf(ObjectEvent.Kind.class)),
            FunctionDescriptor.schedule(
                SCHEDULE, Catchers.AnySchedule.class.getName(), "0 2 * * *"),
            FunctionDescriptor.auth(
                AUTH, Catchers.AnyAuth.class.getName(), Set.of(AuthMoment.values())));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("TERN_AWS_BATCH_ITEM_FAILURES", "true");
    if (pin != null) {
      settings.put(Settings.PIN, pin);
    }
    Settings s = Settings.of(settings);
    Dispatcher dispatcher =
        Dispatcher.create(
            Router.create(functions, s),
            FunctionFactory.reflective(),
            SharedFixturesConformanceTest.class.getClassLoader());
    return new AwsHandler(dispatcher, s, line -> {}, Clock.systemUTC());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void mapsOrRejectsAsTheTableSays(Row row) throws IOException {
    byte[] payload = Files.readAllBytes(SharedFixtures.folder("aws").resolve(row.file()));
    AwsHandler handler = pinnedTo(row.pin());

    byte[][] answer = new byte[1][];
    Throwable thrown = catchThrowable(() -> answer[0] = handler.handle(payload, null));

    if (row.rejected() != null) {
      assertThat(thrown).as(row.why()).isInstanceOf(row.rejected());
      assertThat(thrown.getMessage()).startsWith("aws:");
      assertThat(Catchers.SEEN).isEmpty();
    } else {
      assertThat(thrown).as(row.why()).isNull();
      assertThat(Catchers.SEEN).as(row.why()).isNotEmpty().allMatch(row.event()::isInstance);
      if (row.event() == HttpRequest.class) {
        Map<String, Object> response =
            dev.tern.aws.internal.Json.obj(dev.tern.aws.internal.Json.parse(answer[0]));
        assertThat(response.get("statusCode")).hasToString("200");
        assertThat(response.get("body"))
            .hasToString(
                "seen "
                    + ((HttpRequest) Catchers.SEEN.get(0)).method()
                    + " "
                    + ((HttpRequest) Catchers.SEEN.get(0)).path());
      }
    }
  }

  @Test
  void everySharedFixtureIsInTheTable() throws IOException {
    Path folder = SharedFixtures.folder("aws");
    List<String> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(folder)) {
      list.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .forEach(files::add);
    }
    assertThat(files).isNotEmpty();
    assertThat(TABLE.stream().map(Row::file).distinct().sorted().toList())
        .containsExactlyElementsOf(files);
  }
}
