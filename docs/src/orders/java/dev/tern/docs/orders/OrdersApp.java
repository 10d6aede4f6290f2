package dev.tern.docs.orders;

import dev.tern.CreatesFunctions;
import dev.tern.spi.FunctionFactory;

/** The app's factory: every function that needs the book gets this one. */
@CreatesFunctions
public final class OrdersApp implements FunctionFactory {
  private final OrderBook book = new OrderBook();

  public OrderBook book() {
    return book;
  }

  @Override
  public Object create(Class<?> type) throws Exception {
    if (type == GetOrder.class) {
      return new GetOrder(book);
    }
    if (type == ProcessPayment.class) {
      return new ProcessPayment(book);
    }
    if (type == NightlyReport.class) {
      return new NightlyReport(book);
    }
    if (type == ReceiptUploaded.class) {
      return new ReceiptUploaded(book);
    }
    return FunctionFactory.reflective().create(type);
  }
}
