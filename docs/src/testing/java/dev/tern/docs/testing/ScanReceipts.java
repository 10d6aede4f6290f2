package dev.tern.docs.testing;

import dev.tern.Context;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;

/** Scans the receipts uploaded to {@code receipts}; one under {@code bad/} cannot be read. */
@OnStorage(bucket = "receipts")
public final class ScanReceipts implements StorageFunction {
  @Override
  public void handle(ObjectEvent event, Context context) {
    if (event.key().startsWith("bad/")) {
      throw new IllegalStateException("cannot read " + event.key());
    }
  }
}
