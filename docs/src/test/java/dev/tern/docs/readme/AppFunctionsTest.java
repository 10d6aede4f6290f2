package dev.tern.docs.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.testing.Harness;
import org.junit.jupiter.api.Test;

/** The compilation's factory creates every function a harness hosts. */
class AppFunctionsTest {
  @Test
  void theComponentCreatesOrders() {
    Harness harness = Harness.of(Orders.class, Hello.class);

    assertThat(harness.get("/orders").body().text()).isEqualTo("{\"orders\":[\"o-1\",\"o-2\"]}");
    assertThat(harness.get("/hello").body().text()).isEqualTo("{\"greeting\":\"Hello, world!\"}");
  }
}
