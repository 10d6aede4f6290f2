package dev.tern.aws.fns;

import dev.tern.Context;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;

/** Sees created and deleted objects in the uploads bucket; a key containing "fail" fails. */
@OnStorage(
    bucket = "tern-uploads",
    kinds = {ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED})
public final class Uploads implements StorageFunction {
  @Override
  public void handle(ObjectEvent event, Context context) {
    Recorder.record("Uploads", event, context);
    if (event.key().contains("fail")) {
      throw new IllegalStateException("cannot process " + event.key());
    }
  }
}
