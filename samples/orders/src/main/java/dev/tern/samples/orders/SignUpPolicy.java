package dev.tern.samples.orders;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Context;
import dev.tern.OnAuth;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses sign-ups from disposable e-mail domains, asks for an address that has no {@code @} to be
 * corrected, and adds a {@code tier} claim to every token issued.
 */
@OnAuth({AuthMoment.BEFORE_SIGN_UP, AuthMoment.TOKEN_ISSUANCE})
public final class SignUpPolicy implements AuthFunction {
  static final Set<String> DISPOSABLE =
      Set.of("mailinator.com", "guerrillamail.com", "10minutemail.com");

  @Override
  public AuthDecision handle(AuthEvent event, Context context) {
    if (event.moment() == AuthMoment.TOKEN_ISSUANCE) {
      return AuthDecision.allow()
          .withClaim("tier", event.user().attribute("tier").orElse("standard"));
    }
    String email = event.user().email().orElse("");
    if (email.indexOf('@') < 0) {
      // a typo the user can fix on the form, where the platform shows it again
      return AuthDecision.invalid("Please check your e-mail address.")
          .withFieldError("email", "An e-mail address has an @, as in ada@example.com.");
    }
    String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    if (DISPOSABLE.contains(domain)) {
      return AuthDecision.deny("Please sign up with a permanent e-mail address.");
    }
    return AuthDecision.allow();
  }
}
