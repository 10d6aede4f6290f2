package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Context;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Nothing is lost for storage events either: under any storage policy, whatever fails when, every
 * event ends processed once or in {@code deadEvents}, retried exactly as the policy says.
 */
class StoragePropertiesTest {
  /**
   * Fails an event on the attempts its {@code fail} metadata lists: "1,3" fails attempts 1 and 3.
   * Counts attempts and successes per event id.
   */
  @OnStorage(bucket = "prop", name = "PropStorage")
  public static final class Scripted implements StorageFunction {
    final Map<String, Integer> attempts = new HashMap<>();
    final Map<String, Integer> succeeded = new HashMap<>();

    @Override
    public void handle(ObjectEvent event, Context context) {
      int attempt = attempts.merge(event.id(), 1, Integer::sum);
      for (String failing : event.metadata().getOrDefault("fail", "").split(",")) {
        if (!failing.isEmpty() && Integer.parseInt(failing) == attempt) {
          throw new IllegalStateException("scripted failure on attempt " + attempt);
        }
      }
      succeeded.merge(event.id(), 1, Integer::sum);
    }
  }

  @Property(tries = 200)
  void everyEventEndsProcessedOnceOrDeadAfterThePolicysAttempts(
      @ForAll("policies") StoragePolicy policy,
      @ForAll("scripts") List<String> scripts,
      @ForAll("advances") List<Integer> advances) {
    Harness harness = Harness.builder().functions(Scripted.class).storageDelivery(policy).build();

    List<ObjectEvent> put = new ArrayList<>();
    for (int i = 0; i < scripts.size(); i++) {
      put.add(
          harness.putObject(
              "prop",
              "o-" + i,
              "x".getBytes(StandardCharsets.UTF_8),
              "text/plain",
              Map.of("fail", scripts.get(i))));
      if (i < advances.size()) {
        harness.advance(Duration.ofSeconds(advances.get(i)));
      }
    }
    harness.advance(policy.maxAge().plusSeconds(1));

    Scripted function = harness.instance(Scripted.class);
    assertThat(harness.inFlight()).isZero();
    assertThat(function.succeeded.values()).allMatch(n -> n == 1);
    for (ObjectEvent event : put) {
      List<Delivery> deliveries = harness.deliveriesOf(event.id());
      Optional<DeadEvent> dead = harness.deadEvent(event.id());
      String script = event.metadata().get("fail");

      assertThat(deliveries).as("%s attempts", script).isNotEmpty();
      assertThat(deliveries.size()).isLessThanOrEqualTo(policy.maxAttempts());
      assertThat(dead.isPresent())
          .as("%s dead", script)
          .isNotEqualTo(function.succeeded.containsKey(event.id()));
      assertThat(harness.deadEvents("prop").contains(event)).isEqualTo(dead.isPresent());
      Instant first = deliveries.get(0).at();
      for (int a = 1; a < deliveries.size(); a++) {
        assertThat(deliveries.get(a - 1).succeeded()).isFalse();
        assertThat(Duration.between(deliveries.get(a - 1).at(), deliveries.get(a).at()))
            .isEqualTo(policy.retryDelay(a));
        assertThat(Duration.between(first, deliveries.get(a).at()))
            .isLessThanOrEqualTo(policy.maxAge());
      }
      if (dead.isPresent()) {
        assertThat(deliveries).noneMatch(Delivery::succeeded);
        assertThat(dead.get().attempts()).isEqualTo(deliveries.size());
        assertThat(dead.get().discarded()).isEqualTo(policy.discards());
        boolean outOfAttempts = deliveries.size() == policy.maxAttempts();
        boolean nextTooOld =
            !outOfAttempts
                && Duration.between(first, deliveries.get(deliveries.size() - 1).at())
                        .plus(policy.retryDelay(deliveries.size()))
                        .compareTo(policy.maxAge())
                    > 0;
        assertThat(outOfAttempts || nextTooOld).as("%s ran out", script).isTrue();
      } else {
        assertThat(deliveries.get(deliveries.size() - 1).succeeded()).isTrue();
      }
    }
  }

  @Provide
  Arbitrary<StoragePolicy> policies() {
    Arbitrary<Integer> attempts = Arbitraries.integers().between(1, 6);
    Arbitrary<List<Duration>> delays =
        Arbitraries.integers()
            .between(0, 120)
            .map(Duration::ofSeconds)
            .list()
            .ofMinSize(1)
            .ofMaxSize(4);
    Arbitrary<Duration> maxAge = Arbitraries.integers().between(1, 600).map(Duration::ofSeconds);
    Arbitrary<Optional<String>> deadLetter =
        Arbitraries.of(Optional.empty(), Optional.of("prop-failed"));
    return Combinators.combine(attempts, delays, maxAge, deadLetter)
        .as((n, d, age, dl) -> new StoragePolicy("the test's policy", n, d, age, dl));
  }

  @Provide
  Arbitrary<List<String>> scripts() {
    return Arbitraries.integers()
        .between(1, 6)
        .set()
        .ofMaxSize(6)
        .map(set -> String.join(",", set.stream().sorted().map(String::valueOf).toList()))
        .list()
        .ofMinSize(1)
        .ofMaxSize(15);
  }

  @Provide
  Arbitrary<List<Integer>> advances() {
    return Arbitraries.integers().between(0, 90).list().ofMaxSize(15);
  }
}
