package dev.tern.testing;

import static java.util.Objects.requireNonNull;

import dev.tern.Tick;
import java.time.Duration;
import java.time.Instant;

/**
 * A tick that ran out of attempts under {@link Harness#schedulePolicy()}, and why, as {@link
 * DeadEvent} says it of a storage event: {@code Lambda's asynchronous invocation ran out of its 3
 * attempts; the platform discards the event}.
 *
 * @param tick the tick as it was fired, as {@link Harness#fire(String)} and {@link
 *     Harness#advance(Duration)} return it; its retries had the same {@link Tick#dueAt()}
 * @param function the schedule function that failed it
 * @param attempts how many attempts it had
 * @param at the virtual time it ran out: that of its last attempt
 * @param error what the last attempt failed with
 * @param discarded whether the platform would have dropped it, as it keeps no dead letter for it
 *     (on AWS, a function without an on-failure destination or dead-letter queue)
 * @param reason why it ran out and what the platform does with it
 * @since 0.1
 */
public record DeadTick(
    Tick tick,
    String function,
    int attempts,
    Instant at,
    Throwable error,
    boolean discarded,
    String reason) {
  public DeadTick {
    requireNonNull(tick, "tick == null");
    requireNonNull(function, "function == null");
    requireNonNull(at, "at == null");
    requireNonNull(error, "error == null");
    requireNonNull(reason, "reason == null");
  }
}
