package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.FunctionFailedException;
import dev.tern.NoFunctionException;
import dev.tern.ObjectEvent;
import dev.tern.Tick;
import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
import dev.tern.aws.fns.Nightly;
import dev.tern.aws.fns.NightlyReport;
import dev.tern.aws.fns.Recorder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StorageScheduleTest {
  @BeforeEach
  void clear() {
    Recorder.clear();
  }

  private static ObjectEvent only() {
    List<ObjectEvent> events = Recorder.events(ObjectEvent.class);
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  @Test
  void decodesPlusAsSpaceInS3Keys() {
    String answer = Lambda.standard().invokeFixture("s3/put.json");

    assertThat(answer).isEmpty();
    ObjectEvent event = only();
    assertThat(event.kind()).isEqualTo(ObjectEvent.Kind.CREATED);
    assertThat(event.bucket()).isEqualTo("tern-uploads");
    assertThat(event.key()).isEqualTo("reports/q1 2024+final.csv");
    assertThat(event.size()).hasValue(1024);
    assertThat(event.etag()).contains("d41d8cd98f00b204e9800998ecf8427e");
    assertThat(event.version()).contains("3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
    assertThat(event.time()).isEqualTo(Instant.parse("2026-03-10T14:03:22.456Z"));
    assertThat(event.id())
        .isEqualTo(
            "C3D13FE58DE4C810:0055AED6DCD90281E5:tern-uploads/reports/q1+2024%2Bfinal.csv"
                + ":3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY");
  }

  /** An S3 notification record of {@code key} (as S3 sends it) in the uploads bucket. */
  private static String s3Record(
      String eventName, String requestId, String key, String sequencer, String version) {
    return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"eu-west-1\","
        + "\"eventTime\":\"2026-03-10T14:03:22.456Z\",\"eventName\":\""
        + eventName
        + "\",\"responseElements\":{\"x-amz-request-id\":\""
        + requestId
        + "\"},\"s3\":{\"s3SchemaVersion\":\"1.0\",\"bucket\":{\"name\":\"tern-uploads\"},"
        + "\"object\":{\"key\":\""
        + key
        + "\""
        + (sequencer == null ? "" : ",\"sequencer\":\"" + sequencer + "\"")
        + (version == null ? "" : ",\"versionId\":\"" + version + "\"")
        + "}}}";
  }

  private static List<String> idsOf(String... records) {
    Recorder.clear();
    Lambda.standard()
        .invoke(
            ("{\"Records\":[" + String.join(",", records) + "]}").getBytes(StandardCharsets.UTF_8));
    return Recorder.events(ObjectEvent.class).stream().map(ObjectEvent::id).toList();
  }

  // The sequencer orders the events of one key only
  // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html):
  // the objects of one request, such as a DeleteObjects, share its request id and may share a
  // sequencer, and a deduplicator keyed on id() must not take one for a redelivery of another.
  @Test
  void givesEachObjectOfOneRequestItsOwnIdAndARedeliveryTheSameOne() {
    String a = s3Record("ObjectRemoved:Delete", "7F3A9C1E5B2D4068", "a.txt", "0069A40F78", null);
    String b = s3Record("ObjectRemoved:Delete", "7F3A9C1E5B2D4068", "b.txt", "0069A40F78", null);

    List<String> ids = idsOf(a, b);
    assertThat(ids).doesNotHaveDuplicates().hasSize(2);
    assertThat(ids.get(0)).isEqualTo("7F3A9C1E5B2D4068:0069A40F78:tern-uploads/a.txt");
    assertThat(idsOf(a)).containsExactly(ids.get(0));
    assertThat(idsOf(b)).containsExactly(ids.get(1));
  }

  @Test
  void givesTwoVersionsOfOneKeyInOneRequestTheirOwnIds() {
    // Lifecycle and tagging events carry no sequencer at all.
    List<String> ids =
        idsOf(
            s3Record("ObjectCreated:Put", "LIFECYCLE-1", "q1+report.csv", null, "v1"),
            s3Record("ObjectCreated:Put", "LIFECYCLE-1", "q1+report.csv", null, "v2"));

    assertThat(ids)
        .containsExactly(
            "LIFECYCLE-1:tern-uploads/q1+report.csv:v1",
            "LIFECYCLE-1:tern-uploads/q1+report.csv:v2");
  }

  @Test
  void leavesContentTypeAndMetadataEmptyAsNeitherS3NorEventBridgeSendsThem() {
    Lambda.standard().invokeFixture("s3/put.json");
    ObjectEvent notified = only();
    Recorder.clear();
    Lambda.standard().invokeFixture("eventbridge/s3-object-created.json");
    ObjectEvent bridged = only();

    assertThat(notified.contentType()).isEmpty();
    assertThat(notified.metadata()).isEmpty();
    assertThat(bridged.contentType()).isEmpty();
    assertThat(bridged.metadata()).isEmpty();
  }

  @Test
  void mapsS3DeletionWithoutSize() {
    Lambda.standard().invokeFixture("s3/delete.json");

    ObjectEvent event = only();
    assertThat(event.kind()).isEqualTo(ObjectEvent.Kind.DELETED);
    assertThat(event.key()).isEqualTo("old report.txt");
    assertThat(event.size()).isEmpty();
    assertThat(event.version()).isEmpty();
  }

  @Test
  void mapsEventBridgeObjectCreatedAndDeleted() {
    Lambda.standard().invokeFixture("eventbridge/s3-object-created.json");
    ObjectEvent created = only();
    assertThat(created.kind()).isEqualTo(ObjectEvent.Kind.CREATED);
    assertThat(created.key()).isEqualTo("photos/summer 2025.jpg");
    assertThat(created.size()).hasValue(5);
    assertThat(created.id()).isEqualTo("17793124-05d4-b198-2fde-7ededc63b103");
    assertThat(created.version()).contains("IYV3p45BhZA7.zXZ1VUv3h8G6kWAsXdW");

    Recorder.clear();
    Lambda.standard().invokeFixture("eventbridge/s3-object-deleted.json");
    ObjectEvent deleted = only();
    assertThat(deleted.kind()).isEqualTo(ObjectEvent.Kind.DELETED);
    assertThat(deleted.size()).isEmpty();
  }

  @Test
  void failingStorageFunctionFailsTheInvocation() {
    String failing = Lambda.fixtureText("s3/put.json").replace("q1+2024", "fail");

    assertThatThrownBy(() -> Lambda.standard().invoke(failing.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FunctionFailedException.class);
  }

  @Test
  void rejectsS3RecordWithoutKey() {
    assertThatThrownBy(() -> Lambda.standard().invokeFixture("invalid/s3-record-without-key.json"))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("S3 record 0")
        .hasMessageContaining("\"key\"");
  }

  @Test
  void rejectsUnmappedS3EventNames() {
    String restorePost =
        Lambda.fixtureText("s3/put.json").replace("ObjectCreated:Put", "ObjectRestore:Post");

    assertThatThrownBy(() -> Lambda.standard().invoke(restorePost.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("ObjectRestore:Post");
  }

  @Test
  void deliversScheduledEventToTheScheduleNamedByTheRule() {
    String answer = Lambda.standard().invokeFixture("eventbridge/scheduled.json");

    assertThat(answer).isEmpty();
    Tick tick = Recorder.events(Tick.class).get(0);
    assertThat(tick.name()).isEqualTo("Nightly");
    assertThat(tick.dueAt()).isEqualTo(Instant.parse("2026-03-10T02:00:00Z"));
    assertThat(tick.firedAt()).isEqualTo(Lambda.NOW);
    assertThat(tick.isLate()).isFalse();
  }

  @Test
  void deliversScheduledEventOfAGeneratedRuleNameToTheOnlySchedule() {
    String generated =
        Lambda.fixtureText("eventbridge/scheduled.json")
            .replace("rule/Nightly", "rule/app-NightlyEvent-1X2Y3Z");
    Lambda.standard().invoke(generated.getBytes(StandardCharsets.UTF_8));

    assertThat(Recorder.events(Tick.class)).extracting(Tick::name).containsExactly("Nightly");
  }

  /** Two schedule functions: no fallback to the only one. */
  private static Lambda schedules() {
    return Lambda.with(Map.of(), List.of(Nightly.class, NightlyReport.class));
  }

  private static byte[] scheduledBy(String rule) {
    return Lambda.fixtureText("eventbridge/scheduled.json")
        .replace("rule/Nightly", "rule/" + rule)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void deliversScheduledEventOfAGeneratedRuleNameToTheScheduleDeclaringIt() {
    Lambda lambda = schedules();
    lambda.invoke(scheduledBy("orders-NightlyReportSchedule-1X2Y3Z"));
    lambda.invoke(scheduledBy("Nightly"));

    assertThat(Recorder.calls())
        .extracting(Recorder.Call::function)
        .containsExactly("NightlyReport", "Nightly");
    Tick tick = Recorder.events(Tick.class).get(0);
    assertThat(tick.name()).isEqualTo("NightlyReport");
    assertThat(tick.dueAt()).isEqualTo(Instant.parse("2026-03-10T02:00:00Z"));
  }

  @Test
  void aRuleThatNoneOfSeveralSchedulesClaimsFailsTheInvocation() {
    Lambda lambda = schedules();

    assertThatThrownBy(() -> lambda.invoke(scheduledBy("NightlyReport")))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining("TERN_FUNCTION")
        .hasMessageContaining("NightlyReport");
    assertThatThrownBy(() -> lambda.invoke(scheduledBy("orders-NightlyReportSchedule-1X2Y3Z-old")))
        .isInstanceOf(NoFunctionException.class);
    assertThat(Recorder.calls()).isEmpty();
  }

  @Test
  void deliversSchedulerInputOnlyToAPinnedSchedule() {
    assertThatThrownBy(() -> Lambda.standard().invokeFixture("eventbridge/scheduler-input.json"))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("TERN_FUNCTION")
        .hasMessageContaining("scheduleArn");

    Lambda.with(Map.of("TERN_FUNCTION", "Nightly"))
        .invokeFixture("eventbridge/scheduler-input.json");
    Tick tick = Recorder.events(Tick.class).get(0);
    assertThat(tick.name()).isEqualTo("Nightly");
    assertThat(tick.dueAt()).isEqualTo(Instant.parse("2026-03-10T02:00:00Z"));
  }

  @Test
  void pinnedQueueFunctionReceivesDirectInvokesAndEventBridgeEvents() {
    Lambda pinned = Lambda.with(Map.of("TERN_FUNCTION", "Orders"));
    pinned.invoke("{\"order\":7}".getBytes(StandardCharsets.UTF_8));
    pinned.invokeFixture("eventbridge/custom.json");

    List<dev.tern.Message> messages = Recorder.events(dev.tern.Message.class);
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).id()).isEqualTo("req-1");
    assertThat(messages.get(0).body().text()).isEqualTo("{\"order\":7}");
    assertThat(messages.get(1).id()).isEqualTo("6a7e8feb-b491-4cf7-a9f1-bf3703467718");
    assertThat(messages.get(1).body().text()).isEqualTo("{\"orderId\":\"42\"}");
    assertThat(messages.get(1).attributes()).containsEntry("detail-type", "OrderShipped");
  }

  @Test
  void pinnedFunctionOfAnotherKindRefusesTheEvent() {
    Lambda pinned = Lambda.with(Map.of("TERN_FUNCTION", "Nightly"));

    assertThatThrownBy(() -> pinned.invokeFixture("s3/put.json"))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining("Nightly");
    assertThat(Recorder.calls()).isEmpty();
  }

  @Test
  void scheduledEventWithoutAScheduleFunctionNamesWhatIsDeclared() {
    Lambda httpOnly = Lambda.with(Map.of(), List.of(dev.tern.aws.fns.Echo.class));

    assertThatThrownBy(() -> httpOnly.invokeFixture("eventbridge/scheduled.json"))
        .isInstanceOf(NoFunctionException.class);
    assertThat(Nightly.class).isNotNull();
  }
}
