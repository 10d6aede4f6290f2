package dev.tern.aws.fns;

import dev.tern.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test functions received, for assertions in the same JVM. */
public final class Recorder {
  /** One call: the neutral event and the context it came with. */
  public record Call(String function, Object event, Context context) {}

  private static final List<Call> CALLS = new CopyOnWriteArrayList<>();

  private Recorder() {}

  static void record(String function, Object event, Context context) {
    CALLS.add(new Call(function, event, context));
  }

  public static List<Call> calls() {
    return List.copyOf(CALLS);
  }

  @SuppressWarnings("unchecked")
  public static <T> List<T> events(Class<T> type) {
    return (List<T>) CALLS.stream().map(Call::event).filter(type::isInstance).toList();
  }

  public static void clear() {
    CALLS.clear();
  }
}
