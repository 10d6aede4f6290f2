package dev.tern;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs work at most once per event, so at-least-once delivery does not repeat side effects.
 *
 * <pre>{@code
 * private final Deduplicator dedupe = Deduplicator.inMemory(Duration.ofHours(24));
 *
 * public void handle(Message message, Context context) throws Exception {
 *   dedupe.once(message.idempotencyKey(), context.clock(), () -> chargeCard(message));
 * }
 * }</pre>
 *
 * <p>Before the work runs its key is leased for {@link #LEASE}; when the work succeeds the key is
 * kept as done for the time to live, and later deliveries are skipped. When the work throws the
 * lease is released so the platform's redelivery tries again. A delivery that arrives while another
 * is still working on the same key fails with {@link InProgressException}, so the platform
 * redelivers it later rather than acknowledging work that may yet fail. An in-memory store dedupes
 * within one instance only; give a shared {@link Store} (a database table with conditional writes)
 * to dedupe across instances.
 *
 * @since 0.1
 */
public final class Deduplicator {
  /** How long a key stays leased to work in progress, so a crashed instance cannot hold it. */
  public static final Duration LEASE = Duration.ofMinutes(15);

  /** The state of a key after a claim. */
  public enum Claim {
    /** The caller holds the lease and should run the work. */
    CLAIMED,
    /** Someone else holds an unexpired lease. */
    IN_PROGRESS,
    /** The work was done within the time to live. */
    DONE
  }

  /**
   * Where keys live. Implementations must make {@link #claim} and {@link #release} atomic: in a
   * database, a conditional write each (for example DynamoDB's {@code ConditionExpression}).
   *
   * <p>A lease is known by the key and the instant it runs until. That instant names one delivery's
   * lease: a key is claimed again only once its lease ran out by the claimant's clock, so each new
   * lease of a key runs until strictly later than the one before, whatever the instances' clocks
   * say. So a delivery whose lease ran out, and that then fails, releases nothing of the delivery
   * that claimed the key after it.
   */
  public interface Store {
    /**
     * Leases {@code key} until {@code leaseUntil} unless it is leased or done ({@code now} decides
     * expiry).
     */
    Claim claim(String key, Instant now, Instant leaseUntil);

    /**
     * Marks {@code key} done until {@code keepUntil}, whoever holds it: the work did succeed, even
     * if its lease ran out meanwhile.
     */
    void complete(String key, Instant keepUntil);

    /**
     * Drops the lease on {@code key} that runs until {@code leaseUntil}, after its work failed;
     * leaves the key as it is when it is done or leased anew.
     */
    void release(String key, Instant leaseUntil);
  }

  /** Work that may throw. */
  @FunctionalInterface
  public interface Work {
    void run() throws Exception;
  }

  /** Another delivery of the same event is being processed right now; retry later. */
  public static final class InProgressException extends TernException {
    private static final long serialVersionUID = 1L;

    public InProgressException(String key) {
      super("event " + key + " is being processed by another delivery; retry later");
    }
  }

  private final Store store;
  private final Duration ttl;

  private Deduplicator(Store store, Duration ttl) {
    this.store = store;
    this.ttl = ttl;
  }

  /** A deduplicator over {@code store} remembering done keys for {@code ttl}. */
  public static Deduplicator of(Store store, Duration ttl) {
    requireNonNull(ttl, "ttl == null");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new InvalidValueException("time to live must be positive: " + ttl);
    }
    return new Deduplicator(requireNonNull(store, "store == null"), ttl);
  }

  /** A deduplicator with a store in this instance's memory. */
  public static Deduplicator inMemory(Duration ttl) {
    return of(new MemoryStore(), ttl);
  }

  /**
   * Runs {@code work} unless {@code key} was already done.
   *
   * @return whether the work ran (false: it had been done before)
   * @throws InProgressException if another delivery of {@code key} is running
   * @throws Exception what the work threw, after releasing the lease
   */
  public boolean once(String key, Clock clock, Work work) throws Exception {
    requireNonNull(key, "key == null");
    requireNonNull(work, "work == null");
    Instant now = requireNonNull(clock, "clock == null").instant();
    Instant leaseUntil = now.plus(LEASE);
    switch (store.claim(key, now, leaseUntil)) {
      case DONE:
        return false;
      case IN_PROGRESS:
        throw new InProgressException(key);
      default:
        break;
    }
    try {
      work.run();
    } catch (Exception | Error e) {
      store.release(key, leaseUntil);
      throw e;
    }
    store.complete(key, clock.instant().plus(ttl));
    return true;
  }

  private static final class MemoryStore implements Store {
    /**
     * Above this many keys, expired ones are dropped so a long-lived instance stays bounded; after
     * a pruning the bound is twice the keys still live, so claims do not scan the map every time.
     */
    private static final int PRUNE_ABOVE = 10_000;

    /** A lease or a done key, kept until {@code until}. */
    private record Entry(boolean done, Instant until) {}

    private final Map<String, Entry> keys = new ConcurrentHashMap<>();
    private volatile int pruneAbove = PRUNE_ABOVE;

    @Override
    public Claim claim(String key, Instant now, Instant leaseUntil) {
      if (keys.size() > pruneAbove) {
        keys.values().removeIf(e -> !e.until().isAfter(now));
        pruneAbove = Math.max(PRUNE_ABOVE, 2 * keys.size());
      }
      Claim[] claim = {Claim.CLAIMED};
      keys.compute(
          key,
          (k, entry) -> {
            if (entry == null || !entry.until().isAfter(now)) {
              return new Entry(false, leaseUntil);
            }
            claim[0] = entry.done() ? Claim.DONE : Claim.IN_PROGRESS;
            return entry;
          });
      return claim[0];
    }

    @Override
    public void complete(String key, Instant keepUntil) {
      keys.put(key, new Entry(true, keepUntil));
    }

    @Override
    public void release(String key, Instant leaseUntil) {
      keys.computeIfPresent(
          key, (k, entry) -> !entry.done() && entry.until().equals(leaseUntil) ? null : entry);
    }
  }
}
