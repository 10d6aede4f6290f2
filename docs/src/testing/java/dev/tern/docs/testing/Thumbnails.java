package dev.tern.docs.testing;

import dev.tern.Context;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the photos created in {@code photos}. */
@OnStorage(bucket = "photos")
public final class Thumbnails implements StorageFunction {
  final List<ObjectEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void handle(ObjectEvent event, Context context) {
    events.add(event);
  }
}
