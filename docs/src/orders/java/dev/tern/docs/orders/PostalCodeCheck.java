package dev.tern.docs.orders;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Context;
import dev.tern.OnAuth;

/** Asks the user to correct a postal code that does not have five digits. */
@OnAuth(AuthMoment.BEFORE_SIGN_UP)
public final class PostalCodeCheck implements AuthFunction {
  @Override
  public AuthDecision handle(AuthEvent event, Context context) {
    // snippet: auth-field-error
    String postalCode = event.user().attribute("postalCode").orElse(""); // "1011"
    if (!postalCode.matches("[0-9]{5}")) {
      return AuthDecision.invalid("Please check the highlighted fields.")
          .withFieldError("postalCode", "A postal code has five digits.");
    }
    // end snippet
    return AuthDecision.allow();
  }
}
