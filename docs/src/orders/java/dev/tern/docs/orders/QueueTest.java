package dev.tern.docs.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.Body;
import dev.tern.Cloud;
import dev.tern.InvalidValueException;
import dev.tern.Message;
import dev.tern.testing.Delivery;
import dev.tern.testing.Harness;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** triggers/queue.md: ProcessPayment pays the order a message names. */
class QueueTest {
  @ParameterizedTest
  @EnumSource(Cloud.class)
  void paysTheOrder(Cloud cloud) {
    OrdersApp app = new OrdersApp();
    app.book().put(new Order("o-1", "NEW"));
    Harness harness =
        Harness.builder().functions(ProcessPayment.class).factory(app).cloud(cloud).build();

    if (cloud == Cloud.AZURE) {
      // ProcessPayment is built for Queue Storage, Azure's default, which carries neither
      assertThatThrownBy(() -> enqueueWithAttributes(harness))
          .isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("which a Queue Storage message cannot carry");
      assertThat(harness.deliveriesOf("m-7")).isEmpty();
      return;
    }
    enqueueWithAttributes(harness);

    assertThat(harness.deliveriesOf("m-7")).extracting(Delivery::succeeded).containsExactly(true);
    assertThat(app.book().get("o-1")).contains(new Order("o-1", "PAID"));
  }

  private static void enqueueWithAttributes(Harness harness) {
    // snippet: queue-enqueue-message
    harness.enqueue(
        Message.builder("m-7", "payments")
            .body(Body.ofText("{\"orderId\":\"o-1\"}", "application/json"))
            .attributes(Map.of("tenant", "t-1"))
            .orderingKey("o-1")
            .build());
    // end snippet
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void anUnknownOrderFails(Cloud cloud) {
    Harness harness =
        Harness.builder()
            .functions(ProcessPayment.class)
            .factory(new OrdersApp())
            .cloud(cloud)
            .build();

    Message message = harness.enqueue("payments", "{\"orderId\":\"o-9\"}");

    assertThat(harness.deliveriesOf(message.id()).get(0).error())
        .hasRootCauseMessage("no order o-9");
  }
}
