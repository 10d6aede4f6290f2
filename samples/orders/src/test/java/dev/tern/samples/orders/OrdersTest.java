package dev.tern.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.AuthDecision;
import dev.tern.AuthMoment;
import dev.tern.AuthUser;
import dev.tern.Cloud;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Message;
import dev.tern.testing.AcrossClouds;
import dev.tern.testing.Harness;
import dev.tern.testing.TernTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The orders app, tested on the harness and, with {@code @AcrossClouds}, through AWS, Azure and
 * GCP's native event shapes and real adapters. Tests that read the captured log run locally only:
 * on a cloud, logs go where that cloud's adapter writes them.
 */
@TernTest({
  CreateOrder.class,
  GetOrder.class,
  ProcessPayment.class,
  ReceiptUploaded.class,
  NightlyReport.class,
  SignUpPolicy.class
})
class OrdersTest {
  private static final String ORDER =
      "{\"customer\":\"ada@example.com\",\"items\":[{\"sku\":\"TERN-1\",\"quantity\":2}]}";

  @AcrossClouds
  void createsAnOrderAndFetchesItBack(Harness harness) {
    HttpResponse created = harness.http(HttpRequest.postJson("/orders", ORDER));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).hasValue("/orders/o-1");
    assertThat(created.body().text())
        .contains("\"id\":\"o-1\"", "\"status\":\"NEW\"", "\"createdAt\":\"2026-01-01T00:00:00Z\"");

    HttpResponse fetched = harness.get("/orders/o-1");
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.body().as(Order.class).items()).containsExactly(new Order.Line("TERN-1", 2));
  }

  @AcrossClouds
  void answersValidationErrorsWith400AndAClearBody(Harness harness) {
    HttpResponse noItems =
        harness.http(
            HttpRequest.postJson("/orders", "{\"customer\":\"ada@example.com\",\"items\":[]}"));
    HttpResponse notJson = harness.http(HttpRequest.postJson("/orders", "{\"customer\":"));

    assertThat(noItems.status()).isEqualTo(400);
    assertThat(noItems.body().text()).isEqualTo("{\"error\":\"an order needs at least one item\"}");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body().text())
        .startsWith("Bad Request: body is not JSON (NewOrder expected): it ends early");
  }

  @AcrossClouds
  void answers404ForUnknownOrders(Harness harness) {
    HttpResponse response = harness.get("/orders/o-99");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body().text()).isEqualTo("{\"error\":\"no order o-99\"}");
  }

  @AcrossClouds
  void paysOrdersAndDeadLettersPoisonMessagesWithoutLosingTheRest(Harness harness) {
    harness.http(HttpRequest.postJson("/orders", ORDER));
    harness.http(HttpRequest.postJson("/orders", ORDER));

    List<Message> sent =
        harness.enqueueAll(
            "payments",
            List.of("{\"orderId\":\"o-1\"}", "not json at all", "{\"orderId\":\"o-2\"}"));
    harness.advance(Duration.ofMinutes(5));

    assertThat(harness.get("/orders/o-1").body().as(Order.class).status()).isEqualTo("PAID");
    assertThat(harness.get("/orders/o-2").body().as(Order.class).status()).isEqualTo("PAID");
    assertThat(harness.deadLetters("payments"))
        .extracting(Message::id)
        .containsExactly(sent.get(1).id());
    assertThat(harness.deliveriesOf(sent.get(1).id())).hasSize(5);
  }

  @Test
  void notesUploadedReceipts(Harness harness) {
    harness.putObject(
        "receipts", "2026/o-1.pdf", new byte[] {'%', 'P', 'D', 'F'}, "application/pdf");

    assertThat(harness.instance(ReceiptUploaded.class).book().receipts())
        .containsExactly("2026/o-1.pdf");
    assertThat(harness.logs())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "receipt stored", "\"size\":4", "\"contentType\":\"application/pdf\""));
  }

  @Test
  void reportsNightly(Harness harness) {
    harness.http(HttpRequest.postJson("/orders", ORDER));

    harness.advance(Duration.ofDays(2));

    assertThat(harness.logs())
        .filteredOn(line -> line.contains("nightly report"))
        .hasSize(2)
        .first()
        .asString()
        .contains("\"orders\":1", "\"dueAt\":\"2026-01-01T02:00:00Z\"");
  }

  @AcrossClouds
  void refusesDisposableAddressesAndAddsATierClaim(Harness harness) {
    assertThat(harness.signUp("ada@example.com").isAllowed()).isTrue();
    assertThat(harness.signUp("bob@mailinator.com").message())
        .hasValue("Please sign up with a permanent e-mail address.");
    assertThat(harness.signUp("bob@mailinator.com").isInvalid()).isFalse();

    AuthDecision token =
        harness.auth(
            AuthMoment.TOKEN_ISSUANCE,
            AuthUser.builder().email("ada@example.com").attributes(Map.of("tier", "gold")).build());
    // Entra's token issuance call carries the user's directory properties, no custom attribute.
    assertThat(token.claims())
        .containsEntry("tier", harness.cloud() == Cloud.AZURE ? "standard" : "gold");
  }

  @AcrossClouds
  void asksForATypoToBeCorrectedWhereTheCloudCan(Harness harness) {
    AuthDecision typo = harness.signUp("ada.example.com");

    assertThat(typo.isAllowed()).isFalse();
    assertThat(typo.message()).hasValue("Please check your e-mail address.");
    // Cognito and Identity Platform only refuse; B2C's validation error shows one message.
    boolean validationError = harness.cloud() == Cloud.LOCAL || harness.cloud() == Cloud.AZURE;
    assertThat(typo.isInvalid()).isEqualTo(validationError);
    assertThat(typo.fieldErrors())
        .isEqualTo(
            harness.cloud() == Cloud.LOCAL
                ? Map.of("email", "An e-mail address has an @, as in ada@example.com.")
                : Map.of());
  }
}
