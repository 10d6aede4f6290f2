package dev.tern.testing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Items in the order a priority queue by time, then by sequence number, would give them, for the
 * harness's pending deliveries.
 *
 * <p>Kept as one queue per instant, in a map ordered by instant, rather than as one heap: a test
 * that enqueues many messages at once puts them all at one instant, where each is appended and
 * taken from the front instead of sifted through a heap of all of them. Items of one instant nearly
 * always arrive in sequence order (the harness numbers every item it makes), and items put back
 * after being taken go back to the front; anything else is inserted in its place. Not thread-safe.
 */
final class TimeOrderedQueue<T> implements Iterable<T> {
  private final Function<T, Instant> time;
  private final ToLongFunction<T> sequence;
  private final TreeMap<Instant, ArrayDeque<T>> byTime = new TreeMap<>();
  private int size;

  /** Orders items by {@code time}, then by {@code sequence}, which no two items share. */
  TimeOrderedQueue(Function<T, Instant> time, ToLongFunction<T> sequence) {
    this.time = time;
    this.sequence = sequence;
  }

  void add(T item) {
    ArrayDeque<T> queue = byTime.computeIfAbsent(time.apply(item), t -> new ArrayDeque<>());
    long seq = sequence.applyAsLong(item);
    if (queue.isEmpty() || sequence.applyAsLong(queue.peekLast()) < seq) {
      queue.addLast(item);
    } else if (seq < sequence.applyAsLong(queue.peekFirst())) {
      queue.addFirst(item);
    } else {
      List<T> all = new ArrayList<>(queue);
      int at = 0;
      while (sequence.applyAsLong(all.get(at)) < seq) {
        at++;
      }
      all.add(at, item);
      queue.clear();
      queue.addAll(all);
    }
    size++;
  }

  /** Puts back items taken in order, so that each goes back to the front of its instant. */
  void addAll(List<T> taken) {
    for (int i = taken.size() - 1; i >= 0; i--) {
      add(taken.get(i));
    }
  }

  /** The first item, or null when there is none. */
  T peek() {
    Map.Entry<Instant, ArrayDeque<T>> first = byTime.firstEntry();
    return first == null ? null : first.getValue().peekFirst();
  }

  /** Takes the first item, or gives null when there is none. */
  T poll() {
    Map.Entry<Instant, ArrayDeque<T>> first = byTime.firstEntry();
    if (first == null) {
      return null;
    }
    T item = first.getValue().pollFirst();
    if (first.getValue().isEmpty()) {
      byTime.remove(first.getKey());
    }
    size--;
    return item;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The items in order, as a copy: changing the queue does not disturb an iteration. */
  @Override
  public Iterator<T> iterator() {
    List<T> all = new ArrayList<>(size);
    for (ArrayDeque<T> queue : byTime.values()) {
      all.addAll(queue);
    }
    return all.iterator();
  }
}
