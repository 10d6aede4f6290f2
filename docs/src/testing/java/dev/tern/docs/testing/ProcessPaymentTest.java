package dev.tern.docs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.testing.AcrossClouds;
import dev.tern.testing.Delivery;
import dev.tern.testing.Harness;
import dev.tern.testing.TernTest;
import org.junit.jupiter.api.Test;

// snippet: testing-tern-test
@TernTest(
    value = ProcessPayment.class,
    settings = "ORDERS_QUEUE=orders",
    versionedBuckets = "receipts")
class ProcessPaymentTest {
  @Test
  void paysTheOrder(Harness harness) { // … a fresh harness per test
    harness.enqueue("orders", "{\"orderId\":\"o-1\"}");

    assertThat(harness.instance(ProcessPayment.class).charged).hasSize(1);
    assertThat(harness.deliveries()).hasSize(1);
  }

  @AcrossClouds
  void paysTheOrderOnEveryCloud(Harness harness) { // … [local] [aws] [azure] [gcp]
    harness.enqueue("orders", "{\"orderId\":\"o-1\"}");

    assertThat(harness.deliveries()).extracting(Delivery::succeeded).containsExactly(true);
  }
}
// end snippet
