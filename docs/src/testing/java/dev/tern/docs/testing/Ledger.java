package dev.tern.docs.testing;

import dev.tern.Context;
import dev.tern.Message;
import dev.tern.OnQueue;
import dev.tern.QueueFunction;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Books each body; a body {@code fails once} fails its first delivery. */
@OnQueue("ledger")
public final class Ledger implements QueueFunction {
  final List<String> booked = new CopyOnWriteArrayList<>();
  private final Set<String> failed = ConcurrentHashMap.newKeySet();

  @Override
  public void handle(Message message, Context context) {
    String body = message.body().text();
    if (body.equals("fails once") && failed.add(message.id())) {
      throw new IllegalStateException("cannot book " + message.id() + " yet");
    }
    booked.add(body);
  }
}
