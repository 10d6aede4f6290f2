package dev.tern.docs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.ObjectEvent;
import dev.tern.testing.AcrossClouds;
import dev.tern.testing.Harness;
import dev.tern.testing.StoragePolicy;
import dev.tern.testing.TernTest;
import java.time.Duration;

/** {@code @TernTest} chooses the storage preset for every run. */
// snippet: testing-tern-test-storage
@TernTest(value = ScanReceipts.class, storage = StoragePolicy.Preset.LAMBDA_ASYNC)
// end snippet
class StoragePresetTest {
  @AcrossClouds
  void retriesAsLambdaInEveryRun(Harness harness) {
    ObjectEvent put = harness.putObject("receipts", "bad/o-1.pdf", "%PDF");
    harness.advance(Duration.ofMinutes(3));

    assertThat(harness.storagePolicy(ScanReceipts.class)).isEqualTo(StoragePolicy.lambdaAsync());
    assertThat(harness.deliveriesOf(put.id())).hasSize(3);
    assertThat(harness.deadEvents("receipts")).containsExactly(put);
  }
}
