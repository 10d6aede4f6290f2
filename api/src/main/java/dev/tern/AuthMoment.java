package dev.tern;

/**
 * A moment in an identity's life that a function can take part in.
 *
 * <p>At a {@link #isBlocking() blocking} moment the platform waits for the function's {@link
 * AuthDecision} and may refuse the user; at the others the function is only told.
 *
 * @since 0.1
 */
public enum AuthMoment {
  /** Before an account is created (Cognito PreSignUp, Identity Platform beforeCreate, B2C). */
  BEFORE_SIGN_UP(true),
  /** The account exists (Cognito PostConfirmation, Firebase Auth user created). */
  AFTER_SIGN_UP(false),
  /** Before a sign-in completes (Cognito PreAuthentication, Identity Platform beforeSignIn). */
  BEFORE_SIGN_IN(true),
  /** After a sign-in (Cognito PostAuthentication). */
  AFTER_SIGN_IN(false),
  /** A token is about to be issued; claims may be added (Cognito PreTokenGeneration, Entra). */
  TOKEN_ISSUANCE(true),
  /** The account was deleted (Firebase Auth user deleted). */
  USER_DELETED(false);

  private final boolean blocking;

  AuthMoment(boolean blocking) {
    this.blocking = blocking;
  }

  /** Whether the platform waits for a decision and honours a denial. */
  public boolean isBlocking() {
    return blocking;
  }
}
