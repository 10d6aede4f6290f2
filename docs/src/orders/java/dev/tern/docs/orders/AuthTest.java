package dev.tern.docs.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.AuthDecision;
import dev.tern.AuthMoment;
import dev.tern.AuthUser;
import dev.tern.testing.Harness;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** triggers/auth.md: SignUpPolicy and the postal code check. */
class AuthTest {
  @Test
  void deniesDisposableAddresses() {
    Harness harness = Harness.of(SignUpPolicy.class);

    AuthDecision denied = harness.signUp("ada@mailinator.com");
    assertThat(denied.isAllowed()).isFalse();
    assertThat(denied.message()).contains("Please sign up with a permanent e-mail address.");
    assertThat(harness.signUp("ada@example.com").isAllowed()).isTrue();
  }

  @Test
  void issuesTheTierClaim() {
    Harness harness = Harness.of(SignUpPolicy.class);

    AuthDecision decision =
        harness.auth(
            AuthMoment.TOKEN_ISSUANCE,
            AuthUser.builder().id("u-1").attributes(Map.of("tier", "gold")).build());

    assertThat(decision.claims()).containsEntry("tier", "gold");
  }

  @Test
  void asksForAFiveDigitPostalCode() {
    Harness harness = Harness.of(PostalCodeCheck.class);

    AuthDecision decision =
        harness.auth(
            AuthMoment.BEFORE_SIGN_UP,
            AuthUser.builder().id("u-1").attributes(Map.of("postalCode", "1011")).build());

    assertThat(decision.isInvalid()).isTrue();
    assertThat(decision.fieldErrors())
        .containsExactly(Map.entry("postalCode", "A postal code has five digits."));
    assertThat(
            harness
                .auth(
                    AuthMoment.BEFORE_SIGN_UP,
                    AuthUser.builder().id("u-2").attributes(Map.of("postalCode", "10115")).build())
                .isAllowed())
        .isTrue();
  }
}
