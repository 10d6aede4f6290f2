package dev.tern.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.Caller;
import dev.tern.UndecodablePayloadException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The caller App Service Authentication signs in, from the {@value HttpMapper#PRINCIPAL} header.
 *
 * <p>A class of its own so that the HTTP path loads Jackson's tree classes only for a request that
 * carries the header: the verifier loads the types a method assigns to one another when it checks
 * the class that holds the method, on the first request of every instance.
 */
final class AppServicePrincipal {
  private AppServicePrincipal() {}

  /**
   * Reads App Service Authentication's principal: base64 JSON with {@code auth_typ}, {@code
   * claims[{typ, val}]}, {@code name_typ} and {@code role_typ}
   * (https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities).
   */
  static Caller read(String header) {
    byte[] json;
    try {
      json = Base64.getDecoder().decode(header.trim());
    } catch (IllegalArgumentException e) {
      throw new UndecodablePayloadException("azure: " + HttpMapper.PRINCIPAL + " is not base64");
    }
    JsonNode root = Json.object(Json.parse(json, HttpMapper.PRINCIPAL), HttpMapper.PRINCIPAL);
    JsonNode claims = root.get("claims");
    Map<String, String> values = new LinkedHashMap<>();
    if (claims != null && claims.isArray()) {
      for (JsonNode claim : claims) {
        String typ = Json.scalar(claim.get("typ"));
        String val = Json.scalar(claim.get("val"));
        if (typ != null && val != null) {
          String earlier = values.get(typ);
          values.put(typ, earlier == null ? val : earlier + "," + val);
        }
      }
    }
    String subject = null;
    for (String key :
        List.of(
            "http://schemas.microsoft.com/identity/claims/objectidentifier",
            "oid",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier",
            "sub")) {
      if (subject == null && values.containsKey(key)) {
        subject = values.get(key);
      }
    }
    if (subject == null) {
      throw new UndecodablePayloadException(
          "azure: " + HttpMapper.PRINCIPAL + " has no object id, name id or sub claim");
    }
    String type = Json.scalar(root.get("auth_typ"));
    if (type != null) {
      values.putIfAbsent("auth_typ", type);
    }
    return new Caller("app-service", subject, values);
  }
}
