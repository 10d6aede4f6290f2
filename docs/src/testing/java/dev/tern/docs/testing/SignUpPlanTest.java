package dev.tern.docs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.AuthDecision;
import dev.tern.Cloud;
import dev.tern.testing.AcrossClouds;
import dev.tern.testing.Harness;
import dev.tern.testing.TernTest;
import java.util.HashMap;
import java.util.Map;

/** testing.md: what a sign-up decision holds after each cloud's answer. */
@TernTest(SignUpPlan.class)
class SignUpPlanTest {
  // snippet: testing-auth-across-clouds
  @AcrossClouds
  void givesNewUsersThePlan(Harness harness) {
    AuthDecision decision = harness.signUp("ada@example.com");

    assertThat(decision.isAllowed()).isTrue();
    Map<String, Object> kept = new HashMap<>(decision.attributes());
    kept.putAll(decision.claims());
    if (harness.cloud() == Cloud.AWS) {
      assertThat(kept).isEmpty(); // Cognito's pre sign-up answer has no place for either
    } else {
      assertThat(kept).containsEntry("plan", "free").containsEntry("signup_domain", "example.com");
    }
  }

  // end snippet

  @AcrossClouds
  void readsBackWhatTheCloudKeeps(Harness harness) {
    AuthDecision decision = harness.signUp("ada@example.com");

    switch (harness.cloud()) {
      case LOCAL:
        assertThat(decision.attributes()).isEqualTo(Map.of("plan", "free"));
        assertThat(decision.claims()).isEqualTo(Map.of("signup_domain", "example.com"));
        break;
      case AWS:
        assertThat(decision.attributes()).isEmpty();
        assertThat(decision.claims()).isEmpty();
        break;
      case AZURE:
        assertThat(decision.attributes())
            .isEqualTo(Map.of("plan", "free", "signup_domain", "example.com"));
        assertThat(decision.claims()).isEmpty();
        break;
      default:
        assertThat(decision.attributes()).isEmpty();
        assertThat(decision.claims())
            .isEqualTo(Map.of("plan", "free", "signup_domain", "example.com"));
    }
  }
}
