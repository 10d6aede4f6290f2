package dev.tern.docs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Tick;
import dev.tern.testing.AcrossClouds;
import dev.tern.testing.DeadTick;
import dev.tern.testing.Delivery;
import dev.tern.testing.Harness;
import dev.tern.testing.StoragePolicy;
import dev.tern.testing.TernTest;
import java.time.Duration;

/** {@code @TernTest} chooses how failed ticks are retried, the same in every run. */
// snippet: testing-tern-test-schedule
@TernTest(value = NightlyExport.class, schedule = StoragePolicy.Preset.LAMBDA_ASYNC)
// end snippet
class SchedulePresetTest {
  @AcrossClouds
  void retriesAsLambdaInEveryRun(Harness harness) {
    Tick tick = harness.fire(NightlyExport.class);
    harness.advance(Duration.ofMinutes(5));

    assertThat(harness.schedulePolicy()).isEqualTo(StoragePolicy.lambdaAsync());
    assertThat(harness.deliveriesOf("NightlyExport"))
        .extracting(Delivery::attempt)
        .containsExactly(1, 2, 3);
    assertThat(harness.deadTicks("NightlyExport")).extracting(DeadTick::tick).containsExactly(tick);
  }
}
