package dev.tern.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.ConfigurationException;
import dev.tern.FunctionFailedException;
import dev.tern.Message;
import dev.tern.NoFunctionException;
import dev.tern.ObjectEvent;
import dev.tern.Tick;
import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
import dev.tern.azure.app.AuditAzureEntry;
import dev.tern.azure.app.NightlyAzureEntry;
import dev.tern.azure.app.OrdersAzureEntry;
import dev.tern.azure.app.PaymentsAzureEntry;
import dev.tern.azure.app.Recorder;
import dev.tern.azure.app.ThumbnailsAzureEntry;
import dev.tern.azure.app.UploadsAzureEntry;
import dev.tern.spi.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TriggerEntriesTest {
  private static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");
  private final AzureAdapter adapter =
      AzureAdapter.create(
          TestApp.dispatcher(TestApp.SETTINGS),
          Settings.of(TestApp.SETTINGS),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @BeforeEach
  void clear() {
    Recorder.drain();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void mapsAQueueStorageMessageWithDequeueCountAsAttempt() {
    JsonNode f = Fixtures.json("queue/order-second-attempt.json");
    new OrdersAzureEntry(adapter)
        .run(
            utf8(Fixtures.bound(f, "message")),
            Fixtures.bound(f, "Id"),
            Fixtures.bound(f, "DequeueCount"),
            Fixtures.bound(f, "InsertionTime"),
            new Fakes.Context("Orders"));

    Message m = Recorder.last(Message.class);
    JsonNode e = f.get("expected");
    assertThat(m.id()).isEqualTo(e.get("id").asText());
    assertThat(m.source()).isEqualTo(e.get("source").asText());
    assertThat(m.attempt()).hasValue(e.get("attempt").asInt());
    assertThat(m.enqueuedAt()).contains(Instant.parse(e.get("enqueuedAt").asText()));
    assertThat(m.body().text()).isEqualTo(e.get("body").asText());
    assertThat(m.idempotencyKey()).isEqualTo("orders#" + e.get("id").asText());
  }

  @Test
  void refusesAQueueMessageWithBadMetadataInsteadOfDeliveringIt() {
    JsonNode f = Fixtures.json("queue/unreadable-dequeue-count.failing.json");
    assertThatThrownBy(
            () ->
                new OrdersAzureEntry(adapter)
                    .run(
                        utf8(Fixtures.bound(f, "message")),
                        Fixtures.bound(f, "Id"),
                        Fixtures.bound(f, "DequeueCount"),
                        Fixtures.bound(f, "InsertionTime"),
                        new Fakes.Context("Orders")))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("azure: Queue Storage message a1 DequeueCount")
        .hasMessageContaining(f.get("error").asText());
    assertThat(Recorder.drain()).isEmpty();
  }

  @Test
  void leavesTheAttemptUnknownWhenTheHostBindsNoCount() {
    new OrdersAzureEntry(adapter)
        .run(utf8("x"), "q-1", null, "\"2026-11-20T10:15:30+00:00\"", new Fakes.Context("Orders"));
    Message queued = Recorder.last(Message.class);
    new AuditAzureEntry(adapter)
        .run(utf8("x"), "a-3", null, null, null, new Fakes.Context("Audit"));
    Message bus = Recorder.last(Message.class);

    assertThat(queued.id()).isEqualTo("q-1");
    assertThat(queued.attempt()).isEmpty();
    assertThat(queued.enqueuedAt()).contains(Instant.parse("2026-11-20T10:15:30Z"));
    assertThat(bus.id()).isEqualTo("a-3");
    assertThat(bus.attempt()).isEmpty();
    assertThat(bus.enqueuedAt()).isEmpty();
    assertThat(bus.attributes()).isEmpty();
  }

  @Test
  void failsTheInvocationWhenTheFunctionThrowsSoTheHostRetriesAndPoisons() {
    assertThatThrownBy(
            () ->
                new OrdersAzureEntry(adapter)
                    .run(
                        utf8("boom"),
                        "m-9",
                        "5",
                        "\"2026-11-20T10:15:30+00:00\"",
                        new Fakes.Context("Orders")))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessageContaining("function Orders failed on message m-9");
  }

  @Test
  void refusesAMistypedEnumeratedSettingWhenTheAdapterIsBuilt() {
    assertThatThrownBy(() -> TestApp.adapter(Map.of(AzureAdapter.QUEUE_ENCODING, "base-64")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("TERN_AZURE_QUEUE_ENCODING is \"base-64\"; use host (the default) or base64");
    assertThatThrownBy(() -> TestApp.adapter(Map.of(AzureAdapter.AUTH_DENY, "validate")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("TERN_AZURE_AUTH_DENY is \"validate\"");
    assertThatThrownBy(() -> TestApp.adapter(Map.of(AzureAdapter.TRUST_PRINCIPAL, "yes")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("TERN_AZURE_TRUST_CLIENT_PRINCIPAL is \"yes\"");
  }

  @Test
  void decodesBase64QueueContentOnlyWhenConfigured() {
    AzureAdapter base64 = TestApp.adapter(Map.of(AzureAdapter.QUEUE_ENCODING, "base64"));
    String encoded = Base64.getEncoder().encodeToString(utf8("{\"order\":7}"));
    new OrdersAzureEntry(base64).run(utf8(encoded), "b-1", "1", null, new Fakes.Context("Orders"));
    assertThat(Recorder.last(Message.class).body().text()).isEqualTo("{\"order\":7}");
    assertThat(Recorder.last(Message.class).enqueuedAt()).isEmpty();

    assertThatThrownBy(
            () ->
                new OrdersAzureEntry(base64)
                    .run(utf8("not base64 at all!"), "b-2", "1", null, new Fakes.Context("Orders")))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("is not base64");
  }

  @Test
  void mapsAServiceBusMessageWithSessionAndApplicationProperties() {
    JsonNode f = Fixtures.json("servicebus/payment-in-session.json");
    new PaymentsAzureEntry(adapter)
        .run(
            utf8(Fixtures.bound(f, "message")),
            Fixtures.bound(f, "MessageId"),
            Fixtures.bound(f, "DeliveryCount"),
            Fixtures.bound(f, "EnqueuedTimeUtc"),
            Fixtures.bound(f, "ApplicationProperties"),
            Fixtures.bound(f, "SessionId"),
            new Fakes.Context("Payments"));

    Message m = Recorder.last(Message.class);
    JsonNode e = f.get("expected");
    assertThat(m.id()).isEqualTo(e.get("id").asText());
    assertThat(m.source()).isEqualTo("payments");
    assertThat(m.attempt()).hasValue(e.get("attempt").asInt());
    assertThat(m.enqueuedAt()).contains(Instant.parse(e.get("enqueuedAt").asText()));
    assertThat(m.orderingKey()).contains(e.get("orderingKey").asText());
    assertThat(m.attributes())
        .isEqualTo(Map.of("tenant", "contoso", "priority", "5", "urgent", "true"));
  }

  @Test
  void deliversTopicMessagesUnderTheTopicName() {
    new AuditAzureEntry(adapter)
        .run(utf8("x"), "a-1", "1", "\"2026-11-21T08:00:00Z\"", "{}", new Fakes.Context("Audit"));
    assertThat(Recorder.last(Message.class).source()).isEqualTo("audit");
    assertThat(Recorder.last(Message.class).orderingKey()).isEmpty();
  }

  @Test
  void keepsBlanksAroundIdsSessionsAndBlobNamesAsSent() {
    new PaymentsAzureEntry(adapter)
        .run(utf8("x"), " order 7 ", "1", null, "{}", "tenant-1 ", new Fakes.Context("Payments"));
    Message bus = Recorder.last(Message.class);
    JsonNode f = Fixtures.json("blob/png-upload.json");
    new ThumbnailsAzureEntry(adapter)
        .run(
            new byte[] {1},
            "original-images/cats/tabby.png ",
            Fixtures.bound(f, "Properties"),
            "{}",
            new Fakes.Context("Thumbnails"));
    ObjectEvent blob = Recorder.last(ObjectEvent.class);

    assertThat(bus.id()).isEqualTo(" order 7 ");
    assertThat(bus.orderingKey()).contains("tenant-1 ");
    assertThat(blob.key()).isEqualTo("cats/tabby.png ");
  }

  @Test
  void refusesServiceBusPropertiesThatAreNotAnObject() {
    assertThatThrownBy(
            () ->
                new AuditAzureEntry(adapter)
                    .run(utf8("x"), "a-2", "1", null, "[1,2]", new Fakes.Context("Audit")))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("Service Bus message a-2 ApplicationProperties is not a JSON object");
  }

  @Test
  void mapsTimerInfoWithIsPastDueAsLate() {
    JsonNode f = Fixtures.json("timer/weekday-late.json");
    new NightlyAzureEntry(adapter).run(f.get("timerInfo").asText(), new Fakes.Context("Nightly"));

    Tick tick = Recorder.last(Tick.class);
    assertThat(tick.name()).isEqualTo("Nightly");
    assertThat(tick.dueAt()).isEqualTo(Instant.parse(f.at("/expected/dueAt").asText()));
    assertThat(tick.firedAt()).isEqualTo(NOW);
    assertThat(tick.isLate()).isTrue();
  }

  @Test
  void datesATickWithoutScheduleStatusByTheClock() {
    JsonNode f = Fixtures.json("timer/no-monitor.json");
    new NightlyAzureEntry(adapter).run(f.get("timerInfo").asText(), new Fakes.Context("Nightly"));
    assertThat(Recorder.last(Tick.class).dueAt()).isEqualTo(NOW);
    assertThat(Recorder.last(Tick.class).isLate()).isFalse();
  }

  @Test
  void refusesATimerPayloadWithoutIsPastDue() {
    assertThatThrownBy(
            () ->
                new NightlyAzureEntry(adapter)
                    .run("{\"isPastDue\":\"yes\"}", new Fakes.Context("Nightly")))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("TimerInfo of Nightly has no boolean \"IsPastDue\"");
  }

  @Test
  void mapsBlobCreatedInTheEventGridSchemaWithTheNameFromTheSubject() {
    new UploadsAzureEntry(adapter)
        .run(
            Fixtures.text("eventgrid/blob-created.eventgrid-schema.json"),
            new Fakes.Context("Uploads"));

    ObjectEvent event = Recorder.last(ObjectEvent.class);
    assertThat(event.kind()).isEqualTo(ObjectEvent.Kind.CREATED);
    assertThat(event.bucket()).isEqualTo("test-container");
    assertThat(event.key()).isEqualTo("reports/q1 2026+final.csv");
    assertThat(event.size()).hasValue(2048);
    assertThat(event.etag()).contains("0x8DDABCDEF0123");
    assertThat(event.contentType()).contains("text/csv");
    assertThat(event.time()).isEqualTo(Instant.parse("2026-11-22T12:00:01.5Z"));
    assertThat(event.id()).isEqualTo("0f1e2d3c-0000-0000-0000-000000000001");
    assertThat(event.metadata()).as("Event Grid blob events carry no user metadata").isEmpty();
  }

  @Test
  void mapsBlobDeletedInTheCloudEventsSchema() {
    new UploadsAzureEntry(adapter)
        .run(
            Fixtures.text("eventgrid/blob-deleted.cloudevents-schema.json"),
            new Fakes.Context("Uploads"));

    ObjectEvent event = Recorder.last(ObjectEvent.class);
    assertThat(event.kind()).isEqualTo(ObjectEvent.Kind.DELETED);
    assertThat(event.key()).isEqualTo("old/photo.png");
    assertThat(event.size()).isEmpty();
    assertThat(event.time()).isEqualTo(Instant.parse("2026-11-22T12:05:00Z"));
  }

  @Test
  void decodesTheNameFromTheUrlWhenTheSubjectIsNotABlobSubject() {
    String event =
        Fixtures.text("eventgrid/blob-created.eventgrid-schema.json")
            .replace(
                "/blobServices/default/containers/test-container/blobs/reports/q1 2026+final.csv",
                "elsewhere");
    new UploadsAzureEntry(adapter).run(event, new Fakes.Context("Uploads"));
    assertThat(Recorder.last(ObjectEvent.class).key()).isEqualTo("reports/q1 2026+final.csv");
  }

  @Test
  void refusesBlobEventsWithoutANeutralKind() {
    assertThatThrownBy(
            () ->
                new UploadsAzureEntry(adapter)
                    .run(
                        Fixtures.text("eventgrid/blob-tier-changed.failing.json"),
                        new Fakes.Context("Uploads")))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("azure: Event Grid event of type Microsoft.Storage.BlobTierChanged");
  }

  @Test
  void refusesEventsForContainersNoFunctionWatches() {
    String other =
        Fixtures.text("eventgrid/blob-created.eventgrid-schema.json")
            .replace("test-container", "other");
    assertThatThrownBy(
            () -> new UploadsAzureEntry(adapter).run(other, new Fakes.Context("Uploads")))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining("bucket other");
  }

  @Test
  void failsTheEventWhenTheStorageFunctionThrows() {
    String poison =
        Fixtures.text("eventgrid/blob-created.eventgrid-schema.json")
            .replace("reports/q1 2026+final.csv", "poison.txt");
    assertThatThrownBy(
            () -> new UploadsAzureEntry(adapter).run(poison, new Fakes.Context("Uploads")))
        .isInstanceOf(FunctionFailedException.class);
  }

  @Test
  void mapsTheBlobTriggerFromNameAndProperties() {
    JsonNode f = Fixtures.json("blob/png-upload.json");
    new ThumbnailsAzureEntry(adapter)
        .run(
            new byte[] {1, 2},
            Fixtures.bound(f, "BlobTrigger"),
            Fixtures.bound(f, "Properties"),
            Fixtures.bound(f, "Metadata"),
            new Fakes.Context("Thumbnails"));

    ObjectEvent event = Recorder.last(ObjectEvent.class);
    JsonNode e = f.get("expected");
    assertThat(event.kind()).isEqualTo(ObjectEvent.Kind.CREATED);
    assertThat(event.bucket()).isEqualTo(e.get("bucket").asText());
    assertThat(event.key()).isEqualTo(e.get("key").asText());
    assertThat(event.size()).hasValue(e.get("size").asLong());
    assertThat(event.etag()).contains(e.get("etag").asText());
    assertThat(event.contentType()).contains(e.get("contentType").asText());
    assertThat(event.time()).isEqualTo(Instant.parse(e.get("time").asText()));
    assertThat(event.id()).isEqualTo(e.get("id").asText());
    assertThat(event.metadata()).isEqualTo(Map.of("camera", e.at("/metadata/camera").asText()));
    assertThat(event.raw().map(Object::toString).orElse("")).contains("camera");
  }

  @Test
  void readsBlobMetadataBoundAsAQuotedJsonStringAndNoneFromNull() {
    JsonNode f = Fixtures.json("blob/png-upload.json");
    ThumbnailsAzureEntry entry = new ThumbnailsAzureEntry(adapter);
    entry.run(
        new byte[] {1},
        Fixtures.bound(f, "BlobTrigger"),
        Fixtures.bound(f, "Properties"),
        "\"{\\\"camera\\\":\\\"x100\\\",\\\"owner\\\":\\\"Zoë\\\"}\"",
        new Fakes.Context("Thumbnails"));
    ObjectEvent quoted = Recorder.last(ObjectEvent.class);
    entry.run(
        new byte[] {1},
        Fixtures.bound(f, "BlobTrigger"),
        Fixtures.bound(f, "Properties"),
        "null",
        new Fakes.Context("Thumbnails"));
    ObjectEvent none = Recorder.last(ObjectEvent.class);

    assertThat(quoted.metadata())
        .containsExactly(Map.entry("camera", "x100"), Map.entry("owner", "Zoë"));
    assertThat(none.metadata()).isEmpty();
  }

  @Test
  void refusesABlobWhoseMetadataCannotBeReadInsteadOfDeliveringIt() {
    JsonNode f = Fixtures.json("blob/unreadable-metadata.failing.json");
    ThumbnailsAzureEntry entry = new ThumbnailsAzureEntry(adapter);
    assertThatThrownBy(
            () ->
                entry.run(
                    new byte[] {1},
                    Fixtures.bound(f, "BlobTrigger"),
                    Fixtures.bound(f, "Properties"),
                    Fixtures.bound(f, "Metadata"),
                    new Fakes.Context("Thumbnails")))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("azure: blob trigger for original-images/cats/tabby.png Metadata")
        .hasMessageContaining(f.get("error").asText());
    assertThatThrownBy(
            () ->
                entry.run(
                    new byte[] {1},
                    Fixtures.bound(f, "BlobTrigger"),
                    Fixtures.bound(f, "Properties"),
                    "[\"camera\",\"x100\"]",
                    new Fakes.Context("Thumbnails")))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("Metadata is not a JSON object but array");
    assertThat(Recorder.drain()).isEmpty();
  }
}
