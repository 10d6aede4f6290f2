package dev.tern.aws;

import static dev.tern.aws.Trees.failedIds;
import static dev.tern.aws.Trees.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.ConfigurationException;
import dev.tern.FunctionFailedException;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.UndecodablePayloadException;
import dev.tern.aws.fns.Recorder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueTest {
  @BeforeEach
  void clear() {
    Recorder.clear();
  }

  @Test
  void deliversEachSqsMessageOnceWithAttributesAttemptAndTime() {
    Lambda.standard().invokeFixture("sqs/batch.json");

    List<Message> messages = Recorder.events(Message.class);
    assertThat(messages).extracting(Message::id).containsExactly("m-1", "m-2", "m-3");
    Message first = messages.get(0);
    assertThat(first.source()).isEqualTo("arn:aws:sqs:eu-west-1:123456789012:orders");
    assertThat(first.body().text()).isEqualTo("{\"order\":1}");
    assertThat(first.attributes()).isEqualTo(Map.of("tenant", "acme", "priority", "5"));
    assertThat(first.attempt()).hasValue(2);
    assertThat(first.enqueuedAt()).contains(Instant.ofEpochMilli(1773151400001L));
    assertThat(first.orderingKey()).isEmpty();
    assertThat(messages.get(2).body().isEmpty()).isTrue();
  }

  @Test
  void reportsOnlyFailedMessagesOfABatch() {
    String answer = Lambda.standard().invokeFixture("sqs/batch.json");

    assertThat(failedIds(answer)).containsExactly("m-2");
  }

  @Test
  void reportsFirstFifoFailureAndEveryLaterMessageUnprocessed() {
    String answer = Lambda.standard().invokeFixture("sqs/fifo.json");

    assertThat(failedIds(answer)).containsExactly("m-2", "m-3");
    List<Message> messages = Recorder.events(Message.class);
    assertThat(messages).extracting(Message::id).containsExactly("m-1", "m-2");
    assertThat(messages.get(0).orderingKey()).contains("g-1");
  }

  @Test
  void answersEmptyFailureListWhenAllSucceed() {
    String answer = Lambda.standard().invokeFixture("sqs/batch.json").replace("x", "x");
    Recorder.clear();
    String ok =
        Lambda.standard()
            .invoke(
                Lambda.fixtureText("sqs/batch.json")
                    .replace("fail please", "fine")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(failedIds(answer)).isNotEmpty();
    assertThat(failedIds(ok)).isEmpty();
  }

  @Test
  void refusesABatchItemFailuresSettingThatIsNeitherTrueNorFalseWhenTheHandlerIsBuilt() {
    assertThatThrownBy(() -> Lambda.with(Map.of("TERN_AWS_BATCH_ITEM_FAILURES", "yes")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("TERN_AWS_BATCH_ITEM_FAILURES is \"yes\"; use false (the default) or true");
  }

  @Test
  void failsTheWholeInvocationWhenBatchItemFailuresAreNotReported() {
    Lambda lambda = Lambda.with(Map.of());

    assertThatThrownBy(() -> lambda.invokeFixture("sqs/fifo.json"))
        .isInstanceOf(FunctionFailedException.class);
    assertThatThrownBy(() -> lambda.invokeFixture("sqs/batch.json"))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageContaining("m-2");
  }

  @Test
  void reportsMessagesNoFunctionClaimsAsFailedAndLogsWhy() {
    String unclaimed = Lambda.fixtureText("sqs/batch.json").replace(":orders\"", ":payments\"");
    Lambda lambda = Lambda.standard();
    String answer = lambda.invoke(unclaimed.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(failedIds(answer)).containsExactly("m-1", "m-2", "m-3");
    assertThat(lambda.logLines)
        .filteredOn(line -> line.contains("message refused"))
        .hasSize(3)
        .allSatisfy(
            line -> assertThat(line).contains("no function claims the message from arn:aws:sqs:"))
        .anySatisfy(line -> assertThat(line).contains("\"messageId\":\"m-2\""));
  }

  @Test
  void deliversSnsNotificationToTheTopicFunction() {
    String answer = Lambda.standard().invokeFixture("sns/notification.json");

    assertThat(answer).isEmpty();
    Message message = Recorder.events(Message.class).get(0);
    assertThat(message.id()).isEqualTo("95df01b4-ee98-5cb9-9903-4c221d41eb5e");
    assertThat(message.source()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:alerts");
    assertThat(message.body().text()).isEqualTo("disk almost full");
    assertThat(message.attributes()).isEqualTo(Map.of("severity", "high", "count", "3"));
    assertThat(message.enqueuedAt()).contains(Instant.parse("2026-03-10T14:03:22.123Z"));
    assertThat(message.attempt()).isEmpty();
  }

  @Test
  void unwrapsSnsInSqsAndRoutesByTopicWhenNoFunctionClaimsTheQueue() {
    String answer = Lambda.standard().invokeFixture("sqs/sns-in-sqs.json");

    assertThat(failedIds(answer)).isEmpty();
    Message message = Recorder.events(Message.class).get(0);
    assertThat(message.id()).isEqualTo("m-1");
    assertThat(message.source()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:alerts");
    assertThat(message.body().text()).isEqualTo("disk almost full");
    assertThat(message.attributes()).containsEntry("severity", "high");
    assertThat(message.attempt()).hasValue(2);
  }

  @Test
  void unwrapsS3NotificationsFromSqsSnsAndSnsInSqs() {
    for (String fixture :
        List.of("sqs/s3-in-sqs.json", "sns/s3-in-sns.json", "sqs/s3-in-sns-in-sqs.json")) {
      Recorder.clear();
      Lambda.standard().invokeFixture(fixture);
      List<ObjectEvent> events = Recorder.events(ObjectEvent.class);
      assertThat(events).as(fixture).hasSize(1);
      assertThat(events.get(0).key()).as(fixture).isEqualTo("reports/q1 2024+final.csv");
      assertThat(events.get(0).bucket()).isEqualTo("tern-uploads");
    }
  }

  @Test
  void acknowledgesS3TestEventWithoutDeliveringIt() {
    String answer = Lambda.standard().invokeFixture("sqs/s3-test-event-in-sqs.json");

    assertThat(failedIds(answer)).isEmpty();
    assertThat(Recorder.calls()).isEmpty();
  }

  @Test
  void reportsTheSqsRecordOfAFailingWrappedS3Event() {
    String failing = Lambda.fixtureText("sqs/s3-in-sqs.json").replace("q1+2024", "fail");
    String answer =
        Lambda.standard().invoke(failing.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(failedIds(answer)).containsExactly("m-1");
  }

  @Test
  void reportsOnlyTheSqsRecordThatCannotBeRead() {
    Lambda lambda = Lambda.standard();
    String unreadable =
        Lambda.fixtureText("sqs/batch.json").replace("\"body\": \"\",", "\"body\": 3,");

    String answer = lambda.invoke(unreadable.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(failedIds(answer)).containsExactly("m-2", "m-3");
    assertThat(Recorder.events(Message.class))
        .extracting(Message::id)
        .containsExactly("m-1", "m-2");
    assertThat(lambda.logLines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("message refused")
                    .contains("aws: SQS record 2 (m-3) has no string"));
  }

  @Test
  void rejectsSqsRecordWithoutMessageIdNamingIt() {
    assertThatThrownBy(() -> Lambda.standard().invokeFixture("invalid/sqs-record-without-id.json"))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("aws: SQS record 0")
        .hasMessageContaining("messageId");
    assertThat(Recorder.calls()).isEmpty();
  }

  @Test
  void snsFailureFailsTheInvocation() {
    Lambda lambda = Lambda.with(Map.of(), List.of(dev.tern.aws.fns.Orders.class));
    String toOrders =
        Lambda.fixtureText("sns/notification.json")
            .replace(":alerts\"", ":orders\"")
            .replace("disk almost full", "fail");
    assertThatThrownBy(
            () -> lambda.invoke(toOrders.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isInstanceOf(FunctionFailedException.class);
    assertThat(text(Map.of("a", "b"), "a")).isEqualTo("b");
  }
}
