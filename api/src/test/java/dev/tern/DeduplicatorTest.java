package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeduplicatorTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private final AtomicInteger runs = new AtomicInteger();

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @Test
  void runsTheWorkOncePerKey() throws Exception {
    Deduplicator dedupe = Deduplicator.inMemory(Duration.ofHours(1));

    assertThat(dedupe.once("orders#m-1", at(T0), runs::incrementAndGet)).isTrue();
    assertThat(dedupe.once("orders#m-1", at(T0.plusSeconds(60)), runs::incrementAndGet)).isFalse();
    assertThat(dedupe.once("orders#m-2", at(T0), runs::incrementAndGet)).isTrue();
    assertThat(runs).hasValue(2);
  }

  @Test
  void releasesTheKeyWhenTheWorkFailsSoARedeliveryRunsIt() throws Exception {
    Deduplicator dedupe = Deduplicator.inMemory(Duration.ofHours(1));

    assertThatThrownBy(
            () ->
                dedupe.once(
                    "k",
                    at(T0),
                    () -> {
                      throw new IllegalStateException("card declined");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("card declined");
    assertThat(dedupe.once("k", at(T0.plusSeconds(1)), runs::incrementAndGet)).isTrue();
    assertThat(runs).hasValue(1);
  }

  @Test
  void forgetsAKeyAfterItsTimeToLive() throws Exception {
    Deduplicator dedupe = Deduplicator.inMemory(Duration.ofMinutes(10));
    dedupe.once("k", at(T0), runs::incrementAndGet);

    assertThat(
            dedupe.once(
                "k", at(T0.plus(Duration.ofMinutes(10)).minusMillis(1)), runs::incrementAndGet))
        .isFalse();
    assertThat(dedupe.once("k", at(T0.plus(Duration.ofMinutes(10))), runs::incrementAndGet))
        .isTrue();
    assertThat(runs).hasValue(2);
  }

  @Test
  void refusesANonPositiveTimeToLiveAndNulls() {
    assertThatThrownBy(() -> Deduplicator.inMemory(Duration.ZERO))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Deduplicator.inMemory(Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Deduplicator.inMemory(null)).hasMessage("ttl == null");
    Deduplicator dedupe = Deduplicator.inMemory(Duration.ofHours(1));
    assertThatThrownBy(() -> dedupe.once(null, at(T0), () -> {})).hasMessage("key == null");
    assertThatThrownBy(() -> dedupe.once("k", null, () -> {})).hasMessage("clock == null");
    assertThatThrownBy(() -> dedupe.once("k", at(T0), null)).hasMessage("work == null");
  }

  @Test
  void aDeliveryArrivingWhileTheSameKeyIsInProgressFailsSoItIsRetriedNotAcknowledged()
      throws Exception {
    Deduplicator dedupe = Deduplicator.inMemory(Duration.ofHours(1));
    java.util.concurrent.atomic.AtomicReference<Throwable> second =
        new java.util.concurrent.atomic.AtomicReference<>();

    assertThatThrownBy(
            () ->
                dedupe.once(
                    "k",
                    at(T0),
                    () -> {
                      try {
                        dedupe.once("k", at(T0.plusSeconds(1)), runs::incrementAndGet);
                      } catch (Exception e) {
                        second.set(e);
                      }
                      throw new IllegalStateException("the first delivery fails after all");
                    }))
        .hasMessage("the first delivery fails after all");

    assertThat(second.get())
        .isInstanceOf(Deduplicator.InProgressException.class)
        .hasMessageContaining("k is being processed");
    assertThat(dedupe.once("k", at(T0.plusSeconds(2)), runs::incrementAndGet)).isTrue();
    assertThat(runs).hasValue(1);
  }

  @Test
  void aLeaseLeftByACrashedDeliveryExpires() throws Exception {
    Deduplicator.Store store =
        new Deduplicator.Store() {
          final java.util.Map<String, Instant> leases = new java.util.HashMap<>();

          @Override
          public Deduplicator.Claim claim(String key, Instant now, Instant leaseUntil) {
            Instant until = leases.get(key);
            if (until != null && until.isAfter(now)) {
              return Deduplicator.Claim.IN_PROGRESS;
            }
            leases.put(key, leaseUntil);
            return Deduplicator.Claim.CLAIMED;
          }

          @Override
          public void complete(String key, Instant keepUntil) {}

          @Override
          public void release(String key, Instant leaseUntil) {}
        };
    store.claim("k", T0, T0.plus(Deduplicator.LEASE));
    Deduplicator dedupe = Deduplicator.of(store, Duration.ofHours(1));

    assertThatThrownBy(() -> dedupe.once("k", at(T0.plusSeconds(60)), runs::incrementAndGet))
        .isInstanceOf(Deduplicator.InProgressException.class);
    assertThat(dedupe.once("k", at(T0.plus(Deduplicator.LEASE)), runs::incrementAndGet)).isTrue();
  }

  @Test
  void aDeliveryWhoseLeaseRanOutAndFailsLeavesTheLeaseOfTheDeliveryThatClaimedTheKeyAfterIt()
      throws Exception {
    Deduplicator dedupe = Deduplicator.inMemory(Duration.ofHours(1));
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch failFirst = new CountDownLatch(1);
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    Thread first =
        new Thread(
            () -> {
              try {
                dedupe.once(
                    "k",
                    at(T0),
                    () -> {
                      firstRunning.countDown();
                      failFirst.await();
                      throw new IllegalStateException("the slow first delivery fails");
                    });
              } catch (Exception e) {
                firstFailure.set(e);
              }
            });
    first.start();
    firstRunning.await();
    Instant afterLease = T0.plus(Deduplicator.LEASE);
    AtomicReference<Throwable> third = new AtomicReference<>();

    boolean ran =
        dedupe.once(
            "k",
            at(afterLease),
            () -> {
              failFirst.countDown();
              first.join();
              try {
                dedupe.once("k", at(afterLease.plusSeconds(1)), runs::incrementAndGet);
              } catch (Exception e) {
                third.set(e);
              }
            });

    assertThat(ran).isTrue();
    assertThat(firstFailure.get()).hasMessage("the slow first delivery fails");
    assertThat(third.get()).isInstanceOf(Deduplicator.InProgressException.class);
    assertThat(dedupe.once("k", at(afterLease.plusSeconds(2)), runs::incrementAndGet)).isFalse();
    assertThat(runs).hasValue(0);
  }

  @Test
  void aDeliveryThatSucceedsAfterItsLeaseRanOutMarksTheKeyDoneEvenIfTheNextOneFails()
      throws Exception {
    Deduplicator dedupe = Deduplicator.inMemory(Duration.ofHours(1));
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch finishFirst = new CountDownLatch(1);
    AtomicReference<Object> firstResult = new AtomicReference<>();
    Thread first =
        new Thread(
            () -> {
              try {
                firstResult.set(
                    dedupe.once(
                        "k",
                        at(T0),
                        () -> {
                          firstRunning.countDown();
                          finishFirst.await();
                        }));
              } catch (Exception e) {
                firstResult.set(e);
              }
            });
    first.start();
    firstRunning.await();
    Instant afterLease = T0.plus(Deduplicator.LEASE);

    assertThatThrownBy(
            () ->
                dedupe.once(
                    "k",
                    at(afterLease),
                    () -> {
                      finishFirst.countDown();
                      first.join();
                      throw new IllegalStateException("the second delivery fails");
                    }))
        .hasMessage("the second delivery fails");

    assertThat(firstResult.get()).isEqualTo(true);
    assertThat(dedupe.once("k", at(afterLease.plusSeconds(1)), runs::incrementAndGet)).isFalse();
    assertThat(runs).hasValue(0);
  }
}
