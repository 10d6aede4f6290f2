package dev.tern.azure.app;

import dev.tern.Context;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;

/** Fired by the blob trigger for images. */
@OnStorage(bucket = "original-images")
public final class Thumbnails implements StorageFunction {
  @Override
  public void handle(ObjectEvent event, Context context) {
    Recorder.record(event);
  }
}
