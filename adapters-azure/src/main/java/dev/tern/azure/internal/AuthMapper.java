package dev.tern.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.AuthUser;
import dev.tern.Context;
import dev.tern.InvalidValueException;
import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
import dev.tern.spi.DecisionParts;
import dev.tern.spi.DecisionParts.Part;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the two Azure identity callouts to {@link AuthEvent}s and decisions back.
 *
 * <ul>
 *   <li>Azure AD B2C API connectors
 *       (https://learn.microsoft.com/azure/active-directory-b2c/add-api-connector): a flat JSON
 *       object of claims with a {@code step}. {@code PostFederationSignup} and {@code
 *       PostAttributeCollection} are {@link AuthMoment#BEFORE_SIGN_UP}; {@code
 *       PreTokenApplicationClaims} is {@link AuthMoment#TOKEN_ISSUANCE}. Custom attributes {@code
 *       extension_<appid>_Name} become user attribute {@code Name}. The answer is {@code Continue}
 *       (200, with changed attributes or claims), {@code ShowBlockPage} (200) or, for {@link
 *       AuthDecision#invalid} at {@code PostAttributeCollection}, the only step that takes one,
 *       {@code ValidationError} (400).
 *   <li>Entra External ID custom authentication extensions: {@code
 *       microsoft.graph.authenticationEvent.attributeCollectionSubmit}
 *       (https://learn.microsoft.com/entra/identity-platform/custom-extension-onattributecollectionsubmit-reference)
 *       is {@link AuthMoment#BEFORE_SIGN_UP}, answered with {@code continueWithDefaultBehavior},
 *       {@code modifyAttributeValues}, {@code showBlockPage} or, for {@link AuthDecision#invalid},
 *       {@code showValidationError}, whose {@code attributeErrors} name each field by the name it
 *       arrived under. Custom attributes {@code extension_<appid>_Name} become user attribute
 *       {@code Name}, as on B2C, and a modified one is answered under the name it arrived with and
 *       as the JSON type it arrived as (a number or a boolean); {@code
 *       microsoft.graph.authenticationEvent.tokenIssuanceStart}
 *       (https://learn.microsoft.com/entra/identity-platform/custom-claims-provider-reference) is
 *       {@link AuthMoment#TOKEN_ISSUANCE}, answered with {@code provideClaimsForToken}.
 * </ul>
 */
public final class AuthMapper {
  /** Where the callout came from. */
  public enum Source {
    B2C,
    ENTRA
  }

  /**
   * A read callout: the event and what is needed to answer it in kind. {@code extensionNames} maps
   * each short attribute name a function sees to the {@code extension_<appid>_Name} it arrived
   * under; {@code types} holds the JSON type of each Entra sign-up attribute's value, by the name
   * it arrived under.
   */
  public record Call(
      Source source,
      AuthEvent event,
      String step,
      Map<String, String> extensionNames,
      Map<String, JsonNodeType> types) {}

  /** A native answer: the HTTP status and JSON body ({@code null} for none). */
  public record Answer(int status, byte[] json) {}

  private static final String ENTRA_PREFIX = "microsoft.graph.authenticationEvent.";
  private static final Set<String> B2C_RESERVED =
      Set.of("step", "client_id", "clientId", "ui_locales", "identities", "email", "objectId");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AuthMapper() {}

  /** Reads a callout body; throws the typed exception when it is neither kind. */
  public static Call read(byte[] body) {
    JsonNode root = Json.object(Json.parse(body, "identity callout body"), "identity callout body");
    String type = Json.scalar(root.get("type"));
    if (type != null && type.startsWith(ENTRA_PREFIX)) {
      return entra(root, type);
    }
    if (root.has("step")) {
      return b2c(root);
    }
    throw new UndecodablePayloadException(
        "azure: identity callout is neither an Azure AD B2C API "
            + "connector request (no \"step\") nor an Entra custom authentication extension (no \"type\" "
            + "starting with "
            + ENTRA_PREFIX
            + ")");
  }

  private static Call b2c(JsonNode root) {
    String step = Json.requiredText(root, "step", "B2C API connector request");
    AuthMoment moment;
    switch (step) {
      case "PostFederationSignup":
      case "PostAttributeCollection":
        moment = AuthMoment.BEFORE_SIGN_UP;
        break;
      case "PreTokenApplicationClaims":
      case "PreTokenIssuance":
        moment = AuthMoment.TOKEN_ISSUANCE;
        break;
      default:
        throw new UnsupportedEventException(
            "azure: B2C API connector step \""
                + Json.clip(step)
                + "\" is not mapped; Tern maps PostFederationSignup, PostAttributeCollection and "
                + "PreTokenApplicationClaims");
    }
    String what = "B2C API connector request (" + step + ")";
    Map<String, String> attributes = new LinkedHashMap<>();
    Map<String, String> extensionNames = new LinkedHashMap<>();
    root.properties()
        .forEach(
            e -> {
              if (B2C_RESERVED.contains(e.getKey())) {
                return;
              }
              String value = Json.scalar(e.getValue());
              if (value == null) {
                return;
              }
              String name = e.getKey();
              String shortName = extensionShortName(name);
              if (shortName != null) {
                extensionNames.put(shortName, name);
                name = shortName;
              }
              attributes.put(name, value);
            });
    AuthUser user =
        AuthUser.builder()
            .id(Json.text(root, "objectId", what))
            .email(Json.text(root, "email", what))
            .attributes(attributes)
            .build();
    String client = Json.text(root, "client_id", what);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("step", step);
    String locales = Json.text(root, "ui_locales", what);
    if (locales != null) {
      metadata.put("ui_locales", locales);
    }
    JsonNode identities = root.get("identities");
    if (identities != null && identities.isArray() && identities.size() > 0) {
      String issuer = Json.scalar(identities.get(0).get("issuer"));
      if (issuer != null) {
        metadata.put("issuer", issuer);
      }
    }
    AuthEvent event =
        AuthEvent.builder(moment, user)
            .clientId(client != null ? client : Json.text(root, "clientId", what))
            .metadata(metadata)
            .raw(root)
            .build();
    return new Call(Source.B2C, event, step, Map.copyOf(extensionNames), Map.of());
  }

  /** {@code extension_<appid>_Name} is {@code Name}; other names are not extension attributes. */
  static String extensionShortName(String name) {
    if (!name.startsWith("extension_")) {
      return null;
    }
    int under = name.indexOf('_', "extension_".length());
    return under < 0 || under == name.length() - 1 ? null : name.substring(under + 1);
  }

  private static Call entra(JsonNode root, String type) {
    String event = type.substring(ENTRA_PREFIX.length());
    String what = "Entra " + Json.clip(event) + " callout";
    JsonNode data = root.get("data");
    Json.object(data, what + " data");
    JsonNode auth =
        Json.object(data.get("authenticationContext"), what + " data.authenticationContext");
    JsonNode client = auth.get("client");
    JsonNode principal = auth.get("clientServicePrincipal");
    Map<String, String> metadata = new LinkedHashMap<>();
    putIfText(metadata, "tenantId", data.get("tenantId"));
    putIfText(metadata, "protocol", auth.get("protocol"));
    putIfText(metadata, "locale", client == null ? null : client.get("locale"));
    AuthUser user;
    AuthMoment moment;
    Map<String, String> extensionNames = new LinkedHashMap<>();
    Map<String, JsonNodeType> types = new LinkedHashMap<>();
    if (event.equals("attributeCollectionSubmit")) {
      moment = AuthMoment.BEFORE_SIGN_UP;
      JsonNode info = Json.object(data.get("userSignUpInfo"), what + " data.userSignUpInfo");
      Map<String, String> attributes = new LinkedHashMap<>();
      JsonNode attrs = info.get("attributes");
      if (attrs != null && attrs.isObject()) {
        attrs
            .properties()
            .forEach(
                e -> {
                  JsonNode node =
                      e.getValue().isObject() ? e.getValue().get("value") : e.getValue();
                  String value = Json.scalar(node);
                  if (value != null) {
                    String name = e.getKey();
                    types.put(name, node.getNodeType());
                    String shortName = extensionShortName(name);
                    if (shortName != null) {
                      extensionNames.put(shortName, name);
                      name = shortName;
                    }
                    attributes.put(name, value);
                  }
                });
      }
      String email = attributes.remove("email");
      JsonNode identities = info.get("identities");
      if (email == null && identities != null && identities.isArray()) {
        for (JsonNode identity : identities) {
          if ("email".equals(Json.scalar(identity.get("signInType")))) {
            email = Json.scalar(identity.get("issuerAssignedId"));
          }
        }
      }
      user = AuthUser.builder().email(email).attributes(attributes).build();
    } else if (event.equals("tokenIssuanceStart")) {
      moment = AuthMoment.TOKEN_ISSUANCE;
      JsonNode u = Json.object(auth.get("user"), what + " data.authenticationContext.user");
      Map<String, String> attributes = Json.strings(u);
      String id = attributes.remove("id");
      String mail = attributes.remove("mail");
      String upn = attributes.remove("userPrincipalName");
      user = AuthUser.builder().id(id).email(mail).username(upn).attributes(attributes).build();
    } else {
      throw new UnsupportedEventException(
          "azure: "
              + what
              + " is not mapped; Tern maps "
              + "attributeCollectionSubmit and tokenIssuanceStart");
    }
    AuthEvent.Builder builder =
        AuthEvent.builder(moment, user)
            .clientId(principal == null ? null : Json.scalar(principal.get("appId")))
            .ipAddress(client == null ? null : Json.scalar(client.get("ip")))
            .id(Json.scalar(auth.get("correlationId")))
            .metadata(metadata)
            .raw(root);
    return new Call(
        Source.ENTRA, builder.build(), event, Map.copyOf(extensionNames), Map.copyOf(types));
  }

  private static void putIfText(Map<String, String> map, String key, JsonNode node) {
    String value = Json.scalar(node);
    if (value != null) {
      map.put(key, value);
    }
  }

  /**
   * Answers a callout.
   *
   * @param denyAsValidation answer a plain denial before sign-up with a validation error (the user
   *     may correct the form) instead of a block page, as {@link AuthDecision#invalid} always is
   * @param extensionsAppId the client id of the tenant's b2c-extensions-app (with or without
   *     dashes), used to name custom attributes that did not arrive in the request; may be null
   * @throws InvalidValueException for an Entra attribute that arrived as a number or a boolean and
   *     is set to a value that is not one
   */
  public static Answer answer(
      Call call, AuthDecision decision, boolean denyAsValidation, String extensionsAppId) {
    return call.source() == Source.B2C
        ? b2cAnswer(call, decision, denyAsValidation, extensionsAppId)
        : entraAnswer(call, decision, denyAsValidation, extensionsAppId);
  }

  private static Answer b2cAnswer(
      Call call, AuthDecision decision, boolean denyAsValidation, String appId) {
    ObjectNode out = NODES.objectNode();
    out.put("version", "1.0.0");
    if (!decision.isAllowed()) {
      String message = decision.message().orElse("");
      // B2C takes a validation error at PostAttributeCollection only; elsewhere it is a block page.
      if ((decision.isInvalid() || denyAsValidation)
          && call.step().equals("PostAttributeCollection")) {
        out.put("status", 400);
        out.put("action", "ValidationError");
        out.put("userMessage", message);
        return new Answer(400, bytes(out));
      }
      out.put("action", "ShowBlockPage");
      out.put("userMessage", message);
      return new Answer(200, bytes(out));
    }
    out.put("action", "Continue");
    decision
        .attributes()
        .forEach((name, value) -> out.put(nativeName(call, name, appId, B2C_BUILT_IN), value));
    decision
        .claims()
        .forEach(
            (name, value) ->
                out.set(nativeName(call, name, appId, B2C_BUILT_IN), value(value, false)));
    return new Answer(200, bytes(out));
  }

  /**
   * The name an answer uses for {@code name}: the {@code extension_<appid>_Name} it arrived under,
   * else, for a name that is neither built in nor already an extension name, the one built from the
   * b2c-extensions-app id, else {@code name} itself.
   */
  private static String nativeName(Call call, String name, String appId, Set<String> builtIn) {
    String known = call.extensionNames().get(name);
    if (known != null) {
      return known;
    }
    if (appId != null
        && !appId.isBlank()
        && !name.startsWith("extension_")
        && !builtIn.contains(name)) {
      return "extension_" + appId.replace("-", "") + "_" + name;
    }
    return name;
  }

  // User flow attributes B2C sends under their own names (add-api-connector, "Request sent to the
  // API").
  private static final Set<String> B2C_BUILT_IN =
      Set.of(
          "email",
          "displayName",
          "givenName",
          "surname",
          "jobTitle",
          "streetAddress",
          "city",
          "postalCode",
          "state",
          "country",
          "objectId",
          "identities");

  // External ID's built-in sign-up attributes (external-id/customers/concept-user-attributes), and
  // companyName, which the OnAttributeCollectionSubmit reference's request sends as "builtIn".
  private static final Set<String> ENTRA_BUILT_IN =
      Set.of(
          "city",
          "country",
          "displayName",
          "email",
          "givenName",
          "jobTitle",
          "postalCode",
          "state",
          "streetAddress",
          "surname",
          "companyName");

  private static Answer entraAnswer(
      Call call, AuthDecision decision, boolean denyAsValidation, String appId) {
    ObjectNode data = NODES.objectNode();
    ArrayNode actions = data.arrayNode();
    ObjectNode action = actions.addObject();
    if (call.step().equals("tokenIssuanceStart")) {
      if (!decision.isAllowed()) {
        // Entra offers no refusal at token issuance; a failed call stops the token.
        return new Answer(403, null);
      }
      data.put("@odata.type", "microsoft.graph.onTokenIssuanceStartResponseData");
      action.put("@odata.type", "microsoft.graph.tokenIssuanceStart.provideClaimsForToken");
      ObjectNode claims = action.putObject("claims");
      decision.claims().forEach((name, value) -> claims.set(name, value(value, true)));
    } else {
      data.put("@odata.type", "microsoft.graph.onAttributeCollectionSubmitResponseData");
      if (!decision.isAllowed()) {
        if (decision.isInvalid() || denyAsValidation) {
          action.put(
              "@odata.type", "microsoft.graph.attributeCollectionSubmit.showValidationError");
          action.put("message", decision.message().orElse(""));
          ObjectNode errors = action.putObject("attributeErrors");
          decision
              .fieldErrors()
              .forEach(
                  (name, message) ->
                      errors.put(nativeName(call, name, appId, ENTRA_BUILT_IN), message));
        } else {
          action.put("@odata.type", "microsoft.graph.attributeCollectionSubmit.showBlockPage");
          action.put("message", decision.message().orElse(""));
        }
      } else if (decision.attributes().isEmpty()) {
        action.put(
            "@odata.type", "microsoft.graph.attributeCollectionSubmit.continueWithDefaultBehavior");
      } else {
        action.put(
            "@odata.type", "microsoft.graph.attributeCollectionSubmit.modifyAttributeValues");
        ObjectNode attributes = action.putObject("attributes");
        decision
            .attributes()
            .forEach(
                (name, value) -> {
                  String full = nativeName(call, name, appId, ENTRA_BUILT_IN);
                  attributes.set(full, entraValue(name, value, call.types().get(full)));
                });
      }
    }
    data.set("actions", actions);
    ObjectNode out = NODES.objectNode();
    out.set("data", data);
    return new Answer(200, bytes(out));
  }

  // What each answer has a place for (the table in docs/triggers/auth.md, "How a decision is
  // answered").
  private static final Set<Part> B2C_CARRIES = Set.of(Part.ATTRIBUTES, Part.CLAIMS);
  private static final Set<Part> ENTRA_SIGN_UP_CARRIES = Set.of(Part.ATTRIBUTES, Part.FIELD_ERRORS);
  private static final Set<Part> ENTRA_TOKEN_CARRIES = Set.of(Part.CLAIMS);

  /**
   * Warns, in {@code context}'s log, about the parts of a decision that the callout's answer has no
   * place for. B2C's {@code Continue} carries attributes and claims; Entra's {@code
   * modifyAttributeValues} at sign-up carries attributes only, and its {@code
   * provideClaimsForToken} claims only. No callout suppresses a claim, confirms a user or marks an
   * e-mail address verified, and only Entra's {@code showValidationError} has a place for the field
   * errors of {@link AuthDecision#invalid}: B2C's {@code ValidationError} shows one message. So
   * {@code withClaim("tier", "gold")} at Entra's sign-up logs {@code Entra
   * attributeCollectionSubmit cannot carry these parts of the auth decision; they were not applied}
   * with {@code parts} = {@code withClaim(tier)}, and the answer is the one it would be without
   * that claim.
   */
  public static void warnUnapplied(Call call, AuthDecision decision, Context context) {
    if (call.source() == Source.B2C) {
      DecisionParts.warnUnapplied(
          context, "B2C API connector step " + call.step(), decision, B2C_CARRIES);
    } else {
      DecisionParts.warnUnapplied(
          context,
          "Entra " + call.step(),
          decision,
          call.step().equals("tokenIssuanceStart") ? ENTRA_TOKEN_CARRIES : ENTRA_SIGN_UP_CARRIES);
    }
  }

  /**
   * A modified Entra attribute's value, of the type it arrived as: Entra expects the answer's value
   * types to match the request's, so an int64 attribute is answered with a JSON number and a
   * boolean one with {@code true} or {@code false}. The message leaves the value out: it is logged,
   * and the value is the user's data.
   */
  private static JsonNode entraValue(String name, String value, JsonNodeType arrived) {
    String v = value.trim();
    if (arrived == JsonNodeType.NUMBER) {
      try {
        return NODES.numberNode(Long.parseLong(v));
      } catch (NumberFormatException e) {
        throw new InvalidValueException(
            "azure: Entra attributeCollectionSubmit attribute "
                + Json.clip(name)
                + " arrived as an integer, and the decision's value is not one");
      }
    }
    if (arrived == JsonNodeType.BOOLEAN) {
      if (!v.equals("true") && !v.equals("false")) {
        throw new InvalidValueException(
            "azure: Entra attributeCollectionSubmit attribute "
                + Json.clip(name)
                + " arrived as a boolean, and the decision's value is neither true nor false");
      }
      return NODES.booleanNode(Boolean.parseBoolean(v));
    }
    return NODES.textNode(value);
  }

  /** A claim value; Entra takes only strings and string arrays, so others become strings there. */
  private static JsonNode value(Object value, boolean stringsOnly) {
    if (value instanceof List) {
      ArrayNode array = NODES.arrayNode();
      for (Object item : (List<?>) value) {
        array.add(String.valueOf(item));
      }
      return array;
    }
    if (!stringsOnly && value instanceof Boolean) {
      return NODES.booleanNode((Boolean) value);
    }
    if (!stringsOnly && value instanceof Number) {
      try {
        return NODES.numberNode(new java.math.BigDecimal(value.toString()));
      } catch (NumberFormatException e) {
        return NODES.textNode(value.toString()); // NaN and infinities have no JSON number
      }
    }
    return NODES.textNode(String.valueOf(value));
  }

  private static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }
}
