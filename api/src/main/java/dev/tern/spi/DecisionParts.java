package dev.tern.spi;

import static java.util.Objects.requireNonNull;

import dev.tern.AuthDecision;
import dev.tern.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an {@link AuthDecision}, so an adapter can say which of them its platform's answer
 * carries and warn, in the same words on every cloud, about the rest. Given {@code
 * allow().withClaim("tier", "gold").withAttribute("plan", "free").withoutClaim("email")} answered
 * at Entra's token issuance, which has a place for claims only, the function's log gets one line:
 *
 * <pre>{@code
 * {"level":"WARN","message":"Entra tokenIssuanceStart cannot carry these parts of the auth
 *   decision; they were not applied","parts":"withAttribute(plan), withoutClaim(email)", ...}
 * }</pre>
 *
 * <p>The warning only reports: the answer is the one the platform would get without those parts. A
 * denial carries nothing else and is never warned about; a validation error ({@link
 * AuthDecision#invalid}) is when its field errors have no place in the answer, as on Cognito:
 * {@code Cognito PreSignUp_SignUp cannot carry these parts of the auth decision; they were not
 * applied} with {@code parts} = {@code withFieldError(postalCode)}.
 *
 * @since 0.1
 */
public final class DecisionParts {
  /** A part of a decision, named in warnings by the method that asks for it. */
  public enum Part {
    /** {@link AuthDecision#withAttribute}, named {@code withAttribute(<name>)}. */
    ATTRIBUTES,
    /** {@link AuthDecision#withClaim}, named {@code withClaim(<name>)}. */
    CLAIMS,
    /** {@link AuthDecision#withoutClaim}, named {@code withoutClaim(<name>)}. */
    SUPPRESSED_CLAIMS,
    /** {@link AuthDecision#confirmUser}, named {@code confirmUser}. */
    CONFIRMATION,
    /**
     * {@link AuthDecision#withEmailVerified}, named {@code withEmailVerified(true)} or {@code
     * (false)}.
     */
    EMAIL_VERIFIED,
    /**
     * {@link AuthDecision#withFieldError}, the field errors of a validation error, named {@code
     * withFieldError(<attribute>)}.
     */
    FIELD_ERRORS
  }

  private DecisionParts() {}

  /**
   * The parts {@code decision} asks for that are not in {@code carried}, in the order of {@link
   * Part} and by name within a part: {@code [withAttribute(plan), withoutClaim(email)]}. Empty for
   * a denial, for a validation error without field errors, or when everything asked for is carried.
   */
  public static List<String> unapplied(AuthDecision decision, Set<Part> carried) {
    requireNonNull(decision, "decision == null");
    requireNonNull(carried, "carried == null");
    // A decision that is not allowed has no attributes, claims or the like: only field errors.
    List<String> parts = new ArrayList<>();
    if (!carried.contains(Part.ATTRIBUTES)) {
      addNamed(parts, "withAttribute", decision.attributes().keySet());
    }
    if (!carried.contains(Part.CLAIMS)) {
      addNamed(parts, "withClaim", decision.claims().keySet());
    }
    if (!carried.contains(Part.SUPPRESSED_CLAIMS)) {
      addNamed(parts, "withoutClaim", decision.suppressedClaims());
    }
    if (!carried.contains(Part.CONFIRMATION) && decision.confirmsUser()) {
      parts.add("confirmUser");
    }
    if (!carried.contains(Part.EMAIL_VERIFIED) && decision.emailVerified().isPresent()) {
      parts.add("withEmailVerified(" + decision.emailVerified().get() + ")");
    }
    if (!carried.contains(Part.FIELD_ERRORS)) {
      addNamed(parts, "withFieldError", decision.fieldErrors().keySet());
    }
    return List.copyOf(parts);
  }

  // The decision keeps names in unordered sets and maps; sorted, the same decision logs the same
  // line.
  private static void addNamed(List<String> parts, String method, Collection<String> names) {
    List<String> sorted = new ArrayList<>(names);
    Collections.sort(sorted);
    for (String name : sorted) {
      parts.add(method + "(" + name + ")");
    }
  }

  /**
   * Logs one warning to {@code context}'s log when {@code decision} asks for parts that are not in
   * {@code carried}, naming {@code callout} (the platform's name for the call being answered, such
   * as {@code Cognito PreSignUp_SignUp}) and, in the field {@code parts}, each part left out. Logs
   * nothing when there is none.
   */
  public static void warnUnapplied(
      Context context, String callout, AuthDecision decision, Set<Part> carried) {
    requireNonNull(context, "context == null");
    requireNonNull(callout, "callout == null");
    List<String> parts = unapplied(decision, carried);
    if (!parts.isEmpty()) {
      context
          .log()
          .warn(
              callout + " cannot carry these parts of the auth decision; they were not applied",
              Map.of("parts", String.join(", ", parts)));
    }
  }
}
