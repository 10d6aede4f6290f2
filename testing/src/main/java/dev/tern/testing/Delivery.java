package dev.tern.testing;

import java.time.Instant;
import java.util.Optional;

/**
 * One call of a function made by the harness, and how it ended.
 *
 * @param function the function's name
 * @param kind {@code http}, {@code queue}, {@code storage}, {@code schedule} or {@code auth}
 * @param eventId the message id, object event id, schedule name or request line
 * @param attempt which attempt this was, from 1
 * @param at the virtual time of the call
 * @param error what the function threw, or null when it succeeded; for {@code http}, an answer with
 *     a 5xx status counts as failed. A failure names the exception's class and message, {@code
 *     function Pay failed on message m-1: java.lang.IllegalStateException: card declined}, and its
 *     cause is the exception, on every cloud
 * @param status for {@code http}, the status of the answer; 0 for the other kinds
 * @since 0.1
 */
public record Delivery(
    String function,
    String kind,
    String eventId,
    int attempt,
    Instant at,
    Throwable error,
    int status) {
  /** A delivery of an event that is not an HTTP request. */
  public Delivery(
      String function, String kind, String eventId, int attempt, Instant at, Throwable error) {
    this(function, kind, eventId, attempt, at, error, 0);
  }

  public boolean succeeded() {
    return error == null;
  }

  public Optional<Throwable> failure() {
    return Optional.ofNullable(error);
  }

  @Override
  public String toString() {
    return at
        + " "
        + kind
        + " "
        + function
        + " "
        + eventId
        + " attempt "
        + attempt
        + (error != null ? " FAILED: " + error : status != 0 ? " answered " + status : " ok");
  }
}
