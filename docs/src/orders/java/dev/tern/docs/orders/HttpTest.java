package dev.tern.docs.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Body;
import dev.tern.Cloud;
import dev.tern.Cookie;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.testing.Harness;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** triggers/http.md: GetOrder, and a request built with the builder. */
class HttpTest {
  private static Harness harness(OrdersApp app, Cloud cloud) {
    return Harness.builder()
        .functions(GetOrder.class, UpdateQuantity.class)
        .factory(app)
        .cloud(cloud)
        .build();
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void getsAnOrderOr404(Cloud cloud) {
    OrdersApp app = new OrdersApp();
    app.book().put(new Order("o-1", "NEW"));
    Harness harness = harness(app, cloud);

    assertThat(harness.get("/orders/o-1").body().text())
        .isEqualTo("{\"id\":\"o-1\",\"status\":\"NEW\"}");
    HttpResponse missing = harness.get("/orders/o-2");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().text()).isEqualTo("{\"error\":\"no order o-2\"}");
  }

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void theFunctionSeesWhatTheBuilderSet(Cloud cloud) {
    Harness harness = harness(new OrdersApp(), cloud);

    // snippet: http-request-builder
    HttpRequest request =
        HttpRequest.builder("PUT", "/orders/o-1?notify=true")
            .header("Authorization", "Bearer t-1")
            .cookies(List.of(new Cookie("session", "s-1")))
            .body(Body.ofText("{\"quantity\":2}", "application/json"))
            .build();
    HttpResponse response = harness.http(request);
    // end snippet

    assertThat(response.body().text())
        .isEqualTo(
            "{\"authorization\":\"Optional[Bearer t-1]\",\"session\":\"Optional[s-1]\","
                + "\"notify\":\"Optional[true]\",\"quantity\":2}");
  }
}
