package dev.tern;

/**
 * A function fired by a schedule declared with {@link OnSchedule}.
 *
 * <p>Throwing fails the tick: EventBridge retries per its retry policy (up to 185 times over 24
 * hours by default), Cloud Scheduler retries per the job's retry config, and Azure's timer trigger
 * does not retry but runs again at the next slot.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ScheduleFunction {
  void handle(Tick tick, Context context) throws Exception;
}
