package dev.tern.azure.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tern.azure.AzureKeySource;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the bearer token Microsoft Entra sends with each call of a custom authentication
 * extension, as "Protect your REST API" asks
 * (https://learn.microsoft.com/entra/identity-platform/custom-extension-overview#protect-your-rest-api):
 * an RS256 signature by one of the tenant's keys, the tenant's issuer, the extension's app
 * registration as audience, an unexpired token, and Entra's custom extension service as the client
 * ({@code azp} in v2.0 tokens, {@code appid} in v1.0 ones, both {@value #CUSTOM_EXTENSION_CALLER}).
 * Claims are described in
 * https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference.
 *
 * <p>Only the reason of a refusal is returned, never the token: the caller logs it.
 */
public final class EntraToken {
  /** The application id of Entra's custom authentication extensions service, the token's client. */
  public static final String CUSTOM_EXTENSION_CALLER = "99045fe1-7639-4a75-9d4a-577b6ca3810f";

  /** Tokens longer than this are refused before parsing. */
  static final int MAX_TOKEN = 16 * 1024;

  private static final Duration SKEW = Duration.ofSeconds(30);
  private static final Pattern TENANT_ID =
      Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");
  private static final Pattern HOST =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

  /** What a token must name: its two accepted issuers and the audience. */
  public record Expected(List<String> issuers, String audience) {}

  private EntraToken() {}

  /**
   * Whether {@code text} is a directory (tenant) id, a GUID such as {@code
   * aaaabbbb-0000-cccc-1111-dddd2222eeee}.
   */
  public static boolean isTenantId(String text) {
    return TENANT_ID.matcher(text).matches();
  }

  /**
   * Whether {@code text} is a lower-case host name such as {@code contoso.ciamlogin.com}, with no
   * port or path.
   */
  public static boolean isHost(String text) {
    return HOST.matcher(text).matches();
  }

  /**
   * The issuers a tenant's tokens may carry. "Protect your REST API" names {@code
   * https://login.microsoftonline.com/<tenant>/v2.0} for a workforce tenant and {@code
   * https://<domain>.ciamlogin.com/<tenant>/v2.0} for an external one; an external tenant is
   * reached under its name and under its id ({@code <tenant>.ciamlogin.com}), so both are taken,
   * each naming the configured tenant. On {@code login.microsoftonline.com}, v1.0 tokens carry
   * {@code https://sts.windows.net/<tenant>/} (the {@code iss} claim in the access token claims
   * reference).
   */
  public static List<String> issuers(String host, String tenant) {
    String v2 = "https://" + host + "/" + tenant + "/v2.0";
    if (host.equals("login.microsoftonline.com")) {
      return List.of(v2, "https://sts.windows.net/" + tenant + "/");
    }
    String byId = "https://" + tenant + ".ciamlogin.com/" + tenant + "/v2.0";
    return host.endsWith(".ciamlogin.com") && !v2.equals(byId) ? List.of(v2, byId) : List.of(v2);
  }

  /**
   * Why the {@code Authorization} header {@code authorization} does not carry a token Entra sent
   * for this extension, or empty when it does.
   *
   * @throws dev.tern.TernException when the tenant's keys cannot be fetched
   */
  public static Optional<String> refusal(
      String authorization, Expected expected, AzureKeySource keys, Instant now) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.of("no bearer token");
    }
    String token = authorization.substring(7).trim();
    if (token.isEmpty() || token.length() > MAX_TOKEN) {
      return Optional.of("bearer token is empty or longer than " + MAX_TOKEN + " characters");
    }
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException e) {
      return Optional.of("bearer token does not parse as a JWT");
    }
    if (parsed instanceof PlainJWT) {
      return Optional.of("bearer token is unsigned (alg none)");
    }
    if (!(parsed instanceof SignedJWT)) {
      return Optional.of("bearer token is encrypted, not signed");
    }
    SignedJWT signed = (SignedJWT) parsed;
    JWSHeader header = signed.getHeader();
    // Entra signs access tokens with RS256; anything else (HS256 above all) is refused outright.
    if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
      return Optional.of("bearer token is signed with " + header.getAlgorithm() + ", not RS256");
    }
    String kid = header.getKeyID();
    if (kid == null || kid.isEmpty()) {
      return Optional.of("bearer token has no key id (kid)");
    }
    Optional<PublicKey> key = keys.key(kid);
    if (key.isEmpty() || !(key.get() instanceof RSAPublicKey)) {
      return Optional.of(
          "bearer token is signed with key " + Json.clip(kid) + ", not one of the tenant's");
    }
    JWTClaimsSet claims;
    try {
      if (!signed.verify(new RSASSAVerifier((RSAPublicKey) key.get()))) {
        return Optional.of("bearer token signature does not verify");
      }
      claims = signed.getJWTClaimsSet();
    } catch (JOSEException e) {
      return Optional.of(
          "bearer token signature cannot be checked: " + e.getClass().getSimpleName());
    } catch (ParseException e) {
      return Optional.of("bearer token claims do not parse");
    }
    return claimsRefusal(claims, expected, now);
  }

  private static Optional<String> claimsRefusal(
      JWTClaimsSet claims, Expected expected, Instant now) {
    if (claims.getIssuer() == null || !expected.issuers().contains(claims.getIssuer())) {
      return Optional.of("bearer token issuer is not " + String.join(" or ", expected.issuers()));
    }
    if (!claims.getAudience().contains(expected.audience())) {
      return Optional.of("bearer token audience is not " + expected.audience());
    }
    Date exp = claims.getExpirationTime();
    if (exp == null || !exp.toInstant().plus(SKEW).isAfter(now)) {
      return Optional.of("bearer token is expired or has no expiry");
    }
    Date nbf = claims.getNotBeforeTime();
    if (nbf != null && nbf.toInstant().minus(SKEW).isAfter(now)) {
      return Optional.of("bearer token is not valid yet");
    }
    // v2.0 tokens name the client in azp, v1.0 tokens in appid; a token with azp is judged by it.
    Object client =
        claims.getClaim("azp") != null ? claims.getClaim("azp") : claims.getClaim("appid");
    if (!CUSTOM_EXTENSION_CALLER.equals(client)) {
      return Optional.of(
          "bearer token was not requested by Entra's custom authentication extensions "
              + "(azp or appid is not "
              + CUSTOM_EXTENSION_CALLER
              + ")");
    }
    return Optional.empty();
  }
}
