package dev.tern.docs.testing;

import dev.tern.Context;
import dev.tern.OnSchedule;
import dev.tern.ScheduleFunction;
import dev.tern.Tick;

/** Exports the day's orders once a night, to a store that is down. */
@OnSchedule(cron = "0 3 * * *")
public final class NightlyExport implements ScheduleFunction {
  @Override
  public void handle(Tick tick, Context context) {
    throw new IllegalStateException("export store unavailable");
  }
}
