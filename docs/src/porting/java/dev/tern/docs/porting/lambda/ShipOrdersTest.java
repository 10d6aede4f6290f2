package dev.tern.docs.porting.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.testing.AcrossClouds;
import dev.tern.testing.Delivery;
import dev.tern.testing.Harness;
import dev.tern.testing.TernTest;

/** The ported consumer ships each order; a body that does not bind fails only its message. */
@TernTest(value = ShipOrders.class, settings = "ORDERS_QUEUE=orders")
class ShipOrdersTest {
  @AcrossClouds
  void shipsEachOrder(Harness harness) {
    Shipping.SHIPPED.clear();
    harness.enqueue("orders", "{\"id\":\"o-1\"}");
    harness.enqueue("orders", "not json");

    assertThat(Shipping.SHIPPED).containsExactly(new Order("o-1"));
    assertThat(harness.deliveriesOf("m-2")).extracting(Delivery::succeeded).containsExactly(false);
  }
}
