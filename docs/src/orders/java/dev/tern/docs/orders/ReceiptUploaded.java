package dev.tern.docs.orders;

import dev.tern.Context;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;
import java.util.Map;

// snippet: storage-receipt-uploaded
@OnStorage(bucket = "receipts") // kinds = {CREATED} by default
public final class ReceiptUploaded implements StorageFunction {
  private final OrderBook book;

  public ReceiptUploaded(OrderBook book) { // the app's @CreatesFunctions factory calls it
    this.book = book;
  }

  @Override
  public void handle(ObjectEvent event, Context context) {
    book.addReceipt(event.key()); // "2026/03/receipt o-1.pdf", decoded
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
// end snippet
