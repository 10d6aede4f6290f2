package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.AuthDecision;
import dev.tern.spi.DecisionParts.Part;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionPartsTest {
  private static final AuthDecision EVERYTHING = AuthDecision.allow()
      .withAttribute("tier", "gold").withAttribute("plan", "free")
      .withClaim("level", 3)
      .withoutClaim("email").withoutClaim("address")
      .confirmUser()
      .withEmailVerified(false);

  @Test
  void namesEveryPartNotCarriedInPartOrderAndByName() {
    assertThat(DecisionParts.unapplied(EVERYTHING, Set.of())).containsExactly(
        "withAttribute(plan)", "withAttribute(tier)", "withClaim(level)", "withoutClaim(address)",
        "withoutClaim(email)", "confirmUser", "withEmailVerified(false)");
  }

  @Test
  void leavesOutWhatTheAnswerCarries() {
    assertThat(DecisionParts.unapplied(EVERYTHING, EnumSet.of(Part.ATTRIBUTES, Part.CLAIMS)))
        .containsExactly("withoutClaim(address)", "withoutClaim(email)", "confirmUser", "withEmailVerified(false)");
    assertThat(DecisionParts.unapplied(EVERYTHING, EnumSet.allOf(Part.class))).isEmpty();
  }

  @Test
  void namesNothingForADenialOrAPlainAllow() {
    assertThat(DecisionParts.unapplied(AuthDecision.deny("no"), Set.of())).isEmpty();
    assertThat(DecisionParts.unapplied(AuthDecision.allow(), Set.of())).isEmpty();
  }

  @Test
  void warnsOnceThroughTheFunctionsLogNamingTheCalloutAndTheParts() {
    List<String> lines = TestContext.lines();
    DecisionParts.warnUnapplied(new TestContext("inv-1", "Claims", lines), "Entra tokenIssuanceStart",
        AuthDecision.allow().withClaim("tier", "gold").withAttribute("plan", "free").withoutClaim("email"),
        Set.of(Part.CLAIMS));

    assertThat(lines).containsExactly("{\"level\":\"WARN\",\"message\":\"Entra tokenIssuanceStart cannot carry"
        + " these parts of the auth decision; they were not applied\",\"invocationId\":\"inv-1\","
        + "\"parts\":\"withAttribute(plan), withoutClaim(email)\"}");
  }

  @Test
  void logsNothingWhenEveryPartIsCarried() {
    List<String> lines = TestContext.lines();
    DecisionParts.warnUnapplied(new TestContext("inv-1", "Claims", lines), "Entra tokenIssuanceStart",
        AuthDecision.allow().withClaim("tier", "gold"), Set.of(Part.CLAIMS));
    DecisionParts.warnUnapplied(new TestContext("inv-1", "Claims", lines), "Entra tokenIssuanceStart",
        AuthDecision.deny("no token"), Set.of());

    assertThat(lines).isEmpty();
  }
}
