package dev.tern;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A schedule fired.
 *
 * <p>{@link #dueAt()} is when the schedule was meant to fire, {@link #firedAt()} when it did. A
 * tick is {@link #isLate() late} when the platform says it fired after a missed slot (Azure's
 * {@code IsPastDue}); on other clouds it is never late.
 *
 * @since 0.1
 */
public final class Tick {
  private final String name;
  private final Instant dueAt;
  private final Instant firedAt;
  private final boolean late;
  private final Object raw;

  private Tick(String name, Instant dueAt, Instant firedAt, boolean late, Object raw) {
    this.name = name;
    this.dueAt = dueAt;
    this.firedAt = firedAt;
    this.late = late;
    this.raw = raw;
  }

  public static Tick of(String name, Instant dueAt, Instant firedAt, boolean late) {
    return of(name, dueAt, firedAt, late, null);
  }

  /** A tick with its native payload. */
  public static Tick of(String name, Instant dueAt, Instant firedAt, boolean late, Object raw) {
    return new Tick(
        requireNonNull(name, "name == null"),
        requireNonNull(dueAt, "dueAt == null"),
        requireNonNull(firedAt, "firedAt == null"),
        late,
        raw);
  }

  /** The schedule's name as declared in {@link OnSchedule#name()}. */
  public String name() {
    return name;
  }

  public Instant dueAt() {
    return dueAt;
  }

  public Instant firedAt() {
    return firedAt;
  }

  public boolean isLate() {
    return late;
  }

  public Optional<Object> raw() {
    return Optional.ofNullable(raw);
  }

  public <T> Optional<T> unwrap(Class<T> type) {
    requireNonNull(type, "type == null");
    return type.isInstance(raw) ? Optional.of(type.cast(raw)) : Optional.empty();
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Tick)) {
      return false;
    }
    Tick that = (Tick) other;
    return name.equals(that.name)
        && dueAt.equals(that.dueAt)
        && firedAt.equals(that.firedAt)
        && late == that.late;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + dueAt.hashCode();
  }

  @Override
  public String toString() {
    return "Tick[" + name + " due " + dueAt + ", fired " + firedAt + (late ? ", late" : "") + "]";
  }
}
