package dev.tern.azure.app;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Context;
import dev.tern.OnAuth;

/**
 * Refuses one domain, fails for another, asks for more than a sign-up answer can carry for a third,
 * sets an integer attribute to text for a fourth, asks a fifth to correct two fields, and tags
 * everyone else.
 */
@OnAuth(AuthMoment.BEFORE_SIGN_UP)
public final class SignUp implements AuthFunction {
  @Override
  public AuthDecision handle(AuthEvent event, Context context) {
    Recorder.record(event);
    String email = event.user().email().orElse("");
    if (email.endsWith("@blocked.example")) {
      return AuthDecision.deny("Sign-ups from this domain are closed");
    }
    if (email.endsWith("@boom.example")) {
      throw new IllegalStateException("directory unreachable");
    }
    if (email.endsWith("@invalid.example")) {
      return AuthDecision.invalid("Please check the highlighted fields")
          .withFieldError("postalCode", "A postal code has five digits")
          .withFieldError("graduationYear", "Enter the year you graduated, such as 2011");
    }
    if (email.endsWith("@typo.example")) {
      return AuthDecision.allow().withAttribute("graduationYear", "next year");
    }
    AuthDecision tagged =
        AuthDecision.allow()
            .withAttribute("CustomAttribute1", "checked")
            .withAttribute("tier", "free");
    if (email.endsWith("@extras.example")) {
      return tagged
          .withClaim("level", 3)
          .withoutClaim("email")
          .confirmUser()
          .withEmailVerified(true);
    }
    return tagged;
  }
}
