package dev.tern.docs.testing;

import dev.tern.Context;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the creations and deletions in {@code uploads}. */
@OnStorage(
    bucket = "uploads",
    kinds = {ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED})
public final class Uploads implements StorageFunction {
  final List<ObjectEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void handle(ObjectEvent event, Context context) {
    events.add(event);
  }
}
