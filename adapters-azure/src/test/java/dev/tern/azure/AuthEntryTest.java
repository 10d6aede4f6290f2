package dev.tern.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.azure.app.ClaimsAzureEntry;
import dev.tern.azure.app.Recorder;
import dev.tern.azure.app.SignUpAzureEntry;
import dev.tern.jackson.TernJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthEntryTest {
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("b2c-connector:s3cret:pass".getBytes(StandardCharsets.UTF_8));

  private final SignUpAzureEntry signUp = new SignUpAzureEntry(TestApp.adapter());
  private final ClaimsAzureEntry claims = new ClaimsAzureEntry(TestApp.adapter());

  @BeforeEach
  void clear() {
    Recorder.drain();
  }

  private static Fakes.Request<Optional<String>> callout(String body) {
    return Fakes.text("POST", "https://app.azurewebsites.net/api/auth/SignUp", body)
        .header("Content-Type", "application/json")
        .header("Authorization", BASIC);
  }

  private static JsonNode json(Fakes.Response response) throws Exception {
    return TernJson.mapper().readTree(response.text());
  }

  @Test
  void mapsAB2cConnectorBeforeCreateToBeforeSignUp() throws Exception {
    Fakes.Response response =
        Fakes.response(
            signUp.run(
                callout(Fixtures.text("auth/b2c-before-create.json")),
                new Fakes.Context("SignUp")));

    AuthEvent event = Recorder.last(AuthEvent.class);
    assertThat(event.moment()).isEqualTo(AuthMoment.BEFORE_SIGN_UP);
    assertThat(event.user().email()).contains("ada@example.org");
    assertThat(event.user().attribute("CustomAttribute1")).contains("initial");
    assertThat(event.user().attribute("givenName")).contains("Ada");
    assertThat(event.clientId()).contains("93fd07aa-333c-409d-955d-96008fd08dd9");
    assertThat(event.metadata()).containsEntry("step", "PostAttributeCollection");

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("version").asText()).isEqualTo("1.0.0");
    assertThat(body.get("action").asText()).isEqualTo("Continue");
    assertThat(body.get("extension_5f1a2b3c4d5e6f708192a3b4c5d6e7f8_CustomAttribute1").asText())
        .isEqualTo("checked");
    assertThat(body.get("tier").asText()).isEqualTo("free");
  }

  @Test
  void namesNewCustomAttributesWithTheConfiguredExtensionsApp() throws Exception {
    SignUpAzureEntry entry =
        new SignUpAzureEntry(
            TestApp.adapter(
                Map.of(AzureAdapter.B2C_EXTENSIONS_APP, "5f1a2b3c-4d5e-6f70-8192-a3b4c5d6e7f8")));
    JsonNode body =
        json(
            Fakes.response(
                entry.run(
                    callout(Fixtures.text("auth/b2c-before-create.json")),
                    new Fakes.Context("SignUp"))));
    assertThat(body.get("extension_5f1a2b3c4d5e6f708192a3b4c5d6e7f8_tier").asText())
        .isEqualTo("free");
  }

  @Test
  void answersADenialWithShowBlockPageOrAValidationError() throws Exception {
    String blocked =
        Fixtures.text("auth/b2c-before-create.json")
            .replace("ada@example.org", "x@blocked.example");
    Fakes.Response block =
        Fakes.response(signUp.run(callout(blocked), new Fakes.Context("SignUp")));
    assertThat(block.getStatusCode()).isEqualTo(200);
    assertThat(json(block).get("action").asText()).isEqualTo("ShowBlockPage");
    assertThat(json(block).get("userMessage").asText())
        .isEqualTo("Sign-ups from this domain are closed");

    SignUpAzureEntry validating =
        new SignUpAzureEntry(TestApp.adapter(Map.of(AzureAdapter.AUTH_DENY, "validation")));
    Fakes.Response invalid =
        Fakes.response(validating.run(callout(blocked), new Fakes.Context("SignUp")));
    assertThat(invalid.getStatusCode()).isEqualTo(400);
    assertThat(json(invalid).get("action").asText()).isEqualTo("ValidationError");
    assertThat(json(invalid).get("status").asInt()).isEqualTo(400);
  }

  @Test
  void keepsADenialABlockPageAtOtherB2cStepsUnderTheValidationSetting() throws Exception {
    String blocked =
        Fixtures.text("auth/b2c-before-create.json")
            .replace("ada@example.org", "x@blocked.example")
            .replace("PostAttributeCollection", "PostFederationSignup");
    SignUpAzureEntry validating =
        new SignUpAzureEntry(TestApp.adapter(Map.of(AzureAdapter.AUTH_DENY, "validation")));
    Fakes.Response block =
        Fakes.response(validating.run(callout(blocked), new Fakes.Context("SignUp")));

    assertThat(block.getStatusCode()).isEqualTo(200);
    assertThat(json(block).toString())
        .isEqualTo(
            "{\"version\":\"1.0.0\",\"action\":\"ShowBlockPage\",\"userMessage\":\"Sign-ups from this domain are closed\"}");
  }

  @Test
  void answersInvalidAtB2cAttributeCollectionWithAValidationErrorAndWarnsAboutItsFieldErrors()
      throws Exception {
    String invalid =
        Fixtures.text("auth/b2c-before-create.json")
            .replace("ada@example.org", "ada@invalid.example");
    Fakes.Context context = new Fakes.Context("SignUp");
    Fakes.Response response = Fakes.response(signUp.run(callout(invalid), context));

    assertThat(response.getStatusCode()).isEqualTo(400);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(json(response).toString())
        .isEqualTo(
            "{\"version\":\"1.0.0\",\"status\":400,"
                + "\"action\":\"ValidationError\",\"userMessage\":\"Please check the highlighted fields\"}");
    JsonNode warning = onlyWarning(context);
    assertThat(warning.get("message").asText())
        .isEqualTo("B2C API connector step PostAttributeCollection" + NOT_APPLIED);
    assertThat(warning.get("parts").asText())
        .isEqualTo("withFieldError(graduationYear), withFieldError(postalCode)");
  }

  @Test
  void answersInvalidAtOtherB2cStepsWithABlockPage() throws Exception {
    String invalid =
        Fixtures.text("auth/b2c-before-create.json")
            .replace("ada@example.org", "ada@invalid.example")
            .replace("PostAttributeCollection", "PostFederationSignup");
    Fakes.Context context = new Fakes.Context("SignUp");
    Fakes.Response response = Fakes.response(signUp.run(callout(invalid), context));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).toString())
        .isEqualTo(
            "{\"version\":\"1.0.0\",\"action\":\"ShowBlockPage\","
                + "\"userMessage\":\"Please check the highlighted fields\"}");
    assertThat(onlyWarning(context).get("message").asText())
        .isEqualTo("B2C API connector step PostFederationSignup" + NOT_APPLIED);
  }

  @Test
  void failsClosedWhenTheFunctionThrows() throws Exception {
    String boom =
        Fixtures.text("auth/b2c-before-create.json").replace("ada@example.org", "x@boom.example");
    Fakes.Context context = new Fakes.Context("SignUp");
    Fakes.Response response = Fakes.response(signUp.run(callout(boom), context));

    assertThat(json(response).get("action").asText()).isEqualTo("ShowBlockPage");
    assertThat(json(response).get("userMessage").asText())
        .isEqualTo("The request could not be processed");
    assertThat(context.log()).contains("auth function failed; denying").doesNotContain("s3cret");
  }

  @Test
  void refusesCalloutsWithoutTheConnectorsBasicCredentials() {
    for (String authorization :
        new String[] {
          null,
          "Basic "
              + Base64.getEncoder()
                  .encodeToString("b2c-connector:guess".getBytes(StandardCharsets.UTF_8)),
          "Bearer abc"
        }) {
      Fakes.Request<Optional<String>> request =
          Fakes.text(
              "POST", "https://h/api/auth/SignUp", Fixtures.text("auth/b2c-before-create.json"));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      Fakes.Response response = Fakes.response(signUp.run(request, new Fakes.Context("SignUp")));
      assertThat(response.getStatusCode()).isEqualTo(401);
      assertThat(response.getHeader("WWW-Authenticate")).startsWith("Basic");
    }
    assertThat(Recorder.drain()).isEmpty();
  }

  @Test
  void refusesEveryCalloutWhenNoCredentialsAreConfigured() {
    SignUpAzureEntry unconfigured =
        new SignUpAzureEntry(
            AzureAdapter.create(
                TestApp.dispatcher(TestApp.SETTINGS),
                dev.tern.spi.Settings.of(Map.of("PAYMENTS_QUEUE", "payments"))));
    Fakes.Context context = new Fakes.Context("SignUp");
    Fakes.Response response =
        Fakes.response(
            unconfigured.run(callout(Fixtures.text("auth/b2c-before-create.json")), context));
    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(context.log()).contains("TERN_AZURE_AUTH_USERNAME");
    assertThat(Recorder.drain()).isEmpty();
  }

  @Test
  void acceptsAnAppServicePrincipalOnlyWhenTrusted() {
    Fakes.Request<Optional<String>> spoofed =
        Fakes.text(
                "POST",
                "https://h/api/auth/SignUp",
                Fixtures.text("auth/entra-attribute-submit.json"))
            .header("X-MS-CLIENT-PRINCIPAL", "e30=");
    SignUpAzureEntry principalOnly =
        new SignUpAzureEntry(TestApp.adapter(Map.of(AzureAdapter.AUTH_VERIFY, "principal")));
    assertThat(
            Fakes.response(principalOnly.run(spoofed, new Fakes.Context("SignUp"))).getStatusCode())
        .isEqualTo(500);

    SignUpAzureEntry trusting =
        new SignUpAzureEntry(
            TestApp.adapter(
                Map.of(
                    AzureAdapter.AUTH_VERIFY, "principal", AzureAdapter.TRUST_PRINCIPAL, "true")));
    Fakes.Request<Optional<String>> bare =
        Fakes.text(
            "POST", "https://h/api/auth/SignUp", Fixtures.text("auth/entra-attribute-submit.json"));
    assertThat(Fakes.response(trusting.run(bare, new Fakes.Context("SignUp"))).getStatusCode())
        .isEqualTo(401);
    assertThat(Fakes.response(trusting.run(spoofed, new Fakes.Context("SignUp"))).getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void mapsEntraAttributeCollectionSubmitAndModifiesAttributes() throws Exception {
    Fakes.Response response =
        Fakes.response(
            signUp.run(
                callout(Fixtures.text("auth/entra-attribute-submit.json")),
                new Fakes.Context("SignUp")));

    AuthEvent event = Recorder.last(AuthEvent.class);
    assertThat(event.moment()).isEqualTo(AuthMoment.BEFORE_SIGN_UP);
    assertThat(event.user().email()).contains("grace@example.org");
    assertThat(event.user().attributes())
        .containsEntry("givenName", "Grace")
        .containsEntry("graduationYear", "2010")
        .containsEntry("groups", "Alumni,Faculty");
    assertThat(event.clientId()).contains("app-1");
    assertThat(event.ipAddress()).contains("203.0.113.9");
    assertThat(event.id()).contains("55555555-5555-5555-5555-555555555555");

    JsonNode action = json(response).at("/data/actions/0");
    assertThat(json(response).at("/data/@odata.type").asText())
        .isEqualTo("microsoft.graph.onAttributeCollectionSubmitResponseData");
    assertThat(action.get("@odata.type").asText())
        .isEqualTo("microsoft.graph.attributeCollectionSubmit.modifyAttributeValues");
    assertThat(action.at("/attributes/tier").asText()).isEqualTo("free");
  }

  @Test
  void namesEntraAttributesThatDidNotArriveWithTheConfiguredExtensionsApp() throws Exception {
    SignUpAzureEntry entry =
        new SignUpAzureEntry(
            TestApp.adapter(
                Map.of(AzureAdapter.B2C_EXTENSIONS_APP, "7d2f1c4b-9a8e-4f60-b3c5-d1e2f3a4b5c6")));
    JsonNode attributes =
        json(Fakes.response(
                entry.run(
                    callout(Fixtures.text("auth/entra-attribute-submit.json")),
                    new Fakes.Context("SignUp"))))
            .at("/data/actions/0/attributes");

    assertThat(
            attributes.get("extension_7d2f1c4b9a8e4f60b3c5d1e2f3a4b5c6_CustomAttribute1").asText())
        .isEqualTo("checked");
    assertThat(attributes.get("extension_7d2f1c4b9a8e4f60b3c5d1e2f3a4b5c6_tier").asText())
        .isEqualTo("free");
    assertThat(attributes.size()).isEqualTo(2);
  }

  @Test
  void deniesAnEntraSignUpWhoseAttributeValueEntraWouldNotTake() throws Exception {
    String typo =
        Fixtures.text("auth/entra-attribute-submit.json")
            .replace("grace@example.org", "grace@typo.example");
    Fakes.Context context = new Fakes.Context("SignUp");
    Fakes.Response response = Fakes.response(signUp.run(callout(typo), context));

    assertThat(response.getStatusCode()).isEqualTo(200);
    JsonNode action = json(response).at("/data/actions/0");
    assertThat(action.get("@odata.type").asText())
        .isEqualTo("microsoft.graph.attributeCollectionSubmit.showBlockPage");
    assertThat(action.get("message").asText()).isEqualTo("The request could not be processed");
    assertThat(context.levels).containsExactly(Level.SEVERE);
    assertThat(context.log())
        .contains(
            "auth decision cannot be expressed; denying", "graduationYear arrived as an integer")
        .doesNotContain("next year");
  }

  @Test
  void blocksAnEntraSignUpOnDenial() throws Exception {
    String blocked =
        Fixtures.text("auth/entra-attribute-submit.json")
            .replace("grace@example.org", "g@blocked.example");
    JsonNode action =
        json(Fakes.response(signUp.run(callout(blocked), new Fakes.Context("SignUp"))))
            .at("/data/actions/0");
    assertThat(action.get("@odata.type").asText())
        .isEqualTo("microsoft.graph.attributeCollectionSubmit.showBlockPage");
    assertThat(action.get("message").asText()).isEqualTo("Sign-ups from this domain are closed");
  }

  @Test
  void answersInvalidAtEntraSignUpWithShowValidationErrorNamingEachFieldAsItArrived()
      throws Exception {
    String invalid =
        Fixtures.text("auth/entra-attribute-submit.json")
            .replace("grace@example.org", "g@invalid.example");
    Fakes.Context context = new Fakes.Context("SignUp");
    Fakes.Response response = Fakes.response(signUp.run(callout(invalid), context));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response).toString())
        .isEqualTo(
            "{\"data\":{"
                + "\"@odata.type\":\"microsoft.graph.onAttributeCollectionSubmitResponseData\",\"actions\":[{"
                + "\"@odata.type\":\"microsoft.graph.attributeCollectionSubmit.showValidationError\","
                + "\"message\":\"Please check the highlighted fields\",\"attributeErrors\":{"
                + "\"postalCode\":\"A postal code has five digits\","
                + "\"extension_7d2f1c4b9a8e4f60b3c5d1e2f3a4b5c6_graduationYear\":\"Enter the year you graduated, such as 2011\""
                + "}}]}}");
    assertThat(context.lines).isEmpty();
  }

  @Test
  void answersADenialAtEntraSignUpWithAValidationErrorWithoutFieldErrorsUnderTheSetting()
      throws Exception {
    String blocked =
        Fixtures.text("auth/entra-attribute-submit.json")
            .replace("grace@example.org", "g@blocked.example");
    SignUpAzureEntry validating =
        new SignUpAzureEntry(TestApp.adapter(Map.of(AzureAdapter.AUTH_DENY, "validation")));
    JsonNode action =
        json(Fakes.response(validating.run(callout(blocked), new Fakes.Context("SignUp"))))
            .at("/data/actions/0");

    assertThat(action.toString())
        .isEqualTo(
            "{\"@odata.type\":\"microsoft.graph.attributeCollectionSubmit"
                + ".showValidationError\",\"message\":\"Sign-ups from this domain are closed\",\"attributeErrors\":{}}");
  }

  @Test
  void refusesAnEntraTokenForInvalidAsForADenialAndWarnsAboutItsFieldErrors() throws Exception {
    String invalid =
        Fixtures.text("auth/entra-token-issuance.json")
            .replace("lin@example.org", "lin@invalid.example");
    Fakes.Context context = new Fakes.Context("Claims");
    Fakes.Response response = Fakes.response(claims.run(callout(invalid), context));

    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(response.getBody()).isNull();
    JsonNode warning = onlyWarning(context);
    assertThat(warning.get("message").asText()).isEqualTo("Entra tokenIssuanceStart" + NOT_APPLIED);
    assertThat(warning.get("parts").asText()).isEqualTo("withFieldError(postalCode)");
  }

  @Test
  void addsClaimsAtEntraTokenIssuance() throws Exception {
    Fakes.Response response =
        Fakes.response(
            claims.run(
                callout(Fixtures.text("auth/entra-token-issuance.json")),
                new Fakes.Context("Claims")));

    AuthEvent event = Recorder.last(AuthEvent.class);
    assertThat(event.moment()).isEqualTo(AuthMoment.TOKEN_ISSUANCE);
    assertThat(event.user().id()).contains("99999999-0000-0000-0000-000000000001");
    assertThat(event.user().email()).contains("lin@example.org");
    assertThat(event.user().username()).contains("lin_example.org#EXT#@contoso.onmicrosoft.com");

    JsonNode action = json(response).at("/data/actions/0");
    assertThat(action.get("@odata.type").asText())
        .isEqualTo("microsoft.graph.tokenIssuanceStart.provideClaimsForToken");
    assertThat(action.at("/claims/tier").asText()).isEqualTo("gold");
    assertThat(action.at("/claims/roles").toString()).isEqualTo("[\"Writer\",\"Editor\"]");
  }

  @Test
  void neverAnswersADeniedTokenIssuanceWithClaims() {
    String blocked =
        Fixtures.text("auth/entra-token-issuance.json")
            .replace("lin@example.org", "lin@blocked.example");
    Fakes.Response response =
        Fakes.response(claims.run(callout(blocked), new Fakes.Context("Claims")));
    assertThat(response.getStatusCode()).isEqualTo(403);
    assertThat(response.getBody()).isNull();
  }

  private static final String NOT_APPLIED =
      " cannot carry these parts of the auth decision; they were not applied";

  /** The context's one line, which must be a warning, as JSON. */
  private static JsonNode onlyWarning(Fakes.Context context) throws Exception {
    assertThat(context.lines).hasSize(1);
    assertThat(context.levels).containsExactly(Level.WARNING);
    JsonNode line = TernJson.mapper().readTree(context.lines.get(0));
    assertThat(line.get("level").asText()).isEqualTo("WARN");
    return line;
  }

  private static String b2cTokenIssuance(String email) {
    return Fixtures.text("auth/b2c-before-create.json")
        .replace("PostAttributeCollection", "PreTokenApplicationClaims")
        .replace("ada@example.org", email);
  }

  /** Runs {@code body} through the entry of {@code function}, {@code SignUp} or {@code Claims}. */
  private Fakes.Response run(String function, String body, Fakes.Context context) {
    return Fakes.response(
        function.equals("SignUp")
            ? signUp.run(callout(body), context)
            : claims.run(callout(body), context));
  }

  /**
   * Callouts whose decision, for an address at {@code extras.example}, has parts the answer cannot
   * carry: the callout as the warning names it, the function, the callout for {@code email}, the
   * fields the answer sets over the one for {@code email}, and the parts named.
   */
  static Stream<Arguments> calloutsThatCannotCarryEveryPart() {
    String notAtB2c = "withoutClaim(email), confirmUser, withEmailVerified(true)";
    return Stream.of(
        Arguments.of(
            "B2C API connector step PostAttributeCollection",
            "SignUp",
            Fixtures.text("auth/b2c-before-create.json"),
            "ada@example.org",
            Map.of("level", 3),
            notAtB2c),
        Arguments.of(
            "B2C API connector step PreTokenApplicationClaims",
            "Claims",
            b2cTokenIssuance("lin@example.org"),
            "lin@example.org",
            Map.of("action", "Continue", "tier", "gold", "plan", "free"),
            notAtB2c),
        Arguments.of(
            "Entra attributeCollectionSubmit",
            "SignUp",
            Fixtures.text("auth/entra-attribute-submit.json"),
            "grace@example.org",
            Map.of(),
            "withClaim(level), withoutClaim(email), confirmUser, withEmailVerified(true)"),
        Arguments.of(
            "Entra tokenIssuanceStart",
            "Claims",
            Fixtures.text("auth/entra-token-issuance.json"),
            "lin@example.org",
            Map.of(),
            "withAttribute(plan), withoutClaim(email), confirmUser, withEmailVerified(true)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calloutsThatCannotCarryEveryPart")
  void warnsAboutWhatTheCalloutCannotCarryAndAnswersWithTheRest(
      String callout,
      String function,
      String body,
      String email,
      Map<String, Object> answerSets,
      String parts)
      throws Exception {
    ObjectNode expected = (ObjectNode) json(run(function, body, new Fakes.Context(function)));
    answerSets.forEach((field, value) -> expected.set(field, TernJson.mapper().valueToTree(value)));
    Fakes.Context context = new Fakes.Context(function);
    Fakes.Response response =
        run(
            function,
            body.replace(email, email.replace("@example.org", "@extras.example")),
            context);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(expected);
    JsonNode warning = onlyWarning(context);
    assertThat(warning.get("message").asText()).isEqualTo(callout + NOT_APPLIED);
    assertThat(warning.get("parts").asText()).isEqualTo(parts);
    assertThat(warning.get("functionName").asText()).isEqualTo(function);
  }

  @Test
  void logsNothingForADecisionTheCalloutCarriesWholeOrADenial() {
    String[][] calls = {
      {"SignUp", Fixtures.text("auth/b2c-before-create.json")},
      {"SignUp", Fixtures.text("auth/entra-attribute-submit.json")},
      {
        "SignUp",
        Fixtures.text("auth/entra-attribute-submit.json")
            .replace("grace@example.org", "g@blocked.example")
      },
      {"Claims", Fixtures.text("auth/entra-token-issuance.json")},
      {"Claims", b2cTokenIssuance("lin@example.org")},
    };
    for (String[] call : calls) {
      Fakes.Context context = new Fakes.Context(call[0]);
      Fakes.Response response = run(call[0], call[1], context);
      assertThat(response.getStatusCode()).isEqualTo(200);
      assertThat(context.lines).as(call[1]).isEmpty();
    }
    assertThat(Recorder.drain()).hasSize(calls.length);
  }

  @Test
  void answersUnreadableCalloutsWith400AndNeverContinues() {
    for (String body :
        new String[] {
          "", "[]", "{\"type\":\"something\"}", "{\"step\":\"Unknown\"}", "{not json"
        }) {
      Fakes.Response response =
          Fakes.response(signUp.run(callout(body), new Fakes.Context("SignUp")));
      assertThat(response.getStatusCode()).as(body).isEqualTo(400);
      assertThat(response.text()).doesNotContain("Continue");
    }
  }
}
