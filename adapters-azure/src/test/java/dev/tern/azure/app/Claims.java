package dev.tern.azure.app;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Context;
import dev.tern.OnAuth;
import java.util.List;

/**
 * Adds claims at token issuance; for one domain asks for more than a token answer can carry, and
 * answers another with a validation error, which token issuance has no place for.
 */
@OnAuth(AuthMoment.TOKEN_ISSUANCE)
public final class Claims implements AuthFunction {
  @Override
  public AuthDecision handle(AuthEvent event, Context context) {
    Recorder.record(event);
    if (event.user().email().orElse("").endsWith("@blocked.example")) {
      return AuthDecision.deny("no token");
    }
    if (event.user().email().orElse("").endsWith("@invalid.example")) {
      return AuthDecision.invalid("Please check your profile")
          .withFieldError("postalCode", "five digits");
    }
    AuthDecision claims =
        AuthDecision.allow()
            .withClaim("tier", "gold")
            .withClaim("roles", List.of("Writer", "Editor"));
    if (event.user().email().orElse("").endsWith("@extras.example")) {
      return claims
          .withAttribute("plan", "free")
          .withoutClaim("email")
          .confirmUser()
          .withEmailVerified(true);
    }
    return claims;
  }
}
