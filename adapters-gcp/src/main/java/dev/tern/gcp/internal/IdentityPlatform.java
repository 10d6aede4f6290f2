package dev.tern.gcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.AuthUser;
import dev.tern.ConfigurationException;
import dev.tern.InvalidValueException;
import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
import dev.tern.gcp.GcpSettings;
import dev.tern.jackson.TernJson;
import dev.tern.spi.DecisionParts.Part;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Identity Platform blocking functions ({@code beforeCreate}, {@code beforeSignIn}): the request is
 * {@code {"data": {"jwt": "<token>"}}}; the token is verified before anything else is read (RS256
 * against Google's keys, issuer {@code https://securetoken.google.com/<project>}, audience, expiry,
 * as firebase-admin-node's {@code _verifyAuthBlockingToken} does); the answer is {@code
 * {"userRecord": {..., "updateMask": "..."}}} or {@code {"error": {"status", "message"}}}.
 *
 * <p>Sources: https://cloud.google.com/identity-platform/docs/blocking-functions,
 * firebase-functions {@code src/common/providers/identity.ts}.
 */
public final class IdentityPlatform {
  /** Tokens longer than this are refused before parsing. */
  static final int MAX_TOKEN = 64 * 1024;

  private static final Duration SKEW = Duration.ofSeconds(30);
  private static final String ISSUER = "https://securetoken.google.com/";

  /** A token that failed verification; the HTTP entry answers 401. */
  public static final class RejectedTokenException extends UndecodablePayloadException {
    private static final long serialVersionUID = 1L;

    RejectedTokenException(String message) {
      super(message);
    }
  }

  private IdentityPlatform() {}

  /** Whether a parsed request body has the blocking shape {@code {"data": {"jwt": "..."}}}. */
  public static boolean isBlockingRequest(JsonNode body) {
    JsonNode data = body.get("data");
    return data != null && data.isObject() && data.has("jwt");
  }

  /**
   * A verified blocking request: the neutral event, and the custom claims the user has ({@code
   * user_record.custom_claims}, typed as they came), which an answer that sets custom claims keeps.
   */
  public record Verified(AuthEvent event, ObjectNode customClaims) {}

  /**
   * Verifies the token in a blocking request and maps its claims.
   *
   * @throws RejectedTokenException when the token is not valid for this project
   * @throws ConfigurationException when no project id is configured
   */
  public static Verified verify(JsonNode body, GcpRuntime runtime, Object raw) {
    JsonNode jwt = body.get("data").get("jwt");
    if (!jwt.isTextual() || jwt.textValue().isEmpty() || jwt.textValue().length() > MAX_TOKEN) {
      throw new RejectedTokenException(
          "gcp: Identity Platform blocking request: data.jwt is not a token");
    }
    String project =
        runtime
            .project()
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        "gcp: an Identity Platform blocking request arrived but no project id is set; set "
                            + GcpSettings.PROJECT));
    JWTClaimsSet claims =
        verifiedClaims(jwt.textValue(), runtime, runtime.insecureUnsignedTokens());
    checkClaims(claims, project, runtime);
    AuthEvent event = event(claims, raw);
    return new Verified(event, customClaims(claims));
  }

  /** {@code user_record.custom_claims}, or no claims; {@link #event} has checked the types. */
  private static ObjectNode customClaims(JWTClaimsSet claims) {
    Object record = claims.getClaim("user_record");
    Object custom = record instanceof Map ? ((Map<?, ?>) record).get("custom_claims") : null;
    return custom instanceof Map
        ? TernJson.mapper().valueToTree(custom)
        : JsonNodeFactory.instance.objectNode();
  }

  private static JWTClaimsSet verifiedClaims(String token, GcpRuntime runtime, boolean insecure) {
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException e) {
      throw new RejectedTokenException("gcp: Identity Platform token does not parse as a JWT");
    }
    try {
      if (parsed instanceof PlainJWT) {
        if (!insecure) {
          throw new RejectedTokenException(
              "gcp: Identity Platform token is unsigned (alg none); only "
                  + GcpSettings.INSECURE_UNSIGNED_TOKENS
                  + "=true, for local tests, accepts that");
        }
        return parsed.getJWTClaimsSet();
      }
      if (!(parsed instanceof SignedJWT)) {
        throw new RejectedTokenException("gcp: Identity Platform token is encrypted, not signed");
      }
      SignedJWT signed = (SignedJWT) parsed;
      JWSHeader header = signed.getHeader();
      if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
        throw new RejectedTokenException(
            "gcp: Identity Platform token is signed with " + header.getAlgorithm() + ", not RS256");
      }
      String kid = header.getKeyID();
      if (kid == null || kid.isEmpty()) {
        throw new RejectedTokenException("gcp: Identity Platform token has no key id (kid)");
      }
      Optional<PublicKey> key = runtime.keys().key(kid);
      if (key.isEmpty() || !(key.get() instanceof RSAPublicKey)) {
        throw new RejectedTokenException(
            "gcp: Identity Platform token is signed with unknown key " + printable(kid));
      }
      if (!signed.verify(new RSASSAVerifier((RSAPublicKey) key.get()))) {
        throw new RejectedTokenException("gcp: Identity Platform token signature does not verify");
      }
      return signed.getJWTClaimsSet();
    } catch (ParseException e) {
      throw new RejectedTokenException("gcp: Identity Platform token claims do not parse");
    } catch (JOSEException e) {
      throw new RejectedTokenException(
          "gcp: Identity Platform token signature cannot be checked: "
              + e.getClass().getSimpleName());
    }
  }

  /**
   * Checks the claims of every token, signed or not: the Auth emulator's unsigned tokens carry
   * {@code iss}, {@code aud}, {@code sub}, {@code iat} and {@code exp} as Google's do
   * (firebase-tools {@code src/emulator/auth/operations.ts}, {@code generateBlockingFunctionJwt}),
   * so {@value GcpSettings#INSECURE_UNSIGNED_TOKENS} waives the signature and nothing else.
   */
  private static void checkClaims(JWTClaimsSet claims, String project, GcpRuntime runtime) {
    if (!(ISSUER + project).equals(claims.getIssuer())) {
      throw new RejectedTokenException(
          "gcp: Identity Platform token issuer is not " + ISSUER + project);
    }
    List<String> audience = claims.getAudience();
    Optional<String> expected =
        runtime.settings().get(GcpSettings.AUTH_AUDIENCE).filter(a -> !a.isBlank());
    boolean audienceOk =
        expected.isPresent()
            ? audience.contains(expected.get().trim())
            : audience.stream()
                .anyMatch(
                    a -> a.contains(project + ".cloudfunctions.net/") || a.contains(".run.app"));
    if (!audienceOk) {
      throw new RejectedTokenException(
          "gcp: Identity Platform token audience is not "
              + expected.orElse("this project's function URL"));
    }
    String subject = claims.getSubject();
    if (subject == null || subject.isEmpty() || subject.length() > 128) {
      throw new RejectedTokenException(
          "gcp: Identity Platform token subject is missing or longer than 128");
    }
    Instant now = runtime.clock().instant();
    Date exp = claims.getExpirationTime();
    Date iat = claims.getIssueTime();
    if (exp == null || !exp.toInstant().plus(SKEW).isAfter(now)) {
      throw new RejectedTokenException("gcp: Identity Platform token is expired or has no expiry");
    }
    if (iat == null || iat.toInstant().minus(SKEW).isAfter(now)) {
      throw new RejectedTokenException(
          "gcp: Identity Platform token is issued in the future or has no iat");
    }
  }

  static AuthEvent event(JWTClaimsSet claims, Object raw) {
    String type;
    Map<String, Object> record;
    try {
      type = claims.getStringClaim("event_type");
      record = claims.getJSONObjectClaim("user_record");
    } catch (ParseException e) {
      throw new UndecodablePayloadException(
          "gcp: Identity Platform token claims event_type or user_record have the wrong type");
    }
    AuthMoment moment;
    if ("beforeCreate".equals(type)
        || "providers/cloud.auth/eventTypes/user.beforeCreate".equals(type)) {
      moment = AuthMoment.BEFORE_SIGN_UP;
    } else if ("beforeSignIn".equals(type)
        || "providers/cloud.auth/eventTypes/user.beforeSignIn".equals(type)) {
      moment = AuthMoment.BEFORE_SIGN_IN;
    } else {
      throw new UnsupportedEventException(
          "gcp: Identity Platform blocking event_type \""
              + printable(type)
              + "\" is not mapped; mapped: beforeCreate, beforeSignIn");
    }
    if (record == null) {
      record = Map.of();
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    putString(record, "display_name", "displayName", attributes);
    putString(record, "photo_url", "photoURL", attributes);
    if (record.get("disabled") instanceof Boolean) {
      attributes.put("disabled", record.get("disabled").toString());
    }
    putString(record, "tenant_id", "tenantId", attributes);
    if (record.get("custom_claims") instanceof Map) {
      JsonNode custom = TernJson.mapper().valueToTree(record.get("custom_claims"));
      Events.putClaims(custom, attributes);
    }
    AuthUser user =
        AuthUser.builder()
            .id(string(record.get("uid")).orElse(claims.getSubject()))
            .email(string(record.get("email")).orElse(null))
            .phone(string(record.get("phone_number")).orElse(null))
            .emailVerified(
                record.get("email_verified") instanceof Boolean
                    ? (Boolean) record.get("email_verified")
                    : null)
            .attributes(attributes)
            .build();
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String[] names :
        new String[][] {
          {"sign_in_method", "signInMethod"},
          {"locale", "locale"},
          {"tenant_id", "tenantId"},
          {"event_type", "eventType"},
          {"recaptcha_score", "recaptchaScore"}
        }) {
      Object value = claims.getClaim(names[0]);
      if (value instanceof String || value instanceof Number) {
        metadata.put(names[1], value.toString());
      }
    }
    return AuthEvent.builder(moment, user)
        .ipAddress(string(claims.getClaim("ip_address")).orElse(null))
        .userAgent(string(claims.getClaim("user_agent")).orElse(null))
        .metadata(metadata)
        .id(string(claims.getClaim("event_id")).orElse(null))
        .raw(raw)
        .build();
  }

  private static void putString(
      Map<String, Object> record, String from, String to, Map<String, String> into) {
    string(record.get(from)).ifPresent(v -> into.put(to, v));
  }

  private static Optional<String> string(Object value) {
    return value instanceof String ? Optional.of((String) value) : Optional.empty();
  }

  /**
   * The parts of a decision {@link #allowAnswer} sets, at every moment: Identity Platform's answer
   * has no field to suppress a claim or to confirm a user. Nor has its error answer, which {@link
   * AuthDecision#invalid} gets just as a denial does, a field for the user's field errors.
   */
  public static final Set<Part> CARRIES = Set.of(Part.ATTRIBUTES, Part.CLAIMS, Part.EMAIL_VERIFIED);

  /** Field names of the userRecord answer that come from decision attributes. */
  private static final List<String> RECORD_FIELDS = List.of("displayName", "photoURL", "disabled");

  /**
   * The 200 answer for an allowing decision: {@code {}} for no change, else {@code {"userRecord":
   * {..., "updateMask": "displayName,customClaims"}}}. Attributes other than {@code displayName},
   * {@code photoURL} and {@code disabled} become custom claims; token claims become custom claims
   * before sign-up and session claims before sign-in and at token issuance.
   *
   * <p>Identity Platform stores an answer's {@code customClaims} as the user's claims in place of
   * those they had, as the Auth emulator does (firebase-tools {@code
   * processBlockingFunctionResponse}, src/emulator/auth/operations.ts: {@code
   * updates.customAttributes = JSON.stringify(userRecord.customClaims)}); firebase-functions sends
   * what the handler returns (src/common/providers/identity.ts, {@code generateResponsePayload}).
   * So when the decision sets custom claims, the answer carries {@code userClaims}, the claims the
   * user has, with the decision's set over them: a claim the decision leaves alone is kept.
   *
   * @throws InvalidValueException for a {@code disabled} attribute that is not true or false, or
   *     claims Identity Platform would refuse: a reserved name, or more than {@link #MAX_CLAIMS}
   *     characters of JSON
   */
  public static ObjectNode allowAnswer(
      AuthDecision decision, AuthMoment moment, ObjectNode userClaims) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode record = f.objectNode();
    List<String> mask = new ArrayList<>();
    ObjectNode custom = f.objectNode();
    decision.attributes().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              String name = e.getKey();
              if (RECORD_FIELDS.contains(name)) {
                if (name.equals("disabled")) {
                  String v = e.getValue().trim();
                  if (!v.equals("true") && !v.equals("false")) {
                    throw new InvalidValueException(
                        "gcp: attribute disabled must be true or false, not " + printable(v));
                  }
                  record.put(name, Boolean.parseBoolean(v));
                } else {
                  record.put(name, e.getValue());
                }
                mask.add(name);
              } else {
                custom.put(name, e.getValue());
              }
            });
    decision
        .emailVerified()
        .ifPresent(
            v -> {
              record.put("emailVerified", v);
              mask.add("emailVerified");
            });
    ObjectNode session = f.objectNode();
    ObjectNode claimsTarget = moment == AuthMoment.BEFORE_SIGN_UP ? custom : session;
    decision.claims().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> claimsTarget.set(e.getKey(), TernJson.mapper().valueToTree(e.getValue())));
    ObjectNode customClaims = custom;
    if (!custom.isEmpty()) {
      customClaims = userClaims.deepCopy();
      customClaims.setAll(custom);
    }
    checkAnswerClaims("customClaims", customClaims);
    checkAnswerClaims("sessionClaims", session);
    if (!customClaims.isEmpty() && !session.isEmpty()) {
      ObjectNode both = customClaims.deepCopy();
      both.setAll(session);
      checkLength("customClaims and sessionClaims together", both);
    }
    if (!customClaims.isEmpty()) {
      record.set("customClaims", customClaims);
      mask.add("customClaims");
    }
    if (!session.isEmpty()) {
      record.set("sessionClaims", session);
      mask.add("sessionClaims");
    }
    ObjectNode root = f.objectNode();
    if (!mask.isEmpty()) {
      record.put("updateMask", String.join(",", mask));
      root.set("userRecord", record);
    }
    return root;
  }

  /**
   * {@link #allowAnswer(AuthDecision, AuthMoment, ObjectNode)} for a user with no custom claims.
   */
  public static ObjectNode allowAnswer(AuthDecision decision, AuthMoment moment) {
    return allowAnswer(decision, moment, JsonNodeFactory.instance.objectNode());
  }

  /**
   * Claim names Identity Platform refuses in custom and session claims: firebase-admin-node's
   * {@code RESERVED_CLAIMS} (src/auth/auth-api-request.ts), which the Auth emulator's {@code
   * FORBIDDEN_CUSTOM_CLAIMS} matches; firebase-functions' list leaves out {@code sub}.
   */
  static final List<String> RESERVED_CLAIMS =
      List.of(
          "acr",
          "amr",
          "at_hash",
          "aud",
          "auth_time",
          "azp",
          "cnf",
          "c_hash",
          "exp",
          "firebase",
          "iat",
          "iss",
          "jti",
          "nbf",
          "nonce",
          "sub");

  /**
   * The most characters of JSON custom or session claims may take, each and together
   * (firebase-functions {@code validateAuthResponse}, src/common/providers/identity.ts).
   */
  static final int MAX_CLAIMS = 1000;

  /**
   * Refuses claims Identity Platform would refuse, naming the claim, so the function's log says
   * which one rather than the client app getting Identity Platform's own error.
   *
   * @throws InvalidValueException for a reserved name or more than {@link #MAX_CLAIMS} characters
   */
  private static void checkAnswerClaims(String field, ObjectNode claims) {
    if (claims.isEmpty()) {
      return;
    }
    for (String name : RESERVED_CLAIMS) {
      if (claims.has(name)) {
        throw new InvalidValueException(
            "gcp: the auth decision sets the claim \""
                + name
                + "\" in "
                + field
                + ", a name Identity Platform reserves ("
                + String.join(", ", RESERVED_CLAIMS)
                + ")");
      }
    }
    checkLength(field, claims);
  }

  /** Refuses {@code claims} over {@link #MAX_CLAIMS} characters of JSON, naming {@code what}. */
  private static void checkLength(String what, ObjectNode claims) {
    int length = claims.toString().length();
    if (length > MAX_CLAIMS) {
      throw new InvalidValueException(
          "gcp: the auth decision's "
              + what
              + " are "
              + length
              + " characters of JSON; Identity Platform takes at most "
              + MAX_CLAIMS);
    }
  }

  /** The error answer {@code {"error": {"status": ..., "message": ...}}}. */
  public static ObjectNode errorAnswer(String status, String message) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode error = root.putObject("error");
    error.put("status", status);
    error.put("message", message);
    return root;
  }

  static String printable(String text) {
    if (text == null) {
      return "null";
    }
    String cut = text.length() > 64 ? text.substring(0, 64) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
