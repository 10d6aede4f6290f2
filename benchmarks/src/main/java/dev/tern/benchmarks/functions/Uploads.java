package dev.tern.benchmarks.functions;

import dev.tern.Context;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;

/** Notes the key and size of every object created in the {@code uploads} bucket. */
@OnStorage(bucket = "uploads")
public final class Uploads implements StorageFunction {
  private long bytes;
  private int keyChars;

  @Override
  public void handle(ObjectEvent event, Context context) {
    bytes += event.size().orElse(0);
    keyChars += event.key().length();
  }

  public long bytes() {
    return bytes + keyChars;
  }
}
