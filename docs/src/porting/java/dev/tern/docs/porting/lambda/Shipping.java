package dev.tern.docs.porting.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Where shipped orders go: the code both versions call. */
final class Shipping {
  static final List<Order> SHIPPED = new CopyOnWriteArrayList<>();

  private Shipping() {}

  static void ship(Order order) {
    SHIPPED.add(order);
  }
}
