package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.AuthDecision;
import dev.tern.spi.DecisionParts.Part;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionPartsTest {
  private static final AuthDecision EVERYTHING =
      AuthDecision.allow()
          .withAttribute("tier", "gold")
          .withAttribute("plan", "free")
          .withClaim("level", 3)
          .withoutClaim("email")
          .withoutClaim("address")
          .confirmUser()
          .withEmailVerified(false);

  @Test
  void namesEveryPartNotCarriedInPartOrderAndByName() {
    assertThat(DecisionParts.unapplied(EVERYTHING, Set.of()))
        .containsExactly(
            "withAttribute(plan)",
            "withAttribute(tier)",
            "withClaim(level)",
            "withoutClaim(address)",
            "withoutClaim(email)",
            "confirmUser",
            "withEmailVerified(false)");
  }

  @Test
  void leavesOutWhatTheAnswerCarries() {
    assertThat(DecisionParts.unapplied(EVERYTHING, EnumSet.of(Part.ATTRIBUTES, Part.CLAIMS)))
        .containsExactly(
            "withoutClaim(address)",
            "withoutClaim(email)",
            "confirmUser",
            "withEmailVerified(false)");
    assertThat(DecisionParts.unapplied(EVERYTHING, EnumSet.allOf(Part.class))).isEmpty();
  }

  @Test
  void namesNothingForADenialOrAPlainAllow() {
    assertThat(DecisionParts.unapplied(AuthDecision.deny("no"), Set.of())).isEmpty();
    assertThat(DecisionParts.unapplied(AuthDecision.allow(), Set.of())).isEmpty();
  }

  @Test
  void namesTheFieldErrorsOfAValidationErrorUnlessTheyAreCarried() {
    AuthDecision invalid =
        AuthDecision.invalid("Please check the highlighted fields")
            .withFieldError("postalCode", "five digits")
            .withFieldError("city", "Enter a city");

    assertThat(DecisionParts.unapplied(invalid, Set.of()))
        .containsExactly("withFieldError(city)", "withFieldError(postalCode)");
    assertThat(DecisionParts.unapplied(invalid, Set.of(Part.ATTRIBUTES, Part.CLAIMS)))
        .containsExactly("withFieldError(city)", "withFieldError(postalCode)");
    assertThat(DecisionParts.unapplied(invalid, Set.of(Part.FIELD_ERRORS))).isEmpty();
    assertThat(DecisionParts.unapplied(AuthDecision.invalid("Please check your entries"), Set.of()))
        .isEmpty();
  }

  @Test
  void warnsAboutFieldErrorsInTheSameWords() {
    List<String> lines = TestContext.lines();
    DecisionParts.warnUnapplied(
        new TestContext("inv-2", "SignUp", lines),
        "Cognito PreSignUp_SignUp",
        AuthDecision.invalid("Please check your postal code")
            .withFieldError("postalCode", "five digits"),
        Set.of(Part.CONFIRMATION, Part.EMAIL_VERIFIED));

    assertThat(lines)
        .containsExactly(
            "{\"level\":\"WARN\",\"message\":\"Cognito PreSignUp_SignUp cannot carry"
                + " these parts of the auth decision; they were not applied\",\"invocationId\":\"inv-2\","
                + "\"parts\":\"withFieldError(postalCode)\"}");
  }

  @Test
  void warnsOnceThroughTheFunctionsLogNamingTheCalloutAndTheParts() {
    List<String> lines = TestContext.lines();
    DecisionParts.warnUnapplied(
        new TestContext("inv-1", "Claims", lines),
        "Entra tokenIssuanceStart",
        AuthDecision.allow()
            .withClaim("tier", "gold")
            .withAttribute("plan", "free")
            .withoutClaim("email"),
        Set.of(Part.CLAIMS));

    assertThat(lines)
        .containsExactly(
            "{\"level\":\"WARN\",\"message\":\"Entra tokenIssuanceStart cannot carry"
                + " these parts of the auth decision; they were not applied\",\"invocationId\":\"inv-1\","
                + "\"parts\":\"withAttribute(plan), withoutClaim(email)\"}");
  }

  @Test
  void logsNothingWhenEveryPartIsCarried() {
    List<String> lines = TestContext.lines();
    DecisionParts.warnUnapplied(
        new TestContext("inv-1", "Claims", lines),
        "Entra tokenIssuanceStart",
        AuthDecision.allow().withClaim("tier", "gold"),
        Set.of(Part.CLAIMS));
    DecisionParts.warnUnapplied(
        new TestContext("inv-1", "Claims", lines),
        "Entra tokenIssuanceStart",
        AuthDecision.deny("no token"),
        Set.of());

    assertThat(lines).isEmpty();
  }
}
