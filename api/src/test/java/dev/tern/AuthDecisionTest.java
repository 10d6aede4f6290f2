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
            Map.entry("tier", "gold"), Map.entry("level", 3), Map.entry("beta", true),
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
    assertThatThrownBy(() -> deny.withAttribute("tier", "gold")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> deny.withoutClaim("email")).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(deny::confirmUser).isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> deny.withEmailVerified(true)).isInstanceOf(InvalidValueException.class);
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
    AuthDecision decision = AuthDecision.allow().withAttribute("a", "1").withClaim("c", "1").withoutClaim("s");

    assertThatThrownBy(() -> decision.attributes().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> decision.claims().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> decision.suppressedClaims().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsNullArgumentsWithAMessage() {
    assertThatThrownBy(() -> AuthDecision.deny(null)).hasMessage("message == null");
    assertThatThrownBy(() -> AuthDecision.allow().withAttribute(null, "v")).hasMessage("name == null");
    assertThatThrownBy(() -> AuthDecision.allow().withAttribute("n", null)).hasMessage("value == null");
    assertThatThrownBy(() -> AuthDecision.allow().withClaim(null, "v")).hasMessage("name == null");
    assertThatThrownBy(() -> AuthDecision.allow().withClaim("n", null)).hasMessage("value == null");
    assertThatThrownBy(() -> AuthDecision.allow().withoutClaim(null)).hasMessage("name == null");
  }

  @Test
  void toStringAndEqualityCoverEveryPart() {
    AuthDecision a = AuthDecision.allow().withClaim("tier", "gold").withoutClaim("email").confirmUser()
        .withEmailVerified(true);
    AuthDecision b = AuthDecision.allow().withClaim("tier", "gold").withoutClaim("email").confirmUser()
        .withEmailVerified(true);

    assertThat(a.toString()).isEqualTo(
        "AuthDecision[allow, claims {tier=gold}, without claims [email], confirm user, email verified true]");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(b.withEmailVerified(false));
    assertThat(AuthDecision.deny("no").toString()).isEqualTo("AuthDecision[deny: no]");
  }
}
