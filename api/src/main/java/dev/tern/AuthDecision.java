package dev.tern;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an auth function decides at a blocking moment.
 *
 * <pre>{@code
 * return AuthDecision.deny("Sign-ups from disposable addresses are not accepted");
 * return AuthDecision.allow().withAttribute("tier", "free");          // before sign-up
 * return AuthDecision.allow().withClaim("tier", "gold").withoutClaim("email"); // token issuance
 * }</pre>
 *
 * <p>At moments that are not blocking the platform ignores the decision, except that a denial
 * there is reported to the platform as a failure, so it is never silently dropped.
 *
 * @since 0.1
 */
public final class AuthDecision {
  private static final AuthDecision ALLOW =
      new AuthDecision(true, null, Map.of(), Map.of(), Set.of(), false, null);

  private final boolean allowed;
  private final String message;
  private final Map<String, String> attributes;
  private final Map<String, Object> claims;
  private final Set<String> suppressedClaims;
  private final boolean confirmUser;
  private final Boolean emailVerified;

  private AuthDecision(
      boolean allowed,
      String message,
      Map<String, String> attributes,
      Map<String, Object> claims,
      Set<String> suppressedClaims,
      boolean confirmUser,
      Boolean emailVerified) {
    this.allowed = allowed;
    this.message = message;
    this.attributes = attributes;
    this.claims = claims;
    this.suppressedClaims = suppressedClaims;
    this.confirmUser = confirmUser;
    this.emailVerified = emailVerified;
  }

  /** Let the user through unchanged. */
  public static AuthDecision allow() {
    return ALLOW;
  }

  /** Refuse; {@code message} is shown to the user where the platform displays one. */
  public static AuthDecision deny(String message) {
    requireNonNull(message, "message == null");
    return new AuthDecision(false, message, Map.of(), Map.of(), Set.of(), false, null);
  }

  public boolean isAllowed() {
    return allowed;
  }

  /** The denial message; empty when allowed. */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /** User attributes to set or change (before sign-up and sign-in). */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** Claims to add to the issued token: strings, numbers, booleans or lists of strings. */
  public Map<String, Object> claims() {
    return claims;
  }

  /** Claims to leave out of the issued token. */
  public Set<String> suppressedClaims() {
    return suppressedClaims;
  }

  /** Confirm the new user without the usual verification step (Cognito auto-confirm). */
  public boolean confirmsUser() {
    return confirmUser;
  }

  /** Mark the e-mail address verified or not. */
  public Optional<Boolean> emailVerified() {
    return Optional.ofNullable(emailVerified);
  }

  public AuthDecision withAttribute(String name, String value) {
    checkAllowed("attributes");
    Map<String, String> copy = new LinkedHashMap<>(attributes);
    copy.put(requireNonNull(name, "name == null"), requireNonNull(value, "value == null"));
    return new AuthDecision(true, null, Map.copyOf(copy), claims, suppressedClaims, confirmUser,
        emailVerified);
  }

  /** Adds a token claim; {@code value} is a String, Number, Boolean or a List of Strings. */
  public AuthDecision withClaim(String name, Object value) {
    checkAllowed("claims");
    requireNonNull(name, "name == null");
    requireNonNull(value, "value == null");
    if (value instanceof java.util.List) {
      // Copied, so the caller's list cannot change the decision afterwards.
      for (Object element : (java.util.List<?>) value) {
        if (!(element instanceof String)) {
          throw new InvalidValueException("claim " + name + " is a list with a non-string element: "
              + (element == null ? "null" : element.getClass().getName()));
        }
      }
      value = java.util.List.copyOf((java.util.List<?>) value);
    } else if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
      throw new InvalidValueException(
          "claim " + name + " has unsupported type " + value.getClass().getName());
    }
    Map<String, Object> copy = new LinkedHashMap<>(claims);
    copy.put(name, value);
    return new AuthDecision(true, null, attributes, Map.copyOf(copy), suppressedClaims,
        confirmUser, emailVerified);
  }

  public AuthDecision withoutClaim(String name) {
    checkAllowed("suppressed claims");
    Set<String> copy = new LinkedHashSet<>(suppressedClaims);
    copy.add(requireNonNull(name, "name == null"));
    return new AuthDecision(true, null, attributes, claims, Set.copyOf(copy), confirmUser,
        emailVerified);
  }

  public AuthDecision confirmUser() {
    checkAllowed("confirmation");
    return new AuthDecision(true, null, attributes, claims, suppressedClaims, true, emailVerified);
  }

  public AuthDecision withEmailVerified(boolean verified) {
    checkAllowed("e-mail verification");
    return new AuthDecision(true, null, attributes, claims, suppressedClaims, confirmUser,
        verified);
  }

  private void checkAllowed(String what) {
    if (!allowed) {
      throw new InvalidValueException("a denial carries no " + what);
    }
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof AuthDecision)) {
      return false;
    }
    AuthDecision that = (AuthDecision) other;
    return allowed == that.allowed
        && java.util.Objects.equals(message, that.message)
        && attributes.equals(that.attributes)
        && claims.equals(that.claims)
        && suppressedClaims.equals(that.suppressedClaims)
        && confirmUser == that.confirmUser
        && java.util.Objects.equals(emailVerified, that.emailVerified);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(allowed, message, attributes, claims, suppressedClaims, confirmUser,
        emailVerified);
  }

  /** {@code AuthDecision[allow, claims {tier=gold}, without claims [email], confirm user]}. */
  @Override
  public String toString() {
    if (!allowed) {
      return "AuthDecision[deny: " + message + "]";
    }
    return "AuthDecision[allow" + (attributes.isEmpty() ? "" : ", attributes " + attributes)
        + (claims.isEmpty() ? "" : ", claims " + claims)
        + (suppressedClaims.isEmpty() ? "" : ", without claims " + suppressedClaims)
        + (confirmUser ? ", confirm user" : "")
        + (emailVerified == null ? "" : ", email verified " + emailVerified) + "]";
  }
}
