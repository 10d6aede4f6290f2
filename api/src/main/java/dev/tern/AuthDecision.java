package dev.tern;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
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
 * return AuthDecision.invalid("Please check your postal code")        // the form again
 *     .withFieldError("postalCode", "A German postal code has five digits");
 * return AuthDecision.allow().withAttribute("tier", "free");          // before sign-up
 * return AuthDecision.allow().withClaim("tier", "gold").withoutClaim("email"); // token issuance
 * }</pre>
 *
 * <p>At moments that are not blocking the platform ignores the decision, except that a denial (or
 * {@link #invalid}) there is reported to the platform as a failure, so it is never silently
 * dropped.
 *
 * @since 0.1
 */
public final class AuthDecision {
  private static final AuthDecision ALLOW =
      new AuthDecision(true, null, Map.of(), Map.of(), Set.of(), false, null, false, Map.of());

  private final boolean allowed;
  private final String message;
  private final Map<String, String> attributes;
  private final Map<String, Object> claims;
  private final Set<String> suppressedClaims;
  private final boolean confirmUser;
  private final Boolean emailVerified;
  private final boolean invalid;
  private final Map<String, String> fieldErrors;

  private AuthDecision(
      boolean allowed,
      String message,
      Map<String, String> attributes,
      Map<String, Object> claims,
      Set<String> suppressedClaims,
      boolean confirmUser,
      Boolean emailVerified,
      boolean invalid,
      Map<String, String> fieldErrors) {
    this.allowed = allowed;
    this.message = message;
    this.attributes = attributes;
    this.claims = claims;
    this.suppressedClaims = suppressedClaims;
    this.confirmUser = confirmUser;
    this.emailVerified = emailVerified;
    this.invalid = invalid;
    this.fieldErrors = fieldErrors;
  }

  private static AuthDecision allowing(
      Map<String, String> attributes,
      Map<String, Object> claims,
      Set<String> suppressedClaims,
      boolean confirmUser,
      Boolean emailVerified) {
    return new AuthDecision(
        true,
        null,
        attributes,
        claims,
        suppressedClaims,
        confirmUser,
        emailVerified,
        false,
        Map.of());
  }

  /** Let the user through unchanged. */
  public static AuthDecision allow() {
    return ALLOW;
  }

  /**
   * Refuse; {@code message} is shown to the user where the platform displays one. To let the user
   * correct what they entered instead, see {@link #invalid}.
   */
  public static AuthDecision deny(String message) {
    requireNonNull(message, "message == null");
    return new AuthDecision(
        false, message, Map.of(), Map.of(), Set.of(), false, null, false, Map.of());
  }

  /**
   * Refuse what the user entered and ask them to correct it: where the platform can, the sign-up
   * form is shown again with {@code message}, and with the messages of {@link #withFieldError} next
   * to their fields. Where it cannot, this is a refusal with {@code message}, as {@link #deny} is:
   *
   * <ul>
   *   <li>Azure AD B2C, at the {@code PostAttributeCollection} step: {@code ValidationError} (HTTP
   *       400) with {@code message} as {@code userMessage}; B2C has no place for field errors. At
   *       the other steps a block page, as for a denial.
   *   <li>Entra External ID, at {@code attributeCollectionSubmit}: {@code showValidationError} with
   *       {@code message}, and the field errors as {@code attributeErrors}. At token issuance a
   *       refusal, as for a denial.
   *   <li>Cognito and Identity Platform: the same answer as {@code deny(message)}; neither has a
   *       place for field errors.
   * </ul>
   *
   * <p>Field errors an answer has no place for are left out and named in a warning in the
   * function's log.
   */
  public static AuthDecision invalid(String message) {
    requireNonNull(message, "message == null");
    return new AuthDecision(
        false, message, Map.of(), Map.of(), Set.of(), false, null, true, Map.of());
  }

  /** Whether the user is let through; false for both {@link #deny} and {@link #invalid}. */
  public boolean isAllowed() {
    return allowed;
  }

  /**
   * Whether the decision asks the user to correct what they entered ({@link #invalid}) rather than
   * refusing them ({@link #deny}) or letting them through.
   */
  public boolean isInvalid() {
    return invalid;
  }

  /** The message of a denial or of {@link #invalid}; empty when allowed. */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /**
   * The message for each field of the form, by attribute name, in the order they were added; empty
   * unless {@link #isInvalid()}.
   */
  public Map<String, String> fieldErrors() {
    return fieldErrors;
  }

  /**
   * User attributes to set or change (before sign-up and sign-in), in the order they were added.
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  /**
   * Claims to add to the issued token, in the order they were added: strings, numbers, booleans or
   * lists of strings.
   */
  public Map<String, Object> claims() {
    return claims;
  }

  /** Claims to leave out of the issued token, in the order they were named. */
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
    return allowing(
        Collections.unmodifiableMap(copy), claims, suppressedClaims, confirmUser, emailVerified);
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
          throw new InvalidValueException(
              "claim "
                  + name
                  + " is a list with a non-string element: "
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
    return allowing(
        attributes,
        Collections.unmodifiableMap(copy),
        suppressedClaims,
        confirmUser,
        emailVerified);
  }

  public AuthDecision withoutClaim(String name) {
    checkAllowed("suppressed claims");
    Set<String> copy = new LinkedHashSet<>(suppressedClaims);
    copy.add(requireNonNull(name, "name == null"));
    return allowing(
        attributes, claims, Collections.unmodifiableSet(copy), confirmUser, emailVerified);
  }

  public AuthDecision confirmUser() {
    checkAllowed("confirmation");
    return allowing(attributes, claims, suppressedClaims, true, emailVerified);
  }

  public AuthDecision withEmailVerified(boolean verified) {
    checkAllowed("e-mail verification");
    return allowing(attributes, claims, suppressedClaims, confirmUser, verified);
  }

  /**
   * Adds a message for one field of the form to an {@link #invalid} decision. {@code attribute} is
   * the name the function sees in {@link AuthUser#attributes()}: {@code postalCode}, or {@code
   * graduationYear} for a custom attribute that arrived as {@code extension_<app
   * id>_graduationYear}, whose answer uses the name it arrived with. A second message for the same
   * attribute replaces the first. Only Entra External ID shows field errors.
   */
  public AuthDecision withFieldError(String attribute, String message) {
    requireNonNull(attribute, "attribute == null");
    requireNonNull(message, "message == null");
    if (!invalid) {
      throw new InvalidValueException(
          (allowed ? "an approval" : "a denial")
              + " carries no field errors; "
              + "start from AuthDecision.invalid(message)");
    }
    Map<String, String> copy = new LinkedHashMap<>(fieldErrors);
    copy.put(attribute, message);
    return new AuthDecision(
        false,
        this.message,
        Map.of(),
        Map.of(),
        Set.of(),
        false,
        null,
        true,
        Collections.unmodifiableMap(copy));
  }

  private void checkAllowed(String what) {
    if (!allowed) {
      throw new InvalidValueException(
          (invalid ? "a validation error" : "a denial") + " carries no " + what);
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
        && java.util.Objects.equals(emailVerified, that.emailVerified)
        && invalid == that.invalid
        && fieldErrors.equals(that.fieldErrors);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        allowed,
        message,
        attributes,
        claims,
        suppressedClaims,
        confirmUser,
        emailVerified,
        invalid,
        fieldErrors);
  }

  /**
   * {@code AuthDecision[allow, claims {tier=gold}, without claims [email], confirm user]}, {@code
   * AuthDecision[deny: Sign-ups are closed]}, {@code AuthDecision[invalid: Please check your postal
   * code, field errors {postalCode=A German postal code has five digits}]}.
   */
  @Override
  public String toString() {
    if (invalid) {
      return "AuthDecision[invalid: "
          + message
          + (fieldErrors.isEmpty() ? "" : ", field errors " + fieldErrors)
          + "]";
    }
    if (!allowed) {
      return "AuthDecision[deny: " + message + "]";
    }
    return "AuthDecision[allow"
        + (attributes.isEmpty() ? "" : ", attributes " + attributes)
        + (claims.isEmpty() ? "" : ", claims " + claims)
        + (suppressedClaims.isEmpty() ? "" : ", without claims " + suppressedClaims)
        + (confirmUser ? ", confirm user" : "")
        + (emailVerified == null ? "" : ", email verified " + emailVerified)
        + "]";
  }
}
