package dev.tern.docs.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Cloud;
import dev.tern.testing.Harness;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** triggers/schedule.md: NightlyReport logs the paid orders at 02:00 UTC. */
class ScheduleTest {
  @ParameterizedTest
  @EnumSource(Cloud.class)
  void reportsAtTwo(Cloud cloud) {
    OrdersApp app = new OrdersApp();
    app.book().put(new Order("o-1", "PAID"));
    app.book().put(new Order("o-2", "NEW"));
    Harness harness =
        Harness.builder()
            .functions(NightlyReport.class)
            .factory(app)
            .cloud(cloud)
            .startingAt(Instant.parse("2026-03-10T00:00:00Z"))
            .build();

    harness.advance(Duration.ofHours(3));

    assertThat(harness.logs())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"message\":\"nightly report\"")
                    .contains("\"dueAt\":\"2026-03-10T02:00:00Z\"")
                    .contains("\"paid\":1"));
  }
}
