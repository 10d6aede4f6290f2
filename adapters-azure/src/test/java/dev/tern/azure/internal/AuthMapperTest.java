package dev.tern.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.AuthDecision;
import dev.tern.InvalidValueException;
import dev.tern.jackson.TernJson;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class AuthMapperTest {
  private static final String APP = "7d2f1c4b9a8e4f60b3c5d1e2f3a4b5c6";

  private static AuthMapper.Call entraSubmit() throws IOException {
    try (InputStream in =
        AuthMapperTest.class
            .getClassLoader()
            .getResourceAsStream("azure/auth/entra-attribute-submit.json")) {
      return AuthMapper.read(in.readAllBytes());
    }
  }

  /** The modified attributes of an Entra answer. */
  private static JsonNode modified(AuthMapper.Call call, AuthDecision decision, String appId)
      throws IOException {
    JsonNode action =
        TernJson.mapper()
            .readTree(AuthMapper.answer(call, decision, false, appId).json())
            .at("/data/actions/0");
    assertThat(action.get("@odata.type").asText())
        .isEqualTo("microsoft.graph.attributeCollectionSubmit.modifyAttributeValues");
    return action.get("attributes");
  }

  @Test
  void answersAModifiedEntraExtensionAttributeUnderTheNameItArrivedWith() throws IOException {
    AuthMapper.Call call = entraSubmit();
    assertThat(call.event().user().attribute("groups")).contains("Alumni,Faculty");

    JsonNode attributes =
        modified(call, AuthDecision.allow().withAttribute("groups", "Alumni"), null);

    assertThat(attributes.properties()).hasSize(1);
    assertThat(attributes.get("extension_" + APP + "_groups").asText()).isEqualTo("Alumni");
  }

  @Test
  void answersTheNameThatArrivedEvenWhenTheExtensionsAppIsConfiguredDifferently()
      throws IOException {
    JsonNode attributes =
        modified(
            entraSubmit(),
            AuthDecision.allow().withAttribute("groups", "Alumni"),
            "0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5");

    assertThat(attributes.get("extension_" + APP + "_groups").asText()).isEqualTo("Alumni");
    assertThat(attributes.has("extension_0c1d2e3f4a5b6c7d8e9fa0b1c2d3e4f5_groups")).isFalse();
  }

  @Test
  void answersAModifiedEntraBuiltInAttributeUnderItsOwnName() throws IOException {
    JsonNode attributes =
        modified(
            entraSubmit(),
            AuthDecision.allow()
                .withAttribute("postalCode", "98053")
                .withAttribute("displayName", "Grace H"),
            "7d2f1c4b-9a8e-4f60-b3c5-d1e2f3a4b5c6");

    assertThat(attributes.get("postalCode").asText()).isEqualTo("98053");
    assertThat(attributes.get("displayName").asText()).isEqualTo("Grace H");
    assertThat(attributes.properties()).hasSize(2);
  }

  @Test
  void namesAnEntraAttributeThatDidNotArriveWithTheExtensionsAppWhenOneIsConfigured()
      throws IOException {
    AuthDecision decision = AuthDecision.allow().withAttribute("loyaltyNumber", "LN-42");

    JsonNode named = modified(entraSubmit(), decision, "7d2f1c4b-9a8e-4f60-b3c5-d1e2f3a4b5c6");
    assertThat(named.get("extension_" + APP + "_loyaltyNumber").asText()).isEqualTo("LN-42");
    assertThat(named.has("loyaltyNumber")).isFalse();

    JsonNode unnamed = modified(entraSubmit(), decision, null);
    assertThat(unnamed.get("loyaltyNumber").asText()).isEqualTo("LN-42");
  }

  @Test
  void keepsAnEntraAttributeTheFunctionNamesInFull() throws IOException {
    JsonNode attributes =
        modified(
            entraSubmit(),
            AuthDecision.allow().withAttribute("extension_" + APP + "_groups", "Faculty"),
            "0c1d2e3f4a5b6c7d8e9fa0b1c2d3e4f5");

    assertThat(attributes.get("extension_" + APP + "_groups").asText()).isEqualTo("Faculty");
    assertThat(attributes.properties()).hasSize(1);
  }

  /** The action of an Entra answer. */
  private static JsonNode action(
      AuthMapper.Call call, AuthDecision decision, boolean denyAsValidation, String appId)
      throws IOException {
    AuthMapper.Answer answer = AuthMapper.answer(call, decision, denyAsValidation, appId);
    assertThat(answer.status()).isEqualTo(200);
    return TernJson.mapper().readTree(answer.json()).at("/data/actions/0");
  }

  @Test
  void namesAnEntraFieldErrorLikeTheAttributeItIsAbout() throws IOException {
    AuthDecision invalid =
        AuthDecision.invalid("Please check the highlighted fields")
            .withFieldError("groups", "Choose one group")
            .withFieldError("loyaltyNumber", "Starts with LN-")
            .withFieldError("city", "Enter a city");

    JsonNode named = action(entraSubmit(), invalid, false, "7d2f1c4b-9a8e-4f60-b3c5-d1e2f3a4b5c6");
    assertThat(named.get("@odata.type").asText())
        .isEqualTo("microsoft.graph.attributeCollectionSubmit.showValidationError");
    assertThat(named.get("message").asText()).isEqualTo("Please check the highlighted fields");
    assertThat(named.get("attributeErrors").toString())
        .isEqualTo(
            "{"
                + "\"extension_"
                + APP
                + "_groups\":\"Choose one group\","
                + "\"extension_"
                + APP
                + "_loyaltyNumber\":\"Starts with LN-\","
                + "\"city\":\"Enter a city\"}");

    JsonNode unnamed = action(entraSubmit(), invalid, false, null);
    assertThat(unnamed.get("attributeErrors").has("loyaltyNumber")).isTrue();
    assertThat(unnamed.get("attributeErrors").has("extension_" + APP + "_groups")).isTrue();
  }

  @Test
  void answersInvalidWithAValidationErrorWhateverTheDenySetting() throws IOException {
    AuthDecision invalid = AuthDecision.invalid("Please check your entries");
    for (boolean denyAsValidation : new boolean[] {false, true}) {
      assertThat(action(entraSubmit(), invalid, denyAsValidation, null).toString())
          .isEqualTo(
              "{\"@odata.type\":"
                  + "\"microsoft.graph.attributeCollectionSubmit.showValidationError\","
                  + "\"message\":\"Please check your entries\",\"attributeErrors\":{}}");
    }
    assertThat(
            action(entraSubmit(), AuthDecision.deny("Sign-ups are closed"), false, null).toString())
        .isEqualTo(
            "{\"@odata.type\":\"microsoft.graph.attributeCollectionSubmit.showBlockPage\","
                + "\"message\":\"Sign-ups are closed\"}");
  }

  @Test
  void answersEntraIntegerAndBooleanAttributesAsTheTypesTheyArrivedAs() throws IOException {
    AuthMapper.Call call = entraSubmit();
    assertThat(call.event().user().attribute("graduationYear")).contains("2010");
    assertThat(call.event().user().attribute("onMailingList")).contains("false");

    JsonNode attributes =
        modified(
            call,
            AuthDecision.allow()
                .withAttribute("graduationYear", "2011")
                .withAttribute("onMailingList", "true")
                .withAttribute("postalCode", "98053")
                .withAttribute("groups", "7"),
            null);

    JsonNode year = attributes.get("extension_" + APP + "_graduationYear");
    assertThat(year.isIntegralNumber()).isTrue();
    assertThat(year.asLong()).isEqualTo(2011);
    assertThat(attributes.get("extension_" + APP + "_onMailingList").isBoolean()).isTrue();
    assertThat(attributes.get("extension_" + APP + "_onMailingList").booleanValue()).isTrue();
    assertThat(attributes.get("postalCode").isTextual()).isTrue();
    assertThat(attributes.get("postalCode").textValue()).isEqualTo("98053");
    assertThat(attributes.get("extension_" + APP + "_groups").textValue()).isEqualTo("7");
  }

  @Test
  void sendsAnEntraAttributeThatDidNotArriveAsText() throws IOException {
    JsonNode attributes =
        modified(entraSubmit(), AuthDecision.allow().withAttribute("loyaltyNumber", "42"), null);

    assertThat(attributes.get("loyaltyNumber").textValue()).isEqualTo("42");
  }

  @Test
  void refusesAnEntraValueThatIsNotOfTheTypeItsAttributeArrivedAs() throws IOException {
    AuthMapper.Call call = entraSubmit();

    assertThatThrownBy(
            () ->
                AuthMapper.answer(
                    call,
                    AuthDecision.allow().withAttribute("graduationYear", "next year"),
                    false,
                    null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "azure: Entra attributeCollectionSubmit attribute graduationYear arrived as an integer, and the "
                + "decision's value is not one");
    assertThatThrownBy(
            () ->
                AuthMapper.answer(
                    call, AuthDecision.allow().withAttribute("onMailingList", "yes"), false, null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "azure: Entra attributeCollectionSubmit attribute onMailingList arrived as a boolean, and the "
                + "decision's value is neither true nor false");
  }
}
