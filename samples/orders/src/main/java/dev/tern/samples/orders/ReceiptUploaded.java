package dev.tern.samples.orders;

import dev.tern.Context;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;
import java.util.Map;

/** Notes every receipt uploaded to the {@code receipts} bucket: its key, size and content type. */
@OnStorage(bucket = "receipts")
public final class ReceiptUploaded implements StorageFunction {
  private final OrderBook book = OrderBook.shared();

  @Override
  public void handle(ObjectEvent event, Context context) {
    book.addReceipt(event.key());
    context
        .log()
        .info(
            "receipt stored",
            Map.of(
                "key", event.key(),
                "size", event.size().orElse(-1),
                "contentType", event.contentType().orElse("unknown")));
  }
}
