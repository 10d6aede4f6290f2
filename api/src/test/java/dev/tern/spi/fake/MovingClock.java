package dev.tern.spi.fake;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands still until the test moves it, forwards or back. Safe to read from other
 * threads.
 */
public final class MovingClock extends Clock {
  private volatile Instant now;

  /** A clock that reads {@code start} until moved. */
  public MovingClock(Instant start) {
    this.now = requireNonNull(start, "start == null");
  }

  /** Moves the clock by {@code duration}, which may be negative. */
  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** Moves the clock by {@code seconds}, which may be negative. */
  public void advanceSeconds(long seconds) {
    now = now.plusSeconds(seconds);
  }

  /** Sets the clock to {@code instant}, earlier or later than now. */
  public void set(Instant instant) {
    now = requireNonNull(instant, "instant == null");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** This clock, for UTC; it has no other zone. */
  @Override
  public Clock withZone(ZoneId zone) {
    if (!ZoneOffset.UTC.equals(zone)) {
      throw new UnsupportedOperationException("a moving clock is always UTC, not " + zone);
    }
    return this;
  }

  @Override
  public String toString() {
    return "MovingClock[" + now + "]";
  }
}
