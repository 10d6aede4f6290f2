package dev.tern.docs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.Body;
import dev.tern.Cloud;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.testing.Delivery;
import dev.tern.testing.DeliveryPolicy;
import dev.tern.testing.Harness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness as testing.md shows it. */
class HarnessTest {
  private final byte[] meow = "meow".getBytes(StandardCharsets.UTF_8);
  private final byte[] purr = "purr".getBytes(StandardCharsets.UTF_8);

  @Test
  void buildsWithSettingsAndPolicy() {
    // snippet: testing-harness
    Harness harness =
        Harness.builder()
            .functions(CreateOrder.class, ProcessPayment.class, NightlyReport.class)
            .setting("ORDERS_QUEUE", "orders") // resolves @OnQueue("${ORDERS_QUEUE}")
            .delivery(DeliveryPolicy.sqs().withMaxAttempts(3))
            .build();
    // end snippet

    Message paid = harness.enqueue("orders", "{\"orderId\":\"o-1\"}");
    Message declined = harness.enqueue("orders", "{\"orderId\":\"o-2\",\"card\":\"declined\"}");
    harness.advance(Duration.ofMinutes(5));

    assertThat(harness.deliveriesOf(paid.id()))
        .extracting(Delivery::succeeded)
        .containsExactly(true);
    assertThat(harness.deliveriesOf(declined.id())).hasSize(3);
    assertThat(harness.deliveriesOf(declined.id()).get(0).error())
        .hasMessage(
            "function ProcessPayment failed on message m-2: java.lang.IllegalStateException: card"
                + " declined");
    assertThat(harness.deadLetters("orders")).extracting(Message::id).containsExactly("m-2");
    assertThat(harness.instance(ProcessPayment.class).charged).hasSize(1);
  }

  @Test
  void fifoGroupWaitsForItsFailedMessage() {
    // snippet: testing-fifo
    Harness harness =
        Harness.builder().functions(Ledger.class).delivery(DeliveryPolicy.sqsFifo()).build();
    harness.enqueue(
        Message.builder("m-1", "ledger").orderingKey("g1").body(Body.ofText("open")).build());
    harness.enqueue(
        Message.builder("m-2", "ledger").orderingKey("g1").body(Body.ofText("fails once")).build());
    harness.enqueue(
        Message.builder("m-3", "ledger").orderingKey("g1").body(Body.ofText("close")).build());
    // m-1 ok, m-2 failed; m-3 waits
    // end snippet
    assertThat(harness.deliveries())
        .extracting(Delivery::eventId, Delivery::attempt, Delivery::succeeded)
        .containsExactly(tuple("m-1", 1, true), tuple("m-2", 1, false));

    // snippet: testing-fifo-retry
    harness.advance(Duration.ofSeconds(30));
    // m-2 attempt 2 ok, then m-3 attempt 1 ok
    // end snippet
    assertThat(harness.deliveries())
        .extracting(Delivery::eventId, Delivery::attempt, Delivery::succeeded)
        .containsExactly(
            tuple("m-1", 1, true),
            tuple("m-2", 1, false),
            tuple("m-2", 2, true),
            tuple("m-3", 1, true));
  }

  @Test
  void pubsubKeyWaitsForItsFailedMessage() {
    // snippet: testing-pubsub-ordered
    Harness harness =
        Harness.builder().functions(Ledger.class).delivery(DeliveryPolicy.pubsubOrdered()).build();
    harness.enqueue(
        Message.builder("m-1", "ledger").orderingKey("k1").body(Body.ofText("fails once")).build());
    harness.enqueue(
        Message.builder("m-2", "ledger").orderingKey("k1").body(Body.ofText("then")).build());
    harness.enqueue(Message.builder("m-3", "ledger").body(Body.ofText("no key")).build());
    // m-1 failed; m-2 waits; m-3 ok
    // end snippet
    assertThat(harness.deliveries())
        .extracting(Delivery::eventId, Delivery::attempt, Delivery::succeeded)
        .containsExactly(tuple("m-1", 1, false), tuple("m-3", 1, true));

    // snippet: testing-pubsub-ordered-retry
    harness.advance(Duration.ofSeconds(10));
    // m-1 attempt 2 ok, then m-2 attempt 1 ok
    // end snippet
    assertThat(harness.deliveries())
        .extracting(Delivery::eventId, Delivery::attempt, Delivery::succeeded)
        .containsExactly(
            tuple("m-1", 1, false),
            tuple("m-3", 1, true),
            tuple("m-1", 2, true),
            tuple("m-2", 1, true));
  }

  @Test
  void anOverwriteOnGcpAlsoDeletesTheReplacedObject() {
    Harness harness = Harness.builder().functions(Uploads.class).cloud(Cloud.GCP).build();

    // snippet: testing-overwrite
    ObjectEvent first = harness.putObject("uploads", "cat.png", meow, "image/png"); // e-1
    ObjectEvent second = harness.putObject("uploads", "cat.png", purr, "image/png"); // e-2
    // end snippet

    assertThat(first.id()).isEqualTo("e-1");
    assertThat(second.id()).isEqualTo("e-2");
    assertThat(harness.instance(Uploads.class).events)
        .extracting(ObjectEvent::kind, ObjectEvent::id, ObjectEvent::version)
        .containsExactly(
            tuple(ObjectEvent.Kind.CREATED, "e-1", first.version()),
            tuple(ObjectEvent.Kind.CREATED, "e-2", second.version()),
            tuple(ObjectEvent.Kind.DELETED, "e-3", first.version()));
  }

  @Test
  void aVersionedBucketOnAwsLeavesADeleteMarker() {
    // snippet: testing-versioned
    Harness harness =
        Harness.builder()
            .functions(Uploads.class)
            .cloud(Cloud.AWS)
            .versionedBuckets("uploads")
            .build();
    harness.putObject("uploads", "cat.png", meow, "image/png"); // CREATED, version "1"
    harness.deleteObject("uploads", "cat.png"); // DELETED, version "2": the marker's
    harness.putObject("uploads", "cat.png", purr, "image/png"); // CREATED, version "3"
    // end snippet

    assertThat(harness.instance(Uploads.class).events)
        .extracting(e -> e.kind(), e -> e.version().orElse(""))
        .containsExactly(
            tuple(ObjectEvent.Kind.CREATED, "1"),
            tuple(ObjectEvent.Kind.DELETED, "2"),
            tuple(ObjectEvent.Kind.CREATED, "3"));
  }
}
