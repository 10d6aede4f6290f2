package dev.tern.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CognitoAttributesTest {
  @Test
  void namesACustomAttributeWithoutItsPrefixAndKeepsTheOthersAsTheyCame() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("sub", "u-1");
    attributes.put("custom:tier", "gold");
    attributes.put("cognito:user_status", "CONFIRMED");
    attributes.put("email", "ada@example.com");

    assertThat(Cognito.shortened(attributes))
        .containsExactly(
            Map.entry("sub", "u-1"),
            Map.entry("tier", "gold"),
            Map.entry("cognito:user_status", "CONFIRMED"),
            Map.entry("email", "ada@example.com"));
  }

  @Test
  void keepsThePrefixWhereTheShortNameIsAStandardAttribute() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("email", "ada@example.com");
    attributes.put("custom:email", "ada@work.example");

    assertThat(Cognito.shortened(attributes))
        .containsExactly(
            Map.entry("email", "ada@example.com"), Map.entry("custom:email", "ada@work.example"));
  }

  @Test
  void keepsThePrefixWhereTheShortNameIsAStandardAttributeTheUserHasNotSet() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("phone_number", "+15555550100");
    attributes.put("custom:email", "ada@work.example");
    attributes.put("custom:email_verified", "true");
    attributes.put("custom:tier", "gold");

    assertThat(Cognito.shortened(attributes))
        .containsExactly(
            Map.entry("phone_number", "+15555550100"),
            Map.entry("custom:email", "ada@work.example"),
            Map.entry("custom:email_verified", "true"),
            Map.entry("tier", "gold"));
  }

  @Test
  void returnsTheAttributesThemselvesWhenNoneIsCustom() {
    Map<String, String> attributes = Map.of("sub", "u-1");

    assertThat(Cognito.shortened(attributes)).isSameAs(attributes);
  }
}
