package dev.tern.aws.fns;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Context;
import dev.tern.OnAuth;
import java.util.List;

/**
 * Decides on sign-ups, sign-ins and tokens: e-mail at {@code blocked.example} is refused, at {@code
 * auto.example} confirmed at once, at {@code invalid.example} asked to correct a field before
 * sign-up and its form before sign-in; a locked account cannot sign in; a user named {@code
 * explode} makes the function throw, and one named {@code extras} is given every part a decision
 * has at every moment; tokens get a {@code tier} claim and lose {@code email}.
 */
@OnAuth({
  AuthMoment.BEFORE_SIGN_UP,
  AuthMoment.AFTER_SIGN_UP,
  AuthMoment.BEFORE_SIGN_IN,
  AuthMoment.AFTER_SIGN_IN,
  AuthMoment.TOKEN_ISSUANCE
})
public final class Accounts implements AuthFunction {
  @Override
  public AuthDecision handle(AuthEvent event, Context context) {
    Recorder.record("Accounts", event, context);
    if (event.user().username().orElse("").equals("explode")) {
      throw new IllegalStateException("the user store is down");
    }
    if (event.user().username().orElse("").equals("extras")) {
      return AuthDecision.allow()
          .withAttribute("custom:tier", "gold")
          .withClaim("tier", "gold")
          .withoutClaim("email")
          .confirmUser()
          .withEmailVerified(true);
    }
    String email = event.user().email().orElse("");
    switch (event.moment()) {
      case BEFORE_SIGN_UP:
        if (email.endsWith("@blocked.example")) {
          return AuthDecision.deny("Sign-ups from this domain are closed.");
        }
        if (email.endsWith("@invalid.example")) {
          return AuthDecision.invalid("Please check your postal code.")
              .withFieldError("custom:postcode", "A postal code has five digits.");
        }
        return email.endsWith("@auto.example")
            ? AuthDecision.allow().confirmUser().withEmailVerified(true)
            : AuthDecision.allow();
      case BEFORE_SIGN_IN:
        if (email.endsWith("@invalid.example")) {
          return AuthDecision.invalid("Please check your entries.");
        }
        return event.user().attribute("locked").orElse("false").equals("true")
            ? AuthDecision.deny("This account is locked.")
            : AuthDecision.allow();
      case TOKEN_ISSUANCE:
        return AuthDecision.allow()
            .withClaim("tier", event.user().attribute("tier").orElse("none"))
            .withClaim("level", 3)
            .withClaim("teams", List.of("red", "blue"))
            .withoutClaim("email");
      default:
        return AuthDecision.allow();
    }
  }
}
