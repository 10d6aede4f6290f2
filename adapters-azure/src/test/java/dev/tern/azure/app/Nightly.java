package dev.tern.azure.app;

import dev.tern.Context;
import dev.tern.OnSchedule;
import dev.tern.ScheduleFunction;
import dev.tern.Tick;

/** Fires at 02:00 UTC on weekdays. */
@OnSchedule(cron = "0 2 * * MON-FRI")
public final class Nightly implements ScheduleFunction {
  @Override
  public void handle(Tick tick, Context context) {
    Recorder.record(tick);
  }
}
