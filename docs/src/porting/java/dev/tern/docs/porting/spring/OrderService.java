package dev.tern.docs.porting.spring;

import java.util.concurrent.atomic.AtomicLong;

/** The business logic both versions share: it knows nothing of Spring or Tern. */
public final class OrderService {
  private final AtomicLong ids = new AtomicLong();

  private OrderService() {}

  public static OrderService create() {
    return new OrderService();
  }

  public Receipt place(Order order) {
    return new Receipt("o-" + ids.incrementAndGet(), order.customer());
  }
}
