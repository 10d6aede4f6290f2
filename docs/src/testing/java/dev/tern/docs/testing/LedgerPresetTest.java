package dev.tern.docs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.testing.DeliveryPolicy;
import dev.tern.testing.Harness;
import dev.tern.testing.TernTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code @TernTest} chooses the delivery preset, its attempts and the start of the clock. */
// snippet: testing-tern-test-delivery
@TernTest(
    value = Ledger.class,
    delivery = DeliveryPolicy.Preset.SQS_FIFO,
    maxAttempts = 3,
    startingAt = "2026-03-29T00:30:00Z")
// end snippet
class LedgerPresetTest {
  @Test
  void usesThePresetWithThreeAttempts(Harness harness) {
    assertThat(harness.policy()).isEqualTo(DeliveryPolicy.sqsFifo().withMaxAttempts(3));
    assertThat(harness.clock().instant()).isEqualTo(Instant.parse("2026-03-29T00:30:00Z"));
  }
}
