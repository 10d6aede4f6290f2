package dev.tern.docs.schedule;

import dev.tern.Context;
import dev.tern.OnSchedule;
import dev.tern.ScheduleFunction;
import dev.tern.Tick;
import java.util.Map;

// snippet: schedule-source
@OnSchedule(cron = "0 2 * * *", source = "orders-NightlyReportSchedule-1X2Y3Z")
public final class NightlyReport implements ScheduleFunction { // …
  @Override
  public void handle(Tick tick, Context context) {
    context.log().info("report", Map.of("dueAt", tick.dueAt().toString()));
  }
}
// end snippet
