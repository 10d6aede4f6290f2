package dev.tern.samples.orders;

import static java.util.Objects.requireNonNull;

import dev.tern.Context;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;
import java.util.Map;

/** Notes every receipt uploaded to the {@code receipts} bucket: its key, size and content type. */
@OnStorage(bucket = "receipts")
public final class ReceiptUploaded implements StorageFunction {
  private final OrderBook book;

  /** Created by {@link OrdersApp}, which hands every function the deployment's book. */
  public ReceiptUploaded(OrderBook book) {
    this.book = requireNonNull(book, "book == null");
  }

  /** The book this function writes to (tests). */
  OrderBook book() {
    return book;
  }

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
