package dev.tern.aws;

import static dev.tern.aws.Trees.failedIds;
import static dev.tern.aws.Trees.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.Message;
import dev.tern.UndecodablePayloadException;
import dev.tern.aws.fns.Recorder;
import dev.tern.aws.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Message metadata that is present but cannot be read refuses that message with a typed error
 * naming the message and the field; metadata that is absent leaves its field empty.
 */
class QueueMetadataTest {
  @BeforeEach
  void clear() {
    Recorder.clear();
  }

  /** Record m-1 of {@code sqs/batch.json} alone in a batch, after {@code edit}. */
  private static byte[] sqsRecord(Consumer<Map<String, Object>> edit) {
    Map<String, Object> record =
        Json.obj(list(Trees.editable(Lambda.fixtureText("sqs/batch.json")), "Records").get(0));
    edit.accept(record);
    return Json.toBytes(Map.of("Records", List.of(record)));
  }

  /** Sets the value at a dotted path of object keys to {@code json}, parsed. */
  private static void set(Map<String, Object> record, String path, String json) {
    String[] keys = path.split("\\.");
    Map<String, Object> parent = record;
    for (int i = 0; i < keys.length - 1; i++) {
      parent = Json.obj(parent.get(keys[i]));
    }
    parent.put(keys[keys.length - 1], Json.parse(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      attributes.ApproximateReceiveCount | '"two"'                                 | attributes.ApproximateReceiveCount is not a count
      attributes.ApproximateReceiveCount | '"-1"'                                  | attributes.ApproximateReceiveCount is not a count
      attributes.ApproximateReceiveCount | 2                                       | attributes.ApproximateReceiveCount is not a string
      attributes.SentTimestamp           | '"2026-03-10T14:03:20Z"'                | attributes.SentTimestamp is not epoch milliseconds
      attributes.MessageGroupId          | 7                                       | attributes.MessageGroupId is not a string
      attributes                         | '"ApproximateReceiveCount=2"'           | has "attributes" that is not a JSON object
      messageAttributes                  | []                                      | has "messageAttributes" that is not a JSON object
      messageAttributes.tenant           | '"acme"'                                | messageAttributes has an entry that is not a JSON object
      messageAttributes.tenant           | '{"stringValue":"acme"}'                | messageAttributes has an entry without a string "dataType"
      messageAttributes.tenant           | '{"dataType":"String"}'                 | messageAttributes has a String entry without a string "stringValue"
      messageAttributes.priority         | '{"dataType":"Number","stringValue":5}' | messageAttributes has a Number entry without a string "stringValue"
      """)
  void refusesUnreadableSqsMetadataNamingTheMessageAndTheField(
      String path, String json, String error) {
    byte[] batch = sqsRecord(r -> set(r, path, json));

    assertThatThrownBy(() -> Lambda.with(Map.of()).invoke(batch))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessage("aws: SQS record 0 (m-1) " + error);
    assertThat(Recorder.calls()).isEmpty();
  }

  @Test
  void reportsOnlyTheSqsRecordWhoseMetadataCannotBeRead() {
    Lambda lambda = Lambda.standard();

    String answer = lambda.invokeFixture("invalid/sqs-batch-unreadable-receive-count.json");

    assertThat(failedIds(answer)).containsExactly("m-2");
    assertThat(Recorder.events(Message.class))
        .extracting(Message::id)
        .containsExactly("m-1", "m-3");
    assertThat(lambda.logLines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("message refused")
                    .contains("m-2")
                    .contains(
                        "aws: SQS record 1 (m-2) attributes.ApproximateReceiveCount is not a count"));
  }

  @Test
  void failsTheInvocationWithTheRefusalWhenBatchItemFailuresAreNotReported() {
    Lambda lambda = Lambda.with(Map.of());

    assertThatThrownBy(
            () -> lambda.invokeFixture("invalid/sqs-batch-unreadable-receive-count.json"))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessage("aws: SQS record 1 (m-2) attributes.ApproximateReceiveCount is not a count");
  }

  @Test
  void reportsARefusedFifoRecordAndEveryLaterOneUnprocessed() {
    String fifo =
        Lambda.fixtureText("sqs/fifo.json")
            .replace("\"SentTimestamp\": \"1773151400001\"", "\"SentTimestamp\": \"yesterday\"");

    String answer = Lambda.standard().invoke(utf8(fifo));

    assertThat(failedIds(answer)).containsExactly("m-1", "m-2", "m-3");
    assertThat(Recorder.calls()).isEmpty();
  }

  @Test
  void leavesAbsentSqsMetadataEmpty() {
    Lambda.standard()
        .invoke(
            sqsRecord(
                r -> {
                  r.remove("attributes");
                  r.remove("messageAttributes");
                }));
    Lambda.standard()
        .invoke(
            sqsRecord(
                r -> {
                  set(r, "attributes.ApproximateReceiveCount", "null");
                  set(r, "attributes.SentTimestamp", "null");
                  set(r, "attributes.MessageGroupId", "null");
                  set(r, "messageAttributes.tenant", "null");
                }));

    List<Message> messages = Recorder.events(Message.class);
    assertThat(messages)
        .hasSize(2)
        .allSatisfy(
            m -> {
              assertThat(m.id()).isEqualTo("m-1");
              assertThat(m.attempt()).isEmpty();
              assertThat(m.enqueuedAt()).isEmpty();
              assertThat(m.orderingKey()).isEmpty();
            });
    assertThat(messages.get(0).attributes()).isEmpty();
    assertThat(messages.get(1).attributes()).isEqualTo(Map.of("priority", "5"));
  }

  @Test
  void reportsAnSqsRecordWhoseSnsEnvelopeAttributesCannotBeRead() {
    Lambda lambda = Lambda.standard();
    String unreadable =
        Lambda.fixtureText("sqs/sns-in-sqs.json")
            .replace("\\\"Value\\\": \\\"3\\\"", "\\\"Value\\\": 3");

    String answer = lambda.invoke(utf8(unreadable));

    assertThat(failedIds(answer)).containsExactly("m-1");
    assertThat(Recorder.calls()).isEmpty();
    assertThat(lambda.logLines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("message refused")
                    .contains(
                        "aws: SQS record 0 (m-1) SNS envelope MessageAttributes has a Number entry without a string"));
  }

  @Test
  void refusesAnSnsRecordWhoseTimestampOrAttributesCannotBeRead() {
    String notification = Lambda.fixtureText("sns/notification.json");
    String badTime = notification.replace("2026-03-10T14:03:22.123Z", "10 March 2026");
    String badAttribute = notification.replace("\"Value\": \"high\"", "\"Value\": [\"high\"]");

    assertThatThrownBy(() -> Lambda.standard().invoke(utf8(badTime)))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessage(
            "aws: SNS record 0 (95df01b4-ee98-5cb9-9903-4c221d41eb5e) Sns.Timestamp is not an ISO-8601 instant");
    assertThatThrownBy(() -> Lambda.standard().invoke(utf8(badAttribute)))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessage(
            "aws: SNS record 0 (95df01b4-ee98-5cb9-9903-4c221d41eb5e) Sns.MessageAttributes has a String"
                + " entry without a string \"Value\"");
    assertThat(Recorder.calls()).isEmpty();
  }

  @Test
  void leavesAnAbsentSnsTimestampEmpty() {
    String noTime =
        Lambda.fixtureText("sns/notification.json")
            .replace("\"Timestamp\": \"2026-03-10T14:03:22.123Z\",", "");

    Lambda.standard().invoke(utf8(noTime));

    Message message = Recorder.events(Message.class).get(0);
    assertThat(message.enqueuedAt()).isEmpty();
    assertThat(message.attributes()).isEqualTo(Map.of("severity", "high", "count", "3"));
  }

  @Test
  void refusesAnEventBridgeEventWhoseTimeCannotBeReadForAPinnedQueueFunction() {
    String badTime =
        Lambda.fixtureText("eventbridge/custom.json").replace("2026-03-10T14:03:22Z", "now");

    assertThatThrownBy(() -> Lambda.with(Map.of("TERN_FUNCTION", "Orders")).invoke(utf8(badTime)))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessage(
            "aws: EventBridge event (6a7e8feb-b491-4cf7-a9f1-bf3703467718) time is not an ISO-8601 instant");
    assertThat(Recorder.calls()).isEmpty();
  }

  /** {@code sqs/batch.json}, whose m-2 fails, with {@code attributes} added to every record. */
  private static byte[] batchWith(Map<String, String> attributes) {
    List<Object> records = list(Trees.editable(Lambda.fixtureText("sqs/batch.json")), "Records");
    for (Object record : records) {
      Json.obj(Json.obj(record).get("attributes")).putAll(attributes);
    }
    return Json.toBytes(Map.of("Records", records));
  }

  @Test
  void treatsAGroupIdOnAStandardQueueAsAFairQueuesTenantNotAsAnOrder() {
    String answer = Lambda.standard().invoke(batchWith(Map.of("MessageGroupId", "tenant-a")));

    assertThat(failedIds(answer)).containsExactly("m-2");
    assertThat(Recorder.events(Message.class))
        .extracting(Message::id)
        .containsExactly("m-1", "m-2", "m-3");
    assertThat(Recorder.events(Message.class))
        .allSatisfy(m -> assertThat(m.orderingKey()).isEmpty());
  }

  @Test
  void recognisesAFifoRecordByItsSequenceNumber() {
    String answer =
        Lambda.standard()
            .invoke(batchWith(Map.of("MessageGroupId", "g-1", "SequenceNumber", "1001")));

    assertThat(failedIds(answer)).containsExactly("m-2", "m-3");
    assertThat(Recorder.events(Message.class))
        .extracting(Message::id)
        .containsExactly("m-1", "m-2");
    assertThat(Recorder.events(Message.class))
        .allSatisfy(m -> assertThat(m.orderingKey()).contains("g-1"));
  }
}
