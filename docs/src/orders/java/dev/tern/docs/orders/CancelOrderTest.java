package dev.tern.docs.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Cloud;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.HttpStatusException;
import dev.tern.testing.Delivery;
import dev.tern.testing.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** triggers/http.md: CancelOrder, and an answer thrown as a problem document. */
class CancelOrderTest {
  /** An RFC 9457 problem document. */
  record Problem(String title, int status, String detail) {}

  @ParameterizedTest
  @EnumSource(Cloud.class)
  void answersWhatTheFunctionThrewOnEveryCloud(Cloud cloud) {
    OrderBook book = new OrderBook();
    book.put(new Order("o-1", "NEW"));
    book.put(new Order("o-2", "SHIPPED"));
    Harness harness =
        Harness.builder()
            .functions(CancelOrder.class)
            .factory(type -> new CancelOrder(book))
            .cloud(cloud)
            .build();

    HttpResponse cancelled =
        harness.http(HttpRequest.builder("POST", "/orders/o-1/cancel").build());
    HttpResponse shipped = harness.http(HttpRequest.builder("POST", "/orders/o-2/cancel").build());
    HttpResponse missing = harness.http(HttpRequest.builder("POST", "/orders/o-9/cancel").build());

    assertThat(cancelled.status()).isEqualTo(204);
    assertThat(book.get("o-1").orElseThrow().status()).isEqualTo("CANCELLED");
    assertThat(shipped.status()).isEqualTo(409);
    assertThat(shipped.body().text()).isEqualTo("order o-2 has shipped");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().text()).isEqualTo("no order o-9");
    assertThat(missing.contentType()).contains("text/plain; charset=utf-8");
    assertThat(harness.deliveries()).allSatisfy(d -> assertThat(d.succeeded()).isTrue());
    assertThat(harness.deliveries()).extracting(Delivery::status).containsExactly(204, 409, 404);
  }

  @Test
  void aProblemDocumentIsAResponseOfItsOwn() {
    String id = "o-2";
    HttpStatusException thrown;
    try {
      // snippet: http-problem-json
      throw new HttpStatusException(
          HttpResponse.json(new Problem("Conflict", 409, "order " + id + " has shipped"))
              .withStatus(409)
              .withHeader("Content-Type", "application/problem+json"),
          "order " + id + " has shipped"); // for the log only
      // end snippet
    } catch (HttpStatusException e) {
      thrown = e;
    }

    HttpResponse response = thrown.response();
    assertThat(response.status()).isEqualTo(409);
    assertThat(response.contentType()).contains("application/problem+json");
    assertThat(response.body().text())
        .isEqualTo("{\"title\":\"Conflict\",\"status\":409,\"detail\":\"order o-2 has shipped\"}");
  }
}
