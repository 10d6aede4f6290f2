package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.FunctionFailedException;
import dev.tern.Message;
import dev.tern.aws.fns.Recorder;
import dev.tern.aws.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/**
 * Partial batch failure over every batch size Lambda delivers from SQS by default and any failure
 * pattern.
 */
class BatchFailurePropertiesTest {
  private static final Lambda REPORTING = Lambda.standard();
  private static final Lambda NOT_REPORTING = Lambda.with(Map.of());

  static byte[] batch(List<Boolean> failing, boolean fifo) {
    List<Object> records = new ArrayList<>();
    for (int i = 0; i < failing.size(); i++) {
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("ApproximateReceiveCount", "1");
      attributes.put("SentTimestamp", "1773151400000");
      if (fifo) {
        attributes.put("MessageGroupId", "group-" + (i % 2));
        attributes.put("MessageDeduplicationId", "d-" + i);
      }
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("messageId", "id-" + i);
      record.put("receiptHandle", "h-" + i);
      record.put("body", failing.get(i) ? "please fail " + i : "order " + i);
      record.put("attributes", attributes);
      record.put("messageAttributes", Map.of());
      record.put("eventSource", "aws:sqs");
      record.put(
          "eventSourceARN",
          "arn:aws:sqs:eu-west-1:123456789012:" + (fifo ? "orders.fifo" : "orders"));
      record.put("awsRegion", "eu-west-1");
      records.add(record);
    }
    return Json.toBytes(Map.of("Records", records));
  }

  static List<String> expectedFailures(List<Boolean> failing, boolean fifo) {
    List<String> expected = new ArrayList<>();
    boolean stopped = false;
    for (int i = 0; i < failing.size(); i++) {
      stopped |= fifo && failing.get(i);
      if (failing.get(i) || stopped) {
        expected.add("id-" + i);
      }
    }
    return expected;
  }

  @Property(tries = 300)
  void reportsExactlyTheFailedMessages(
      @ForAll @Size(min = 1, max = 10) List<Boolean> failing, @ForAll boolean fifo) {
    Recorder.clear();
    String answer = REPORTING.invoke(batch(failing, fifo));

    List<String> reported = new ArrayList<>();
    for (Object item : Trees.list(Trees.object(answer), "batchItemFailures")) {
      reported.add(Trees.text(item, "itemIdentifier"));
    }
    List<String> expected = expectedFailures(failing, fifo);
    assertThat(reported).isEqualTo(expected);
    List<String> delivered = Recorder.events(Message.class).stream().map(Message::id).toList();
    if (fifo) {
      int firstFailure = failing.indexOf(true);
      int processed = firstFailure < 0 ? failing.size() : firstFailure + 1;
      assertThat(delivered).hasSize(processed);
    } else {
      assertThat(delivered).hasSize(failing.size());
    }
    // Conservation: every message is either reported failed or was delivered successfully.
    for (int i = 0; i < failing.size(); i++) {
      assertThat(reported.contains("id-" + i) || (delivered.contains("id-" + i) && !failing.get(i)))
          .isTrue();
    }
  }

  @Property(tries = 200)
  void failsTheWholeInvocationWhenReportingIsOff(
      @ForAll @Size(min = 1, max = 10) List<Boolean> failing, @ForAll boolean fifo) {
    Recorder.clear();
    byte[] batch = batch(failing, fifo);
    if (failing.contains(true)) {
      assertThatThrownBy(() -> NOT_REPORTING.invoke(batch))
          .isInstanceOf(FunctionFailedException.class);
    } else {
      assertThat(Trees.list(Trees.object(NOT_REPORTING.invoke(batch)), "batchItemFailures"))
          .isEmpty();
    }
  }
}
