package dev.tern.docs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Cloud;
import dev.tern.ObjectEvent;
import dev.tern.testing.DeadEvent;
import dev.tern.testing.Delivery;
import dev.tern.testing.Harness;
import dev.tern.testing.StoragePolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Storage events are retried as each cloud retries them, as testing.md shows. */
class StorageRetriesTest {
  @Test
  void keepsTheEventCloudFunctionsWouldDrop() {
    // snippet: testing-storage-gcp
    Harness harness =
        Harness.builder()
            .functions(ScanReceipts.class)
            .cloud(Cloud.GCP)
            .storageDelivery(StoragePolicy.eventarc()) // deployed without --retry
            .build();
    ObjectEvent put = harness.putObject("receipts", "bad/o-1.pdf", "%PDF");
    // one failed attempt, and no retry: without --retry, Cloud Functions drops the event

    DeadEvent dead = harness.deadEvent(put.id()).orElseThrow();
    // dead.discarded() is true, and harness.deadEvents("receipts") holds the event
    // end snippet

    assertThat(harness.deliveriesOf(put.id()))
        .extracting(Delivery::succeeded)
        .containsExactly(false);
    assertThat(harness.deadEvents("receipts")).containsExactly(put);
    assertThat(dead.discarded()).isTrue();
    assertThat(dead.reason())
        .isEqualTo(
            "Cloud Functions without --retry makes no retries; the platform discards the event");
  }

  @Test
  void retriesAsTheChosenPolicy() {
    // snippet: testing-storage-policy
    Harness harness =
        Harness.builder()
            .functions(ScanReceipts.class)
            .cloud(Cloud.AZURE)
            .storageDelivery(StoragePolicy.eventGrid().withMaxAttempts(3)) // max delivery attempts
            .build();
    // end snippet
    ObjectEvent put = harness.putObject("receipts", "bad/o-1.pdf", "%PDF");
    harness.advance(Duration.ofMinutes(1));

    assertThat(harness.deliveriesOf(put.id())).hasSize(3);
    assertThat(harness.deadEvent(put.id()).orElseThrow().attempts()).isEqualTo(3);
  }

  @Test
  void retriesOnGcpAsTheDeployGuideDeploys() {
    Harness harness = Harness.builder().functions(ScanReceipts.class).cloud(Cloud.GCP).build();
    ObjectEvent put = harness.putObject("receipts", "bad/o-1.pdf", "%PDF");
    harness.advance(Duration.ofSeconds(30));

    assertThat(harness.storagePolicy(ScanReceipts.class))
        .isEqualTo(StoragePolicy.eventarcWithRetry());
    assertThat(harness.deliveriesOf(put.id())).hasSize(3); // at 0, 10 and 30 s
    assertThat(harness.deadEvent(put.id())).isEmpty();
  }

  @Test
  void retriesAsLambdaWithAnOnFailureDestination() {
    // snippet: testing-storage-destination
    Harness harness =
        Harness.builder()
            .functions(ScanReceipts.class)
            .cloud(Cloud.AWS)
            .storageDelivery(StoragePolicy.lambdaAsync().withDeadLetter("receipts-failed"))
            .build();
    ObjectEvent put = harness.putObject("receipts", "bad/o-1.pdf", "%PDF");
    harness.advance(Duration.ofMinutes(3));
    // attempts at 00:00, 00:01 and 00:03, then:
    // "Lambda's asynchronous invocation ran out of its 3 attempts; it goes to receipts-failed"
    // end snippet

    assertThat(harness.deliveriesOf(put.id()))
        .extracting(Delivery::at)
        .extracting(at -> Duration.between(harness.deliveriesOf(put.id()).get(0).at(), at))
        .containsExactly(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(3));
    assertThat(harness.deadEvent(put.id()).orElseThrow().reason())
        .isEqualTo(
            "Lambda's asynchronous invocation ran out of its 3 attempts; it goes to receipts-failed");
  }
}
