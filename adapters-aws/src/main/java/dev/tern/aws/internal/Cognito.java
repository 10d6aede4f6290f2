package dev.tern.aws.internal;

import static dev.tern.aws.internal.Json.list;
import static dev.tern.aws.internal.Json.obj;
import static dev.tern.aws.internal.Json.str;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.AuthUser;
import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
import dev.tern.spi.DecisionParts.Part;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cognito user pool triggers to {@link AuthEvent}, and an {@link AuthDecision} back into the
 * event's {@code response}, which Cognito reads from the returned event
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html).
 *
 * <table>
 *   <caption>Trigger sources</caption>
 *   <tr><th>{@code triggerSource} prefix</th><th>moment</th></tr>
 *   <tr><td>{@code PreSignUp_}</td><td>{@link AuthMoment#BEFORE_SIGN_UP}</td></tr>
 *   <tr><td>{@code PostConfirmation_}</td><td>{@link AuthMoment#AFTER_SIGN_UP}, except after a
 *   password reset, which calls no function</td></tr>
 *   <tr><td>{@code PreAuthentication_}</td><td>{@link AuthMoment#BEFORE_SIGN_IN}</td></tr>
 *   <tr><td>{@code PostAuthentication_}</td><td>{@link AuthMoment#AFTER_SIGN_IN}</td></tr>
 *   <tr><td>{@code TokenGeneration_}</td><td>{@link AuthMoment#TOKEN_ISSUANCE}</td></tr>
 * </table>
 */
public final class Cognito {
  /**
   * The PostConfirmation trigger after a password reset
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html),
   * which is no sign-up.
   */
  static final String PASSWORD_RESET = "PostConfirmation_ConfirmForgotPassword";

  /** The pre authentication trigger, the one mapped trigger that can be about an unknown user. */
  private static final String PRE_AUTHENTICATION = "PreAuthentication_Authentication";

  /** The prefix of a custom attribute's name. */
  private static final String CUSTOM = "custom:";

  private Cognito() {}

  /**
   * Whether Cognito gets {@code event} back unchanged with no function asked: after a password
   * reset ({@link #PASSWORD_RESET}), and before signing in a username that matches no user.
   *
   * <p>With the app client's {@code PreventUserExistenceErrors} {@code ENABLED}, Cognito also calls
   * the pre authentication trigger for such a username, with {@code request.userNotFound} true
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-authentication.html).
   * A {@link AuthMoment#BEFORE_SIGN_IN} function is about a user who exists, as on the other
   * clouds, and a refusal's message would reach the client where Cognito answers an unknown user
   * exactly as a wrong password, telling it the user does not exist. Given the event back, Cognito
   * fails the sign-in with that same answer. The flag is read at pre authentication only: Cognito
   * documents it there and for the custom challenge triggers, which Tern does not map.
   */
  static boolean callsNoFunction(Map<String, Object> event) {
    String trigger = str(event, "triggerSource");
    return PASSWORD_RESET.equals(trigger)
        || PRE_AUTHENTICATION.equals(trigger) && Json.isTrue(obj(event, "request"), "userNotFound");
  }

  /** The moment of a {@code triggerSource}, or an exception naming the unmapped trigger. */
  public static AuthMoment moment(String triggerSource) {
    int cut = triggerSource.indexOf('_');
    String prefix = cut < 0 ? triggerSource : triggerSource.substring(0, cut);
    switch (prefix) {
      case "PreSignUp":
        return AuthMoment.BEFORE_SIGN_UP;
      case "PostConfirmation":
        return AuthMoment.AFTER_SIGN_UP;
      case "PreAuthentication":
        return AuthMoment.BEFORE_SIGN_IN;
      case "PostAuthentication":
        return AuthMoment.AFTER_SIGN_IN;
      case "TokenGeneration":
        return AuthMoment.TOKEN_ISSUANCE;
      default:
        throw new UnsupportedEventException(
            "aws: Cognito trigger \""
                + triggerSource
                + "\" has no neutral auth moment (mapped: PreSignUp_*, PostConfirmation_*,"
                + " PreAuthentication_*, PostAuthentication_*, TokenGeneration_*)");
    }
  }

  /**
   * The user's attributes with custom ones under their own names: Cognito prefixes every custom
   * attribute with {@code custom:}
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-custom-attributes),
   * so {@code custom:tier} is {@code tier}, as the other clouds name it. A custom attribute whose
   * short name is a standard attribute's, or another attribute's of this event, keeps its prefix.
   */
  static Map<String, String> shortened(Map<String, String> attributes) {
    Map<String, String> named = null;
    for (String name : attributes.keySet()) {
      if (name.startsWith(CUSTOM)) {
        named = new LinkedHashMap<>();
        break;
      }
    }
    if (named == null) {
      return attributes;
    }
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      String name = e.getKey();
      if (name.startsWith(CUSTOM)) {
        String own = name.substring(CUSTOM.length());
        // Standard attributes the user has not set are left out of the event: a custom one must
        // not take their place, where the user, email or phone would read it.
        if (!isStandard(own) && !attributes.containsKey(own)) {
          name = own;
        }
      }
      named.put(name, e.getValue());
    }
    return named;
  }

  /**
   * Whether {@code name} is one of Cognito's standard attributes
   * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#cognito-user-pools-standard-attributes)
   * or their verification flags.
   */
  public static boolean isStandard(String name) {
    // A switch on strings, compiled to a hash lookup: no set to build when the class loads.
    switch (name) {
      case "address":
      case "birthdate":
      case "email":
      case "email_verified":
      case "family_name":
      case "gender":
      case "given_name":
      case "locale":
      case "middle_name":
      case "name":
      case "nickname":
      case "phone_number":
      case "phone_number_verified":
      case "picture":
      case "preferred_username":
      case "profile":
      case "sub":
      case "updated_at":
      case "website":
      case "zoneinfo":
      case "identities":
        return true;
      default:
        return false;
    }
  }

  /** The neutral event of a Cognito trigger payload. */
  public static AuthEvent event(Map<String, Object> event) {
    String trigger = str(event, "triggerSource");
    AuthMoment moment = moment(trigger);
    Map<String, Object> request = obj(event, "request");
    Map<String, Object> attributesNode = obj(request, "userAttributes");
    if (attributesNode == null && moment != AuthMoment.TOKEN_ISSUANCE) {
      throw new UndecodablePayloadException(
          "aws: Cognito " + trigger + " event has no \"request.userAttributes\" object");
    }
    Map<String, String> attributes = shortened(Json.stringMap(attributesNode));
    String verified = attributes.get("email_verified");
    AuthUser user =
        AuthUser.builder()
            .id(attributes.get("sub"))
            .username(str(event, "userName"))
            .email(attributes.get("email"))
            .phone(attributes.get("phone_number"))
            .emailVerified(
                verified == null ? null : Boolean.valueOf("true".equalsIgnoreCase(verified)))
            .attributes(attributes)
            .build();
    Map<String, String> metadata =
        new LinkedHashMap<>(Json.stringMap(obj(request, "validationData")));
    metadata.putAll(Json.stringMap(obj(request, "clientMetadata")));
    metadata.put("triggerSource", trigger);
    Map<String, Object> userContext = obj(request, "userContextData");
    return AuthEvent.builder(moment, user)
        .clientId(str(obj(event, "callerContext"), "clientId"))
        .ipAddress(str(userContext, "ipAddress"))
        .metadata(metadata)
        .raw(event)
        .build();
  }

  /** Whether a pre-token-generation event asks for the version 2 or 3 response. */
  static boolean isTokenV2(Map<String, Object> event) {
    String version = str(event, "version");
    // Some samples say version "1" yet carry scopes; scopes only exist from version 2 on.
    return (version != null && !version.equals("1"))
        || list(obj(event, "request"), "scopes") != null;
  }

  private static final Set<Part> PRE_SIGN_UP_CARRIES =
      Set.of(Part.CONFIRMATION, Part.EMAIL_VERIFIED);
  private static final Set<Part> TOKEN_CARRIES = Set.of(Part.CLAIMS, Part.SUPPRESSED_CLAIMS);

  /**
   * The parts of a decision that {@link #respond} sets at {@code moment}: pre sign-up confirms the
   * user and verifies the e-mail address, token generation adds and suppresses claims, and the
   * other triggers take nothing. No trigger changes user attributes, and none has a place for the
   * field errors of {@link AuthDecision#invalid}, which Cognito answers as a refusal.
   */
  static Set<Part> carries(AuthMoment moment) {
    // Compared rather than switched on: a switch on an enum costs a cold JVM one more class.
    if (moment == AuthMoment.BEFORE_SIGN_UP) {
      return PRE_SIGN_UP_CARRIES;
    }
    return moment == AuthMoment.TOKEN_ISSUANCE ? TOKEN_CARRIES : Set.of();
  }

  /**
   * The event to return: a copy with Cognito's response fields set from an allowing decision.
   *
   * <ul>
   *   <li>PreSignUp: {@code autoConfirmUser}, {@code autoVerifyEmail}
   *       (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html)
   *   <li>PreTokenGeneration version 1: {@code claimsOverrideDetails}; version 2 and 3: {@code
   *       claimsAndScopeOverrideDetails} for the ID and access token
   *       (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html)
   * </ul>
   */
  public static Map<String, Object> respond(Map<String, Object> event, AuthDecision decision) {
    Map<String, Object> out = new LinkedHashMap<>(event);
    Map<String, Object> existing = obj(event, "response");
    Map<String, Object> response =
        existing == null ? new LinkedHashMap<>() : new LinkedHashMap<>(existing);
    AuthMoment moment = moment(str(event, "triggerSource"));
    if (moment == AuthMoment.BEFORE_SIGN_UP) {
      response.put("autoConfirmUser", decision.confirmsUser());
      boolean verifyEmail = decision.emailVerified().orElse(false);
      response.put("autoVerifyEmail", verifyEmail);
      if (!response.containsKey("autoVerifyPhone")) {
        response.put("autoVerifyPhone", Boolean.FALSE);
      }
    } else if (moment == AuthMoment.TOKEN_ISSUANCE
        && (!decision.claims().isEmpty() || !decision.suppressedClaims().isEmpty())) {
      if (isTokenV2(event)) {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("claimsToAddOrOverride", new LinkedHashMap<>(decision.claims()));
        token.put("claimsToSuppress", new ArrayList<Object>(decision.suppressedClaims()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("idTokenGeneration", token);
        details.put("accessTokenGeneration", new LinkedHashMap<>(token));
        response.put("claimsAndScopeOverrideDetails", details);
      } else {
        // Version 1 takes string claim values only.
        Map<String, Object> claims = new LinkedHashMap<>();
        decision
            .claims()
            .forEach(
                (k, v) ->
                    claims.put(
                        k,
                        v instanceof List
                            ? new String(Json.toBytes(v), java.nio.charset.StandardCharsets.UTF_8)
                            : String.valueOf(v)));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("claimsToAddOrOverride", claims);
        details.put("claimsToSuppress", new ArrayList<Object>(decision.suppressedClaims()));
        response.put("claimsOverrideDetails", details);
      }
    }
    out.put("response", response);
    return out;
  }
}
