package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.Body;
import dev.tern.Cloud;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.spi.FunctionDescriptor;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.opentest4j.AssertionFailedError;

/** The harness options {@link TernTest} passes on, in each run of {@link AcrossClouds}. */
@TernTest(value = HarnessTest.Photos.class, azureBlobTrigger = true)
class TernExtensionTest {
  private static final Map<String, String> METADATA = Map.of("camera", "x100");

  private static ObjectEvent put(Harness harness) {
    harness.putObject("photos", "cats/tabby.png", new byte[] {1, 2, 3}, "image/png", METADATA);
    assertThat(harness.instance(HarnessTest.Photos.class).events).hasSize(1);
    return harness.instance(HarnessTest.Photos.class).events.get(0);
  }

  @AcrossClouds
  void deliversMetadataOnEveryCloudWhoseChosenSourceCarriesIt(Harness harness) {
    ObjectEvent got = put(harness);

    // S3 notifications never carry it; on Azure the class chose the blob trigger, which does.
    assertThat(got.metadata())
        .as(harness.cloud().name())
        .isEqualTo(harness.cloud() == Cloud.AWS ? Map.of() : METADATA);
  }

  @AcrossClouds(Cloud.AZURE)
  @TernTest(HarnessTest.Photos.class)
  void deliversEventGridEventsOnAzureUnlessTheBlobTriggerIsChosen(Harness harness) {
    ObjectEvent got = put(harness);

    assertThat(harness.cloud()).isEqualTo(Cloud.AZURE);
    assertThat(got.metadata()).isEmpty();
    assertThat(got.id()).doesNotContain("@");
  }

  @AcrossClouds
  @TernTest(value = HarnessTest.Uploads.class, versionedBuckets = "uploads")
  void declaresVersionedBucketsForEveryRun(Harness harness) {
    harness.putObject("uploads", "a.png", new byte[] {1}, "image/png");
    harness.deleteObject("uploads", "a.png");

    List<ObjectEvent> uploads = harness.instance(HarnessTest.Uploads.class).events;
    Map<ObjectEvent.Kind, Optional<String>> versions = new LinkedHashMap<>();
    uploads.forEach(e -> versions.put(e.kind(), e.version()));
    switch (harness.cloud()) {
      case GCP:
        // Object Versioning: the deleted object became noncurrent, reported as ARCHIVED
        assertThat(versions).containsExactly(Map.entry(ObjectEvent.Kind.CREATED, Optional.of("1")));
        break;
      case AWS:
        // the delete marker is a version of its own
        assertThat(versions)
            .containsExactly(
                Map.entry(ObjectEvent.Kind.CREATED, Optional.of("1")),
                Map.entry(ObjectEvent.Kind.DELETED, Optional.of("2")));
        break;
      case AZURE:
        // Event Grid blob events have no version field
        assertThat(versions)
            .containsExactly(
                Map.entry(ObjectEvent.Kind.CREATED, Optional.empty()),
                Map.entry(ObjectEvent.Kind.DELETED, Optional.empty()));
        break;
      default:
        assertThat(versions)
            .containsExactly(
                Map.entry(ObjectEvent.Kind.CREATED, Optional.of("1")),
                Map.entry(ObjectEvent.Kind.DELETED, Optional.of("1")));
    }
  }

  @AcrossClouds
  @TernTest(
      value = {HarnessTest.Photos.class, HarnessTest.Uploads.class},
      azureBlobTriggerFor = HarnessTest.Photos.class)
  void deliversOnAzureThroughTheBlobTriggerOnlyTheChosenFunctionsEvents(Harness harness) {
    ObjectEvent photo = put(harness);
    harness.putObject("uploads", "a.png", new byte[] {1}, "image/png", METADATA);
    harness.deleteObject("uploads", "a.png");

    List<ObjectEvent> uploads = harness.instance(HarnessTest.Uploads.class).events;
    assertThat(uploads)
        .extracting(ObjectEvent::kind)
        .containsExactly(ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED);
    if (harness.cloud() == Cloud.AZURE) {
      assertThat(photo.metadata()).as("through the blob trigger").isEqualTo(METADATA);
      assertThat(photo.id()).contains("@");
      assertThat(uploads.get(0).metadata()).as("as an Event Grid event").isEmpty();
      assertThat(uploads.get(0).id()).doesNotContain("@");
    } else {
      assertThat(photo.metadata())
          .isEqualTo(uploads.get(0).metadata())
          .isEqualTo(harness.cloud() == Cloud.AWS ? Map.of() : METADATA);
    }
  }

  @Test
  void deliversAsSqsFromTheDefaultStartUnlessToldOtherwise(Harness harness) {
    assertThat(harness.policy()).isEqualTo(DeliveryPolicy.sqs());
    assertThat(harness.clock().instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @AcrossClouds
  void deliversAsSqsInEveryRunUnlessToldOtherwise(Harness harness) {
    assertThat(harness.policy()).as(harness.cloud().name()).isEqualTo(DeliveryPolicy.sqs());
  }

  @Test
  @TernTest(
      value = OrderedDeliveryTest.Ledger.class,
      delivery = DeliveryPolicy.Preset.SQS_FIFO,
      maxAttempts = 2,
      startingAt = "2026-03-29T00:30:00Z")
  void takesTheDeliveryPresetItsAttemptsAndTheStart(Harness harness) {
    assertThat(harness.policy()).isEqualTo(DeliveryPolicy.sqsFifo().withMaxAttempts(2));
    assertThat(harness.clock().instant()).isEqualTo(Instant.parse("2026-03-29T00:30:00Z"));
  }

  @AcrossClouds
  @TernTest(
      value = OrderedDeliveryTest.Ledger.class,
      delivery = DeliveryPolicy.Preset.SQS_FIFO,
      startingAt = "2026-03-29T00:30:00Z")
  void keepsAMessageGroupInOrderInEveryRunOfAFifoTest(Harness harness) {
    harness.enqueueAll(List.of(ledger("m-1", "fail-once"), ledger("m-2", "after")));

    assertThat(harness.deliveriesOf("m-2"))
        .singleElement()
        .satisfies(d -> assertThat(d.succeeded()).isFalse());
    harness.advance(Duration.ofSeconds(30));
    assertThat(harness.instance(OrderedDeliveryTest.Ledger.class).processed)
        .as(harness.cloud().name())
        .containsExactly("fail-once", "after");
    assertThat(harness.deliveriesOf("m-2"))
        .last()
        .satisfies(d -> assertThat(d.at()).isEqualTo(Instant.parse("2026-03-29T00:30:30Z")));
  }

  @Test
  @TernTest(value = OrderedDeliveryTest.Ledger.class, delivery = DeliveryPolicy.Preset.PUBSUB)
  void namesEachPresetsPolicy(Harness harness) {
    assertThat(harness.policy()).isEqualTo(DeliveryPolicy.pubsub());
    assertThat(DeliveryPolicy.Preset.values())
        .extracting(DeliveryPolicy.Preset::policy)
        .containsExactly(
            DeliveryPolicy.sqs(),
            DeliveryPolicy.sqsFifo(),
            DeliveryPolicy.azureQueue(),
            DeliveryPolicy.pubsub(),
            DeliveryPolicy.pubsubOrdered(),
            DeliveryPolicy.serviceBus(),
            DeliveryPolicy.serviceBusSessions());
  }

  @Test
  void refusesAStartThatIsNotAnInstant() {
    assertThatThrownBy(() -> TernExtension.start("2026-03-29"))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessage(
            "@TernTest startingAt \"2026-03-29\" is not an ISO-8601 instant such as"
                + " 2026-01-01T00:00:00Z");
  }

  private static Message ledger(String id, String body) {
    return Message.builder(id, "ledger").orderingKey("g1").body(Body.ofText(body)).build();
  }

  @Test
  void namesTheCloudInFrontOfAFailedAssertionOfAnAcrossCloudsRunAndKeepsItsValues() {
    TernExtension.CloudNamed aws = new TernExtension.CloudNamed(Cloud.AWS);
    IllegalStateException cause = new IllegalStateException("root");
    AssertionFailedError failed = new AssertionFailedError("expected: 201", 201, 500, cause);
    failed.addSuppressed(new IllegalArgumentException("also"));
    IllegalStateException other = new IllegalStateException("not an assertion");

    Throwable named = aws.named(failed);

    assertThat(named)
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage("[aws] expected: 201")
        .hasCause(cause);
    assertThat(((AssertionFailedError) named).getExpected().getEphemeralValue()).isEqualTo(201);
    assertThat(((AssertionFailedError) named).getActual().getEphemeralValue()).isEqualTo(500);
    assertThat(named.getStackTrace()).isEqualTo(failed.getStackTrace());
    assertThat(named.getSuppressed()).containsExactly(failed.getSuppressed());
    assertThat(new TernExtension.CloudNamed(Cloud.GCP).named(new AssertionError("plain")))
        .isExactlyInstanceOf(AssertionError.class)
        .hasMessage("[gcp] plain");
    assertThat(aws.named(new AssertionError("\nexpected: 2"))).hasMessage("[aws]\nexpected: 2");
    assertThat(aws.named(other)).isSameAs(other);
  }

  /** What a test's {@code @BeforeEach} and {@code @AfterEach} put into its harness, it finds. */
  @Nested
  @TernTest(HarnessTest.Photos.class)
  class SetUpInBeforeEach {
    private Harness before;

    @BeforeEach
    void putAPhoto(Harness harness) {
      before = harness;
      harness.putObject("photos", "set-up.png", new byte[] {1}, "image/png");
    }

    @AfterEach
    void findsWhatTheTestDid(Harness harness) {
      assertThat(harness).isSameAs(before);
      assertThat(harness.instance(HarnessTest.Photos.class).events).hasSize(2);
    }

    @Test
    void getsTheHarnessItsBeforeEachSetUp(Harness harness) {
      assertThat(harness).isSameAs(before);
      assertThat(harness.object("photos", "set-up.png")).isPresent();
      harness.putObject("photos", "test.png", new byte[] {2}, "image/png");
    }

    @AcrossClouds
    void getsInEachRunTheHarnessItsBeforeEachSetUp(Harness harness) {
      assertThat(harness).isSameAs(before);
      assertThat(harness.instance(HarnessTest.Photos.class).events).hasSize(1);
      harness.putObject("photos", "test.png", new byte[] {2}, "image/png");
    }
  }

  /** A nested class without a {@code @TernTest} of its own takes the enclosing class's. */
  @Nested
  class WithoutATernTestOfItsOwn {
    @Test
    void hostsTheFunctionsTheEnclosingClassNames(Harness harness) {
      assertThat(harness.router().functions())
          .extracting(FunctionDescriptor::className)
          .containsExactly(HarnessTest.Photos.class.getName());
    }

    @AcrossClouds(Cloud.AZURE)
    void takesTheOptionsTheEnclosingClassChose(Harness harness) {
      // the enclosing class chose the blob trigger, which carries the metadata
      assertThat(put(harness).metadata()).isEqualTo(METADATA);
    }
  }
}
