package dev.tern.docs.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.testing.Harness;
import org.junit.jupiter.api.Test;

/** api/README.md: ShipOrder logs the order it ships, from the queue its setting names. */
class ShipOrderTest {
  @Test
  void logsTheOrderItShips() {
    Harness harness =
        Harness.builder().functions(ShipOrder.class).setting("ORDERS_QUEUE", "orders").build();

    harness.enqueue("orders", "{\"id\":\"o-1\"}");

    assertThat(harness.deadLetters("orders")).isEmpty();
    assertThat(harness.logs())
        .anySatisfy(line -> assertThat(line).contains("shipping", "\"orderId\":\"o-1\""));
  }
}
