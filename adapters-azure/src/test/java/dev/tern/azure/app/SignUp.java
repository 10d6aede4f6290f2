package dev.tern.azure.app;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.AuthFunction;
import dev.tern.Context;
import dev.tern.OnAuth;

/** Refuses one domain, fails for another, and tags everyone else. */
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
    return AuthDecision.allow().withAttribute("CustomAttribute1", "checked").withAttribute("tier", "free");
  }
}
