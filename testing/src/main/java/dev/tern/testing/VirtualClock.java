package dev.tern.testing;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until told to move. The harness hands it to functions as {@link
 * dev.tern.Context#clock()}, and moves it in {@link Harness#advance(Duration)} so schedules and
 * redeliveries happen at exact, repeatable instants.
 *
 * @since 0.1
 */
public final class VirtualClock extends Clock {
  /** Where a harness clock starts unless told otherwise: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private volatile Instant now;

  private VirtualClock(Instant start) {
    this.now = start;
  }

  public static VirtualClock startingAt(Instant start) {
    return new VirtualClock(requireNonNull(start, "start == null"));
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a virtual clock is always UTC");
  }

  /** Moves to {@code instant}; the clock never goes backwards. */
  void moveTo(Instant instant) {
    if (instant.isBefore(now)) {
      throw new IllegalStateException(
          "the virtual clock cannot go back from " + now + " to " + instant);
    }
    now = instant;
  }

  @Override
  public String toString() {
    return "VirtualClock[" + now + "]";
  }
}
