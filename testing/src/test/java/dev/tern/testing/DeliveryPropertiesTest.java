package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Nothing is lost: whatever fails when, every message ends processed once or dead-lettered. */
class DeliveryPropertiesTest {
  /**
   * Fails a message on the attempts its body lists: body "1,3" fails attempts 1 and 3. Records each
   * success.
   */
  @OnQueue(value = "prop", name = "PropConsumer")
  public static final class Scripted implements QueueFunction {
    final Map<String, Integer> succeeded = new HashMap<>();

    @Override
    public void handle(Message message, Context context) {
      int attempt = message.attempt().getAsInt();
      for (String failing : message.body().text().split(",")) {
        if (!failing.isEmpty() && Integer.parseInt(failing) == attempt) {
          throw new IllegalStateException("scripted failure on attempt " + attempt);
        }
      }
      succeeded.merge(message.id(), 1, Integer::sum);
    }
  }

  @Property(tries = 200)
  void everyMessageEndsProcessedOnceOrDeadLetteredAfterMaxAttempts(
      @ForAll("scripts") List<String> scripts,
      @ForAll @IntRange(min = 1, max = 5) int maxAttempts,
      @ForAll @IntRange(min = 1, max = 10) int batchSize,
      @ForAll @IntRange(min = 0, max = 40) int retryDelaySeconds,
      @ForAll("advances") List<Integer> advances) {
    Harness harness =
        Harness.builder()
            .functions(Scripted.class)
            .delivery(
                new DeliveryPolicy(
                    maxAttempts,
                    Duration.ofSeconds(retryDelaySeconds),
                    batchSize,
                    DeliveryPolicy.Ordering.NONE))
            .build();

    List<Message> sent =
        new ArrayList<>(harness.enqueueAll("prop", scripts.subList(0, scripts.size() / 2)));
    for (int seconds : advances) {
      harness.advance(Duration.ofSeconds(seconds));
    }
    sent.addAll(harness.enqueueAll("prop", scripts.subList(scripts.size() / 2, scripts.size())));
    harness.advance(Duration.ofSeconds((long) retryDelaySeconds * maxAttempts + 1));

    Map<String, Integer> succeeded = harness.instance(Scripted.class).succeeded;
    List<String> dead = harness.deadLetters("prop").stream().map(Message::id).toList();
    assertThat(harness.inFlight()).isZero();
    assertThat(succeeded.values()).allMatch(n -> n == 1);
    assertThat(succeeded.size() + dead.size()).isEqualTo(sent.size());
    for (Message m : sent) {
      boolean failsEveryAllowedAttempt = true;
      for (int a = 1; a <= maxAttempts; a++) {
        failsEveryAllowedAttempt &=
            List.of(m.body().text().split(",")).contains(Integer.toString(a));
      }
      assertThat(dead.contains(m.id()))
          .as("message %s dead-lettered", m.body().text())
          .isEqualTo(failsEveryAllowedAttempt);
      assertThat(harness.deliveriesOf(m.id()))
          .extracting(Delivery::attempt)
          .isEqualTo(
              java.util.stream.IntStream.rangeClosed(1, harness.deliveriesOf(m.id()).size())
                  .boxed()
                  .toList());
    }
  }

  @Provide
  Arbitrary<List<String>> scripts() {
    return Arbitraries.integers()
        .between(1, 5)
        .set()
        .ofMaxSize(5)
        .map(set -> String.join(",", set.stream().sorted().map(String::valueOf).toList()))
        .list()
        .ofMinSize(1)
        .ofMaxSize(25);
  }

  @Provide
  Arbitrary<List<Integer>> advances() {
    return Arbitraries.integers().between(0, 60).list().ofMaxSize(5);
  }
}
