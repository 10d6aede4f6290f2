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
 * public void handle(Message message, Context context) {
 *   dedupe.once(message.idempotencyKey(), context.clock(), () -> chargeCard(message));
 * }
 * }</pre>
 *
 * <p>The key is claimed before the work runs and kept for the time to live once it succeeds; if
 * the work throws, the claim is released so the platform's redelivery can try again. An
 * in-memory store dedupes within one instance only; give a shared {@link Store} (a database
 * table with a conditional insert) to dedupe across instances.
 *
 * @since 0.1
 */
public final class Deduplicator {
  /** Where claims live. Implementations must make {@link #claim} atomic. */
  public interface Store {
    /**
     * Claims {@code key} until {@code expiresAt}; false when an unexpired claim exists ({@code
     * now} decides expiry).
     */
    boolean claim(String key, Instant now, Instant expiresAt);

    /** Drops a claim, after the work failed. */
    void release(String key);
  }

  /** Work that may throw. */
  @FunctionalInterface
  public interface Work {
    void run() throws Exception;
  }

  private final Store store;
  private final Duration ttl;

  private Deduplicator(Store store, Duration ttl) {
    this.store = store;
    this.ttl = ttl;
  }

  /** A deduplicator over {@code store} remembering keys for {@code ttl}. */
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
   * Runs {@code work} unless {@code key} was already processed (or is being processed).
   *
   * @return whether the work ran
   * @throws Exception what the work threw, after releasing the claim
   */
  public boolean once(String key, Clock clock, Work work) throws Exception {
    requireNonNull(key, "key == null");
    requireNonNull(work, "work == null");
    Instant now = requireNonNull(clock, "clock == null").instant();
    if (!store.claim(key, now, now.plus(ttl))) {
      return false;
    }
    try {
      work.run();
      return true;
    } catch (Exception | Error e) {
      store.release(key);
      throw e;
    }
  }

  private static final class MemoryStore implements Store {
    /** Above this many keys, expired ones are dropped so a long-lived instance stays bounded. */
    private static final int PRUNE_ABOVE = 10_000;

    private final Map<String, Instant> claims = new ConcurrentHashMap<>();

    @Override
    public boolean claim(String key, Instant now, Instant expiresAt) {
      if (claims.size() > PRUNE_ABOVE) {
        claims.values().removeIf(until -> !until.isAfter(now));
      }
      boolean[] claimed = {false};
      claims.compute(key, (k, until) -> {
        if (until == null || !until.isAfter(now)) {
          claimed[0] = true;
          return expiresAt;
        }
        return until;
      });
      return claimed[0];
    }

    @Override
    public void release(String key) {
      claims.remove(key);
    }
  }
}
