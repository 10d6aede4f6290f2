package dev.tern.docs.testing;

import dev.tern.Context;
import dev.tern.OnSchedule;
import dev.tern.ScheduleFunction;
import dev.tern.Tick;
import java.util.Map;

/** Logs once a night. */
@OnSchedule(cron = "0 2 * * *")
public final class NightlyReport implements ScheduleFunction {
  @Override
  public void handle(Tick tick, Context context) {
    context.log().info("nightly report", Map.of("dueAt", tick.dueAt().toString()));
  }
}
