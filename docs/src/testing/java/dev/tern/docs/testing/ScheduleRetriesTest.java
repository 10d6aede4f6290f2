package dev.tern.docs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.Cloud;
import dev.tern.Tick;
import dev.tern.testing.DeadTick;
import dev.tern.testing.Delivery;
import dev.tern.testing.Harness;
import dev.tern.testing.StoragePolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A failed tick is retried as each cloud retries it, as testing.md shows. */
class ScheduleRetriesTest {
  @Test
  void keepsTheTickLambdaGaveUpOn() {
    // snippet: testing-schedule-retries
    // a function with MaximumRetryAttempts 1: two attempts
    StoragePolicy retries = StoragePolicy.lambdaAsync().withMaxAttempts(2);
    Harness harness =
        Harness.builder()
            .functions(NightlyExport.class)
            .cloud(Cloud.AWS)
            .scheduleDelivery(retries)
            .build();
    Tick tick = harness.fire(NightlyExport.class);
    harness.advance(Duration.ofMinutes(5));
    // attempts at 00:00 and 00:01, then:

    DeadTick dead = harness.deadTicks("NightlyExport").get(0);
    // dead.tick() is tick, dead.discarded() is true, and dead.reason() is
    // "Lambda's asynchronous invocation ran out of its 2 attempts; the platform discards the event"
    // end snippet

    assertThat(harness.deliveriesOf("NightlyExport"))
        .extracting(Delivery::attempt, Delivery::succeeded)
        .containsExactly(tuple(1, false), tuple(2, false));
    assertThat(dead.tick()).isSameAs(tick);
    assertThat(dead.discarded()).isTrue();
    assertThat(dead.reason())
        .isEqualTo(
            "Lambda's asynchronous invocation ran out of its 2 attempts; the platform discards"
                + " the event");
  }
}
