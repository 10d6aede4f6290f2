package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WarmupTest {
  @Test
  void runsTheWorkOnADaemonThreadAndReturnsAtOnce() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Thread> thread = new AtomicReference<>();

    Warmup warmup =
        Warmup.start(
            new Runnable() {
              @Override
              public void run() {
                thread.set(Thread.currentThread());
                try {
                  release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                done.countDown();
              }
            },
            2);
    release.countDown();

    assertThat(warmup.started()).isTrue();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(thread.get()).isNotSameAs(Thread.currentThread());
    assertThat(thread.get().getName()).isEqualTo("tern-warmup");
    assertThat(thread.get().isDaemon()).isTrue();
  }

  @Test
  void doesNothingOnASingleCpuWhereNothingCouldOverlap() {
    AtomicReference<Thread> thread = new AtomicReference<>();

    Warmup warmup =
        Warmup.start(
            new Runnable() {
              @Override
              public void run() {
                thread.set(Thread.currentThread());
              }
            },
            1);

    assertThat(warmup.started()).isFalse();
    assertThat(warmup.failure()).isNull();
    assertThat(thread.get()).isNull();
  }

  @Test
  void keepsWhatStoppedTheWorkInsteadOfThrowing() {
    IllegalStateException boom = new IllegalStateException("boom");

    Warmup warmup =
        Warmup.runHere(
            new Runnable() {
              @Override
              public void run() {
                throw boom;
              }
            });

    assertThat(warmup.failure()).isSameAs(boom);
  }

  @Test
  void theNeutralHttpWorkCompletesWithACodecRegistered() {
    // These tests register a fake codec; tern-jackson's own tests run it with the real one.
    assertThat(Warmup.runHere(Warmup.neutralHttp()).failure()).isNull();
  }
}
