package dev.tern;

/**
 * A function fired by a schedule declared with {@link OnSchedule}.
 *
 * <p>Throwing fails the tick: EventBridge invokes Lambda asynchronously, so Lambda retries a failed
 * tick twice and then sends it to the function's failure destination or dead-letter queue; Cloud
 * Scheduler retries per the job's retry config (none by default); Azure's timer trigger does not
 * retry but runs again at the next slot.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ScheduleFunction {
  void handle(Tick tick, Context context) throws Exception;
}
