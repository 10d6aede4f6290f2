package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
import dev.tern.aws.fns.Recorder;
import dev.tern.aws.internal.Detector;
import dev.tern.aws.internal.Detector.Kind;
import dev.tern.aws.internal.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetectionTest {
  @BeforeEach
  void clear() {
    Recorder.clear();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "http/http-api-v2-get.json, HTTP_API",
    "http/http-api-v2-post-base64.json, HTTP_API",
    "http/function-url-iam-post.json, FUNCTION_URL",
    "http/rest-v1-get.json, REST_API",
    "http/rest-v1-lambda-authorizer-post.json, REST_API",
    "http/alb-single.json, ALB",
    "http/alb-multi.json, ALB",
    "sqs/batch.json, SQS",
    "sqs/fifo.json, SQS",
    "sqs/s3-in-sqs.json, SQS",
    "sqs/sns-in-sqs.json, SQS",
    "sns/notification.json, SNS",
    "sns/s3-in-sns.json, SNS",
    "s3/put.json, S3",
    "s3/delete.json, S3",
    "eventbridge/scheduled.json, SCHEDULE",
    "eventbridge/s3-object-created.json, EVENTBRIDGE_S3",
    "eventbridge/custom.json, EVENTBRIDGE",
    "eventbridge/scheduler-input.json, UNKNOWN",
    "cognito/presignup.json, COGNITO",
    "cognito/pretokengen-v2.json, COGNITO",
    "invalid/array.json, UNKNOWN",
    "invalid/empty-object.json, UNKNOWN",
    "invalid/empty-records.json, UNKNOWN",
    "invalid/kinesis.json, OTHER_RECORDS",
    "invalid/websocket.json, UNKNOWN",
  })
  void detectsEachSourceFromItsStructure(String fixture, Kind expected) {
    assertThat(Detector.detect(Json.parse(Lambda.fixture(fixture)))).isEqualTo(expected);
  }

  @Test
  void detectionNeverThrowsOnOddShapes() {
    for (String json :
        new String[] {
          "null",
          "1",
          "\"x\"",
          "[]",
          "{\"Records\":null}",
          "{\"Records\":[1,null]}",
          "{\"requestContext\":[]}",
          "{\"version\":\"2.0\",\"requestContext\":{\"http\":1}}",
          "{\"detail-type\":1,\"source\":{},\"detail\":[]}",
          "{\"triggerSource\":null}"
        }) {
      assertThat(Detector.detect(Json.parse(json.getBytes(StandardCharsets.UTF_8))))
          .as(json)
          .isNotNull();
    }
  }

  @Test
  void rejectsTextThatIsNotJsonWithoutQuotingIt() {
    assertThatThrownBy(() -> Lambda.standard().invokeFixture("invalid/not-json.txt"))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageStartingWith("aws:")
        .hasMessageContaining("JSON")
        .hasMessageNotContaining("this is not");
  }

  @Test
  void rejectsTruncatedPayload() {
    assertThatThrownBy(() -> Lambda.standard().invokeFixture("invalid/truncated.json"))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("aws:");
  }

  @Test
  void rejectsEmptyPayload() {
    assertThatThrownBy(() -> Lambda.standard().invoke(new byte[0]))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void rejectsArrayNamingWhatWasSeen() {
    assertThatThrownBy(() -> Lambda.standard().invokeFixture("invalid/array.json"))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("a JSON array")
        .hasMessageContaining("TERN_FUNCTION");
  }

  @Test
  void rejectsEmptyObject() {
    assertThatThrownBy(() -> Lambda.standard().invokeFixture("invalid/empty-object.json"))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("an empty JSON object");
  }

  @Test
  void rejectsUnknownShapeNamingItsKeys() {
    assertThatThrownBy(() -> Lambda.standard().invokeFixture("invalid/websocket.json"))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("requestContext")
        .hasMessageContaining("isBase64Encoded");
  }

  @Test
  void rejectsRecordsOfUnmappedSources() {
    assertThatThrownBy(() -> Lambda.standard().invokeFixture("invalid/kinesis.json"))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("aws:kinesis");
    assertThatThrownBy(() -> Lambda.standard().invokeFixture("invalid/empty-records.json"))
        .isInstanceOf(UnsupportedEventException.class);
  }

  @Test
  void rejectsGenericEventBridgeEventsUnlessPinned() {
    assertThatThrownBy(() -> Lambda.standard().invokeFixture("eventbridge/custom.json"))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("com.example.shop")
        .hasMessageContaining("OrderShipped");
    assertThat(Recorder.calls()).isEmpty();
  }

  @Test
  void rejectsDuplicateKeysAndExcessiveNesting() {
    assertThatThrownBy(
            () -> Lambda.standard().invoke("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("repeats a key");
    assertThatThrownBy(
            () ->
                Lambda.standard()
                    .invoke(
                        "{\"requestContext\":{\"http\":{},\"http\":null}}"
                            .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("repeats a key");
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> Lambda.standard().invoke(deep.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("limit");
  }
}
