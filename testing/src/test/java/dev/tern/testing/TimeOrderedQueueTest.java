package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link TimeOrderedQueue} gives its items in the order of a priority queue by time, then by
 * sequence number, whatever order they are added in, and puts taken items back where they were.
 */
class TimeOrderedQueueTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  record Item(Instant at, long seq) {}

  private static final Comparator<Item> ORDER =
      Comparator.comparing(Item::at).thenComparingLong(Item::seq);

  private static TimeOrderedQueue<Item> queue() {
    return new TimeOrderedQueue<>(Item::at, Item::seq);
  }

  private static Item item(int second, long seq) {
    return new Item(T0.plusSeconds(second), seq);
  }

  @Test
  void ordersByTimeThenSequenceWhicheverWayItemsArrive() {
    TimeOrderedQueue<Item> queue = queue();
    queue.add(item(5, 3));
    queue.add(item(0, 7));
    queue.add(item(0, 2)); // before the first of its instant
    queue.add(item(0, 9)); // after the last
    queue.add(item(0, 4)); // between: inserted in its place
    queue.add(item(5, 1));

    List<Item> taken = new ArrayList<>();
    while (!queue.isEmpty()) {
      taken.add(queue.poll());
    }

    assertThat(taken)
        .containsExactly(item(0, 2), item(0, 4), item(0, 7), item(0, 9), item(5, 1), item(5, 3));
    assertThat(queue.poll()).isNull();
    assertThat(queue.peek()).isNull();
  }

  @Test
  void itemsTakenAndPutBackComeOutInTheirFormerPlaces() {
    TimeOrderedQueue<Item> queue = queue();
    for (int i = 0; i < 6; i++) {
      queue.add(item(i % 2, i));
    }
    List<Item> taken = List.of(queue.poll(), queue.poll(), queue.poll(), queue.poll());

    queue.addAll(taken);

    assertThat(queue)
        .containsExactly(item(0, 0), item(0, 2), item(0, 4), item(1, 1), item(1, 3), item(1, 5));
    assertThat(queue.size()).isEqualTo(6);
  }

  /** One step of a run: add an item, take one, or take some and put them back. */
  record Step(int kind, int second, int count) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Arbitraries.integers()
        .between(0, 2)
        .flatMap(
            kind ->
                Arbitraries.integers()
                    .between(0, 3)
                    .flatMap(
                        second ->
                            Arbitraries.integers()
                                .between(1, 5)
                                .map(count -> new Step(kind, second, count))))
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 300)
  void behavesAsAPriorityQueueByTimeThenSequence(
      @ForAll("steps") List<Step> steps, @ForAll("seqs") List<Long> seqs) {
    TimeOrderedQueue<Item> queue = queue();
    PriorityQueue<Item> model = new PriorityQueue<>(ORDER);
    // Sequence numbers mostly grow, as the harness's do, but some arrive out of order.
    long next = 1_000;
    int s = 0;
    for (Step step : steps) {
      if (step.kind() == 0) {
        long seq = s < seqs.size() ? seqs.get(s++) : next;
        next += 1;
        Item item = new Item(T0.plusSeconds(step.second()), seq * 10_000 + next);
        queue.add(item);
        model.add(item);
      } else if (step.kind() == 1) {
        assertThat(queue.poll()).isEqualTo(model.poll());
      } else {
        List<Item> taken = new ArrayList<>();
        for (int i = 0; i < step.count() && !model.isEmpty(); i++) {
          Item expected = model.poll();
          assertThat(queue.poll()).isEqualTo(expected);
          taken.add(expected);
        }
        queue.addAll(taken);
        model.addAll(taken);
      }
      assertThat(queue.size()).isEqualTo(model.size());
      assertThat(queue.peek()).isEqualTo(model.peek());
    }
    List<Item> expected = new ArrayList<>(model);
    expected.sort(ORDER);
    assertThat(queue).containsExactlyElementsOf(expected);
  }

  @Provide
  Arbitrary<List<Long>> seqs() {
    return Arbitraries.longs().between(0, 50).list().ofMaxSize(60);
  }
}
