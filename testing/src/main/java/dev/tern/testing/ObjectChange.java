package dev.tern.testing;

import static java.util.Objects.requireNonNull;

import dev.tern.InvalidValueException;
import dev.tern.ObjectEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What a bucket knows about one change of an object that the change's {@link ObjectEvent} does not
 * say: whether the bucket keeps versions, the change's place in the order of changes, and the
 * version of the delete marker that deleting an object from a versioned S3 bucket leaves. A {@link
 * CloudShape} sends what its cloud's event carries of it; given {@code ObjectChange.versioned(7)},
 * the AWS shape sends the event's version as {@code s3.object.versionId} and {@code "sequencer":
 * "000000000000000007"}, and with {@code ObjectChange.unversioned(7)} the same sequencer and no
 * {@code versionId}.
 *
 * <p>The {@link Harness} numbers the changes of its buckets 1, 2, 3, … in the order they happen, so
 * a later change of a key always has the greater sequence, and a redelivery keeps the sequence of
 * its first delivery, as S3 and Event Grid keep a duplicate's sequencer.
 *
 * @param versioned whether the bucket keeps versions (S3 versioning, Azure blob versioning, Cloud
 *     Storage Object Versioning)
 * @param sequence the change's place in the order of changes, 0 or more
 * @param deleteMarker the version id of the delete marker the change left, for the deletion of an
 *     object from a versioned S3 bucket
 * @since 0.1
 */
public record ObjectChange(boolean versioned, long sequence, Optional<String> deleteMarker) {
  public ObjectChange {
    if (sequence < 0) {
      throw new InvalidValueException("sequence is negative: " + sequence);
    }
    requireNonNull(deleteMarker, "deleteMarker == null");
    if (deleteMarker.isPresent() && !versioned) {
      throw new InvalidValueException(
          "delete marker " + deleteMarker.get() + " in a bucket without versioning");
    }
  }

  /** The {@code sequence}th change in a bucket without versioning. */
  public static ObjectChange unversioned(long sequence) {
    return new ObjectChange(false, sequence, Optional.empty());
  }

  /** The {@code sequence}th change in a versioned bucket. */
  public static ObjectChange versioned(long sequence) {
    return new ObjectChange(true, sequence, Optional.empty());
  }

  /**
   * The change a storage event stands for when it is delivered on its own, by {@link
   * CloudShape#storage(ObjectEvent)}: in a bucket without versioning, sequenced by its time in
   * microseconds since the epoch (0 before it), so that of two events of a key the later one has
   * the greater sequence.
   */
  public static ObjectChange of(ObjectEvent event) {
    requireNonNull(event, "event == null");
    Instant time = event.time();
    return unversioned(
        time.isBefore(Instant.EPOCH) ? 0 : ChronoUnit.MICROS.between(Instant.EPOCH, time));
  }

  /**
   * This change of a versioned bucket, leaving a delete marker with version id {@code version}, as
   * deleting an object from a versioned S3 bucket without naming a version does.
   */
  public ObjectChange withDeleteMarker(String version) {
    requireNonNull(version, "version == null");
    if (!versioned) {
      throw new InvalidValueException(
          "delete marker " + version + " in a bucket without versioning");
    }
    return new ObjectChange(true, sequence, Optional.of(version));
  }
}
