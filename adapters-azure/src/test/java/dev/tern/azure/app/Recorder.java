package dev.tern.azure.app;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What the test app's functions were handed, for assertions. */
public final class Recorder {
  private static final ConcurrentLinkedQueue<Object> EVENTS = new ConcurrentLinkedQueue<>();

  private Recorder() {}

  public static void record(Object event) {
    EVENTS.add(event);
  }

  public static List<Object> drain() {
    List<Object> out = List.copyOf(EVENTS);
    EVENTS.clear();
    return out;
  }

  public static <T> T last(Class<T> type) {
    T found = null;
    for (Object event : EVENTS) {
      if (type.isInstance(event)) {
        found = type.cast(event);
      }
    }
    if (found == null) {
      throw new AssertionError("no " + type.getSimpleName() + " recorded");
    }
    return found;
  }
}
