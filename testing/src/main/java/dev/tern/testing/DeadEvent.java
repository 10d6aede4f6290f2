package dev.tern.testing;

import static java.util.Objects.requireNonNull;

import dev.tern.ObjectEvent;
import java.time.Instant;

/**
 * A storage event that ran out of attempts under its {@link StoragePolicy}, and why. The harness
 * keeps every such event, also one the platform would discard: {@link #discarded()} says which, and
 * {@link #reason()} says it in words, {@code Cloud Functions without --retry makes no retries; the
 * platform discards the event}. A schedule function's tick that runs out is a {@link DeadTick}, in
 * {@link Harness#deadTicks(String)}.
 *
 * @param event the event, as {@link Harness#deadEvents(String)} lists it
 * @param function the function that failed it
 * @param attempts how many attempts it had
 * @param at the virtual time it ran out: that of its last attempt
 * @param error what the last attempt failed with
 * @param discarded whether the platform would have dropped it, as it keeps no dead letter for it
 * @param reason why it ran out and what the platform does with it
 * @since 0.1
 */
public record DeadEvent(
    ObjectEvent event,
    String function,
    int attempts,
    Instant at,
    Throwable error,
    boolean discarded,
    String reason) {
  public DeadEvent {
    requireNonNull(event, "event == null");
    requireNonNull(function, "function == null");
    requireNonNull(at, "at == null");
    requireNonNull(error, "error == null");
    requireNonNull(reason, "reason == null");
  }
}
