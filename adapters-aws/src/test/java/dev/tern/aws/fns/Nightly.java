package dev.tern.aws.fns;

import dev.tern.Context;
import dev.tern.OnSchedule;
import dev.tern.ScheduleFunction;
import dev.tern.Tick;

/** A nightly schedule. */
@OnSchedule(cron = "0 2 * * *")
public final class Nightly implements ScheduleFunction {
  @Override
  public void handle(Tick tick, Context context) {
    Recorder.record("Nightly", tick, context);
  }
}
