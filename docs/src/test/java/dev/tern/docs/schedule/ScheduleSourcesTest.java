package dev.tern.docs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.Cloud;
import dev.tern.testing.Delivery;
import dev.tern.testing.Harness;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A schedule reaches its function by the source it names, also through a setting. */
class ScheduleSourcesTest {
  @ParameterizedTest
  @EnumSource(Cloud.class)
  void bothFireAtTheirSlots(Cloud cloud) {
    Harness harness =
        Harness.builder()
            .functions(NightlyReport.class, Cleanup.class)
            .setting("CLEANUP_JOB", "ops-cleanup-prod")
            .cloud(cloud)
            .build();

    harness.advance(Duration.ofHours(4));

    assertThat(harness.deliveries())
        .extracting(Delivery::function, Delivery::succeeded)
        .containsExactly(tuple("NightlyReport", true), tuple("Cleanup", true));
  }

  @Test
  void firesByName() {
    Harness harness = Harness.builder().functions(NightlyReport.class).build();

    assertThat(harness.fire("NightlyReport").name()).isEqualTo("NightlyReport");
  }
}
