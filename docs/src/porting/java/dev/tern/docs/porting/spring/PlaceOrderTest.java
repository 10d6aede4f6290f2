package dev.tern.docs.porting.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.testing.AcrossClouds;
import dev.tern.testing.Harness;
import dev.tern.testing.TernTest;

/** The ported function binds the order and answers the receipt with 201. */
@TernTest(PlaceOrder.class)
class PlaceOrderTest {
  @AcrossClouds
  void placesTheOrder(Harness harness) {
    HttpResponse response =
        harness.http(HttpRequest.postJson("/orders", "{\"customer\":\"ada\",\"quantity\":2}"));

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.body().text()).isEqualTo("{\"orderId\":\"o-1\",\"customer\":\"ada\"}");
  }
}
