package dev.tern.docs.aws;

import static dev.tern.ObjectEvent.Kind.CREATED;
import static dev.tern.ObjectEvent.Kind.DELETED;

import dev.tern.Context;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;
import java.util.Map;

/** deploy/aws.md: the storage function the local invocation reaches. */
@OnStorage(
    bucket = "uploads",
    kinds = {CREATED, DELETED})
public final class Uploads implements StorageFunction {
  @Override
  public void handle(ObjectEvent event, Context context) {
    context.log().info("upload stored", Map.of("key", event.key()));
  }
}
