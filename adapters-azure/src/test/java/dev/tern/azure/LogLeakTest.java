package dev.tern.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.TernException;
import dev.tern.azure.app.GreetAzureEntry;
import dev.tern.azure.app.OrdersAzureEntry;
import dev.tern.azure.app.SignUpAzureEntry;
import dev.tern.azure.app.UploadsAzureEntry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every line the adapter writes, on every path, is free of credentials, cookies and bodies. */
class LogLeakTest {
  private static final String TOKEN = "Bearer eyJ-SECRET-TOKEN";
  private static final String COOKIE = "session=SECRET-COOKIE";
  private static final String BODY = "SECRET-BODY-CONTENT";

  @Test
  void httpPathsNeverLogHeadersOrBodies() {
    GreetAzureEntry greet =
        new GreetAzureEntry(TestApp.adapter(Map.of(AzureAdapter.TRUST_PRINCIPAL, "true")));
    for (String url :
        List.of(
            "https://h/api/greet/a?fail=1",
            "https://h/api/greet/a?cookies=3",
            "https://h/api/nothing",
            "https://h/api/greet/a")) {
      Fakes.Context context = new Fakes.Context("Greet");
      greet.run(
          Fakes.text("POST", url, "{\"x\":\"" + BODY + "\"}")
              .header("Authorization", TOKEN)
              .header("Cookie", COOKIE)
              .header("Content-Type", "application/json"),
          context);
      greet.run(
          Fakes.text("POST", url, BODY)
              .header("X-MS-CLIENT-PRINCIPAL", "!!" + BODY)
              .header("Cookie", COOKIE),
          context);
      assertThat(context.log()).as(url).doesNotContain("SECRET");
    }
  }

  @Test
  void triggerFailuresNeverLogContent() {
    Fakes.Context context = new Fakes.Context("Orders");
    assertThatThrownBy(
            () ->
                new OrdersAzureEntry(TestApp.adapter())
                    .run("boom".getBytes(StandardCharsets.UTF_8), "m-1", "1", null, context))
        .isInstanceOf(TernException.class);
    assertThatThrownBy(
            () ->
                new OrdersAzureEntry(TestApp.adapter())
                    .run(BODY.getBytes(StandardCharsets.UTF_8), "m-2", "x" + BODY, null, context))
        .isInstanceOf(TernException.class);
    assertThatThrownBy(
            () -> new UploadsAzureEntry(TestApp.adapter()).run("{\"" + BODY + "\":1}", context))
        .isInstanceOf(TernException.class)
        .hasMessageNotContaining(BODY);
    assertThat(context.log()).contains("function failed").doesNotContain("boom", BODY);
  }

  @Test
  void identityCalloutsNeverLogCredentialsOrClaims() {
    Fakes.Context context = new Fakes.Context("SignUp");
    SignUpAzureEntry signUp = new SignUpAzureEntry(TestApp.adapter());
    String wrong =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("b2c-connector:SECRET-GUESS".getBytes(StandardCharsets.UTF_8));
    signUp.run(
        Fakes.text("POST", "https://h/api/auth/SignUp", "{}").header("Authorization", wrong),
        context);
    String body =
        Fixtures.text("auth/b2c-before-create.json")
            .replace("ada@example.org", "SECRET@boom.example");
    String right =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("b2c-connector:s3cret:pass".getBytes(StandardCharsets.UTF_8));
    signUp.run(
        Fakes.text("POST", "https://h/api/auth/SignUp", body).header("Authorization", right),
        context);
    signUp.run(
        Fakes.text("POST", "https://h/api/auth/SignUp", "{\"SECRET\":")
            .header("Authorization", right),
        context);
    assertThat(context.log())
        .contains("identity callout refused", "auth function failed; denying")
        .doesNotContain("SECRET", "s3cret");
  }
}
