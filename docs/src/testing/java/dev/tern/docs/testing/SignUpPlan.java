package dev.tern.docs.testing;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Context;
import dev.tern.OnAuth;

/** Gives every new user a plan attribute and a claim naming the domain they signed up with. */
@OnAuth(AuthMoment.BEFORE_SIGN_UP)
public final class SignUpPlan implements AuthFunction {
  @Override
  public AuthDecision handle(AuthEvent event, Context context) {
    String email = event.user().email().orElse("");
    return AuthDecision.allow()
        .withAttribute("plan", "free")
        .withClaim("signup_domain", email.substring(email.indexOf('@') + 1));
  }
}
