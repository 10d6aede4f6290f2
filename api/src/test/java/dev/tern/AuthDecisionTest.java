package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthDecisionTest {
  @Test
  void allowCarriesNothing() {
    AuthDecision allow = AuthDecision.allow();

    assertThat(allow.isAllowed()).isTrue();
    assertThat(allow.message()).isEmpty();
    assertThat(allow.attributes()).isEmpty();
    assertThat(allow.claims()).isEmpty();
    assertThat(allow.suppressedClaims()).isEmpty();
    assertThat(allow.confirmsUser()).isFalse();
    assertThat(allow.emailVerified()).isEmpty();
  }

  @Test
  void allowCollectsChangesInNewDecisions() {
    AuthDecision base = AuthDecision.allow();
    AuthDecision changed =
        base.withAttribute("tier", "free")
            .withClaim("tier", "gold")
            .withClaim("level", 3)
            .withClaim("beta", true)
            .withClaim("groups", List.of("a", "b"))
            .withoutClaim("email")
            .confirmUser()
            .withEmailVerified(true);

    assertThat(changed.attributes()).containsExactly(Map.entry("tier", "free"));
    assertThat(changed.claims())
        .containsOnly(
            Map.entry("tier", "gold"),
            Map.entry("level", 3),
            Map.entry("beta", true),
            Map.entry("groups", List.of("a", "b")));
    assertThat(changed.suppressedClaims()).containsExactly("email");
    assertThat(changed.confirmsUser()).isTrue();
    assertThat(changed.emailVerified()).contains(true);
    assertThat(base).isEqualTo(AuthDecision.allow());
    assertThat(base.claims()).isEmpty();
  }

  @Test
  void denyCarriesItsMessageAndNoClaims() {
    AuthDecision deny = AuthDecision.deny("Sign-ups from disposable addresses are not accepted");

    assertThat(deny.isAllowed()).isFalse();
    assertThat(deny.message()).contains("Sign-ups from disposable addresses are not accepted");
    assertThat(deny.claims()).isEmpty();
    assertThat(deny.attributes()).isEmpty();
    assertThatThrownBy(() -> deny.withClaim("tier", "gold"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("denial");
    assertThatThrownBy(() -> deny.withAttribute("tier", "gold"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> deny.withoutClaim("email")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(deny::confirmUser).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> deny.withEmailVerified(true))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void invalidIsARefusalThatAsksForACorrection() {
    AuthDecision invalid = AuthDecision.invalid("Please check your postal code");

    assertThat(invalid.isAllowed()).isFalse();
    assertThat(invalid.isInvalid()).isTrue();
    assertThat(invalid.message()).contains("Please check your postal code");
    assertThat(invalid.fieldErrors()).isEmpty();
    assertThat(invalid.attributes()).isEmpty();
    assertThat(invalid.claims()).isEmpty();
    assertThat(AuthDecision.deny("no").isInvalid()).isFalse();
    assertThat(AuthDecision.allow().isInvalid()).isFalse();
  }

  @Test
  void invalidCollectsFieldErrorsInTheOrderAddedInNewDecisions() {
    AuthDecision base = AuthDecision.invalid("Please check the highlighted fields");
    AuthDecision named =
        base.withFieldError("postalCode", "A German postal code has five digits")
            .withFieldError("graduationYear", "Enter a year such as 2011")
            .withFieldError("city", "Enter a city");

    assertThat(named.fieldErrors())
        .containsExactly(
            Map.entry("postalCode", "A German postal code has five digits"),
            Map.entry("graduationYear", "Enter a year such as 2011"),
            Map.entry("city", "Enter a city"));
    assertThat(named.message()).contains("Please check the highlighted fields");
    assertThat(named.isInvalid()).isTrue();
    assertThat(base.fieldErrors()).isEmpty();
    assertThat(named.withFieldError("city", "Enter the city you live in").fieldErrors())
        .containsEntry("city", "Enter the city you live in")
        .hasSize(3);
    assertThatThrownBy(() -> named.fieldErrors().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void onlyInvalidCarriesFieldErrorsAndItCarriesNothingElse() {
    assertThatThrownBy(() -> AuthDecision.allow().withFieldError("postalCode", "five digits"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "an approval carries no field errors; start from AuthDecision.invalid(message)");
    assertThatThrownBy(() -> AuthDecision.deny("no").withFieldError("postalCode", "five digits"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("a denial carries no field errors; start from AuthDecision.invalid(message)");
    AuthDecision invalid = AuthDecision.invalid("Please check your postal code");
    assertThatThrownBy(() -> invalid.withAttribute("tier", "gold"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("a validation error carries no attributes");
    assertThatThrownBy(() -> invalid.withClaim("tier", "gold"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> invalid.withoutClaim("email"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(invalid::confirmUser).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> invalid.withEmailVerified(true))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void rejectsClaimsOfUnsupportedTypes() {
    assertThatThrownBy(() -> AuthDecision.allow().withClaim("when", new Object()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("when");
    assertThatThrownBy(() -> AuthDecision.allow().withClaim("map", Map.of("a", "b")))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void rejectsListClaimsWithNonStringElements() {
    assertThatThrownBy(() -> AuthDecision.allow().withClaim("groups", List.of("a", 1)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("groups");
  }

  @Test
  void copiesListClaims() {
    List<String> groups = new ArrayList<>(List.of("a"));
    AuthDecision decision = AuthDecision.allow().withClaim("groups", groups);
    groups.add("admin");

    assertThat(decision.claims().get("groups")).isEqualTo(List.of("a"));
    assertThatThrownBy(() -> ((List<?>) decision.claims().get("groups")).clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void isImmutable() {
    AuthDecision decision =
        AuthDecision.allow().withAttribute("a", "1").withClaim("c", "1").withoutClaim("s");

    assertThatThrownBy(() -> decision.attributes().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> decision.claims().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> decision.suppressedClaims().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsNullArgumentsWithAMessage() {
    assertThatThrownBy(() -> AuthDecision.deny(null)).hasMessage("message == null");
    assertThatThrownBy(() -> AuthDecision.allow().withAttribute(null, "v"))
        .hasMessage("name == null");
    assertThatThrownBy(() -> AuthDecision.allow().withAttribute("n", null))
        .hasMessage("value == null");
    assertThatThrownBy(() -> AuthDecision.allow().withClaim(null, "v")).hasMessage("name == null");
    assertThatThrownBy(() -> AuthDecision.allow().withClaim("n", null)).hasMessage("value == null");
    assertThatThrownBy(() -> AuthDecision.allow().withoutClaim(null)).hasMessage("name == null");
    assertThatThrownBy(() -> AuthDecision.invalid(null)).hasMessage("message == null");
    assertThatThrownBy(() -> AuthDecision.invalid("m").withFieldError(null, "v"))
        .hasMessage("attribute == null");
    assertThatThrownBy(() -> AuthDecision.invalid("m").withFieldError("a", null))
        .hasMessage("message == null");
  }

  @Test
  void toStringAndEqualityCoverEveryPart() {
    AuthDecision a =
        AuthDecision.allow()
            .withClaim("tier", "gold")
            .withoutClaim("email")
            .confirmUser()
            .withEmailVerified(true);
    AuthDecision b =
        AuthDecision.allow()
            .withClaim("tier", "gold")
            .withoutClaim("email")
            .confirmUser()
            .withEmailVerified(true);

    assertThat(a.toString())
        .isEqualTo(
            "AuthDecision[allow, claims {tier=gold}, without claims [email], confirm user, email verified true]");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(b.withEmailVerified(false));
    assertThat(AuthDecision.deny("no").toString()).isEqualTo("AuthDecision[deny: no]");
  }

  @Test
  void toStringAndEqualityTellAValidationErrorFromADenial() {
    AuthDecision invalid =
        AuthDecision.invalid("Please check your postal code")
            .withFieldError("postalCode", "five digits");

    assertThat(invalid.toString())
        .isEqualTo(
            "AuthDecision[invalid: Please check your postal code, field errors {postalCode=five digits}]");
    assertThat(AuthDecision.invalid("no").toString()).isEqualTo("AuthDecision[invalid: no]");
    assertThat(AuthDecision.invalid("no"))
        .isNotEqualTo(AuthDecision.deny("no"))
        .isEqualTo(AuthDecision.invalid("no"))
        .hasSameHashCodeAs(AuthDecision.invalid("no"));
    assertThat(invalid)
        .isEqualTo(
            AuthDecision.invalid("Please check your postal code")
                .withFieldError("postalCode", "five digits"))
        .hasSameHashCodeAs(
            AuthDecision.invalid("Please check your postal code")
                .withFieldError("postalCode", "five digits"));
    assertThat(invalid)
        .isNotEqualTo(AuthDecision.invalid("Please check your postal code"))
        .isNotEqualTo(
            AuthDecision.invalid("Please check your postal code")
                .withFieldError("postalCode", "six"));
  }

  @Test
  void keepsAttributesClaimsAndSuppressedClaimsInTheOrderTheyWereAdded() {
    AuthDecision decision = AuthDecision.allow();
    List<String> names = List.of("zeta", "alpha", "mu", "beta", "omega", "gamma", "kappa", "delta");
    for (String name : names) {
      decision = decision.withAttribute(name, "a").withClaim(name, "c").withoutClaim(name);
    }

    assertThat(decision.attributes().keySet()).containsExactlyElementsOf(names);
    assertThat(decision.claims().keySet()).containsExactlyElementsOf(names);
    assertThat(decision.suppressedClaims()).containsExactlyElementsOf(names);
    Map<String, String> attributes = decision.attributes();
    assertThatThrownBy(() -> attributes.put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
