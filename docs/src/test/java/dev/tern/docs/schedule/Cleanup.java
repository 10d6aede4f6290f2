package dev.tern.docs.schedule;

import dev.tern.Context;
import dev.tern.OnSchedule;
import dev.tern.ScheduleFunction;
import dev.tern.Tick;
import java.util.Map;

// snippet: schedule-setting-source
@OnSchedule(cron = "30 3 * * *", source = "${CLEANUP_JOB}") // CLEANUP_JOB=ops-cleanup-prod
public final class Cleanup implements ScheduleFunction { // …
  @Override
  public void handle(Tick tick, Context context) {
    context.log().info("cleanup", Map.of("dueAt", tick.dueAt().toString()));
  }
}
// end snippet
