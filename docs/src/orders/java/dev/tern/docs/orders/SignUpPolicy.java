package dev.tern.docs.orders;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Context;
import dev.tern.OnAuth;
import java.util.Locale;
import java.util.Set;

// snippet: auth-sign-up-policy
@OnAuth({AuthMoment.BEFORE_SIGN_UP, AuthMoment.TOKEN_ISSUANCE})
public final class SignUpPolicy implements AuthFunction {
  static final Set<String> DISPOSABLE = Set.of("mailinator.com", "guerrillamail.com");

  @Override
  public AuthDecision handle(AuthEvent event, Context context) {
    if (event.moment() == AuthMoment.TOKEN_ISSUANCE) {
      return AuthDecision.allow()
          .withClaim("tier", event.user().attribute("tier").orElse("standard"));
    }
    String email = event.user().email().orElse(""); // "ada@mailinator.com"
    String domain = email.substring(email.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    return DISPOSABLE.contains(domain)
        ? AuthDecision.deny("Please sign up with a permanent e-mail address.")
        : AuthDecision.allow();
  }
}
// end snippet
