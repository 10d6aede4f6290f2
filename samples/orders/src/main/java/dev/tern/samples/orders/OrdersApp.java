package dev.tern.samples.orders;

import dev.tern.CreatesFunctions;
import dev.tern.spi.FunctionFactory;

/**
 * The app's composition root: every adapter, the harness and the local server create the functions
 * through it, so each function takes what it needs in its constructor instead of reaching for a
 * global. It creates one {@link OrderBook} per deployment; a test harness gets its own.
 */
@CreatesFunctions
public final class OrdersApp implements FunctionFactory {
  private final OrderBook book = new OrderBook();

  @Override
  public Object create(Class<?> type) throws Exception {
    if (type == CreateOrder.class) {
      return new CreateOrder(book);
    }
    if (type == GetOrder.class) {
      return new GetOrder(book);
    }
    if (type == ProcessPayment.class) {
      return new ProcessPayment(book);
    }
    if (type == ReceiptUploaded.class) {
      return new ReceiptUploaded(book);
    }
    if (type == NightlyReport.class) {
      return new NightlyReport(book);
    }
    return FunctionFactory.reflective().create(type); // SignUpPolicy needs nothing
  }
}
