package dev.tern.azure.app;

import dev.tern.Context;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;

/** Told through Event Grid about blobs created in or deleted from {@code test-container}. */
@OnStorage(
    bucket = "test-container",
    kinds = {ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED})
public final class Uploads implements StorageFunction {
  @Override
  public void handle(ObjectEvent event, Context context) {
    Recorder.record(event);
    if (event.key().equals("poison.txt")) {
      throw new IllegalStateException("cannot index");
    }
  }
}
