package dev.tern.aws.fns;

import dev.tern.Context;
import dev.tern.OnSchedule;
import dev.tern.ScheduleFunction;
import dev.tern.Tick;

/** A schedule fired by a rule SAM named, not by a rule named like the function. */
@OnSchedule(cron = "0 2 * * *", source = "orders-NightlyReportSchedule-1X2Y3Z")
public final class NightlyReport implements ScheduleFunction {
  @Override
  public void handle(Tick tick, Context context) {
    Recorder.record("NightlyReport", tick, context);
  }
}
