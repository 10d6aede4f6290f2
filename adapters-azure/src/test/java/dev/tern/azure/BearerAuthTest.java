package dev.tern.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.tern.AuthEvent;
import dev.tern.TernException;
import dev.tern.azure.app.Recorder;
import dev.tern.azure.app.SignUpAzureEntry;
import dev.tern.spi.Settings;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code TERN_AZURE_AUTH_VERIFY=bearer}: Entra's token to a custom authentication extension, signed
 * with local keys.
 */
class BearerAuthTest {
  private static final String TENANT = "aaaabbbb-0000-cccc-1111-dddd2222eeee";
  private static final String AUDIENCE = "00001111-aaaa-2222-bbbb-3333cccc4444";
  private static final String ENTRA = "99045fe1-7639-4a75-9d4a-577b6ca3810f";
  private static final String KID = "entra-key-1";
  private static final KeyPair KEYS = rsa();

  private static final Map<String, String> BEARER =
      Map.of(
          AzureAdapter.AUTH_VERIFY, "bearer",
          AzureAdapter.AUTH_TENANT, TENANT,
          AzureAdapter.AUTH_AUDIENCE, AUDIENCE);

  @BeforeEach
  void clear() {
    Recorder.drain();
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims of a v2.0 token Entra requests for the extension's app registration. */
  private static JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer("https://login.microsoftonline.com/" + TENANT + "/v2.0")
        .audience(AUDIENCE)
        .subject("a1b2c3d4-0000-1111-2222-333344445555")
        .issueTime(Date.from(now.minusSeconds(5)))
        .notBeforeTime(Date.from(now.minusSeconds(5)))
        .expirationTime(Date.from(now.plusSeconds(3600)))
        .claim("azp", ENTRA)
        .claim("tid", TENANT)
        .claim("ver", "2.0");
  }

  private static String sign(JWTClaimsSet claims) {
    return sign(claims, KEYS.getPrivate(), KID);
  }

  private static String sign(JWTClaimsSet claims, PrivateKey key, String kid) {
    try {
      SignedJWT jwt =
          new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static SignUpAzureEntry entry(Map<String, String> settings, AzureKeySource keys) {
    Map<String, String> all = new HashMap<>(TestApp.SETTINGS);
    all.putAll(settings);
    return new SignUpAzureEntry(
        AzureAdapter.create(TestApp.dispatcher(all), Settings.of(all), Clock.systemUTC(), keys));
  }

  private static SignUpAzureEntry entry() {
    return entry(BEARER, AzureKeySource.of(Map.of(KID, KEYS.getPublic())));
  }

  private static Fakes.Request<Optional<String>> callout(String authorization) {
    Fakes.Request<Optional<String>> request =
        Fakes.text(
                "POST",
                "https://app.azurewebsites.net/api/auth/SignUp",
                Fixtures.text("auth/entra-attribute-submit.json"))
            .header("Content-Type", "application/json");
    return authorization == null ? request : request.header("Authorization", authorization);
  }

  /**
   * Asserts {@code authorization} is answered 401 without calling the function, logging {@code
   * reason}.
   */
  private static void assertRefused(SignUpAzureEntry entry, String authorization, String reason) {
    Fakes.Context context = new Fakes.Context("SignUp");
    Fakes.Response response = Fakes.response(entry.run(callout(authorization), context));
    assertThat(response.getStatusCode()).isEqualTo(401);
    assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(context.log()).contains("identity callout refused", reason);
    if (authorization != null && authorization.length() > 7) {
      assertThat(context.log()).doesNotContain(authorization.substring(7));
    }
    assertThat(Recorder.drain()).isEmpty();
  }

  private static void assertRefused(String authorization, String reason) {
    assertRefused(entry(), authorization, reason);
  }

  @Test
  void acceptsATokenEntraSignedForTheExtension() {
    String token = sign(claims().build());
    Fakes.Context context = new Fakes.Context("SignUp");
    Fakes.Response response = Fakes.response(entry().run(callout("Bearer " + token), context));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.text()).contains("modifyAttributeValues");
    assertThat(Recorder.last(AuthEvent.class).user().email()).contains("grace@example.org");
    assertThat(context.log()).doesNotContain(token);
  }

  @Test
  void acceptsAV1TokenNamingEntraInAppid() {
    String token =
        sign(
            claims()
                .issuer("https://sts.windows.net/" + TENANT + "/")
                .claim("azp", null)
                .claim("appid", ENTRA)
                .claim("ver", "1.0")
                .build());
    assertThat(
            Fakes.response(entry().run(callout("Bearer " + token), new Fakes.Context("SignUp")))
                .getStatusCode())
        .isEqualTo(200);
  }

  @Test
  void acceptsAnExternalIdTokenFromTheCiamloginAuthority() {
    String host = TENANT + ".ciamlogin.com";
    Map<String, String> settings = new HashMap<>(BEARER);
    settings.put(AzureAdapter.AUTH_AUTHORITY_HOST, host);
    SignUpAzureEntry external = entry(settings, AzureKeySource.of(Map.of(KID, KEYS.getPublic())));

    String token = sign(claims().issuer("https://" + host + "/" + TENANT + "/v2.0").build());
    assertThat(
            Fakes.response(external.run(callout("Bearer " + token), new Fakes.Context("SignUp")))
                .getStatusCode())
        .isEqualTo(200);
    assertThat(Recorder.drain()).hasSize(1);
    // a workforce issuer is not this tenant's authority, nor is the v1.0 issuer there
    assertRefused(external, "Bearer " + sign(claims().build()), "issuer is not https://" + host);
    assertRefused(
        external,
        "Bearer " + sign(claims().issuer("https://sts.windows.net/" + TENANT + "/").build()),
        "issuer is not");
  }

  @Test
  void acceptsTheTenantIdIssuerWhenTheExternalTenantIsNamedByItsDomain() {
    Map<String, String> settings = new HashMap<>(BEARER);
    settings.put(AzureAdapter.AUTH_AUTHORITY_HOST, "contoso.ciamlogin.com");
    SignUpAzureEntry external = entry(settings, AzureKeySource.of(Map.of(KID, KEYS.getPublic())));

    for (String issuer :
        new String[] {
          "https://contoso.ciamlogin.com/" + TENANT + "/v2.0",
          "https://" + TENANT + ".ciamlogin.com/" + TENANT + "/v2.0"
        }) {
      String token = sign(claims().issuer(issuer).build());
      assertThat(
              Fakes.response(external.run(callout("Bearer " + token), new Fakes.Context("SignUp")))
                  .getStatusCode())
          .isEqualTo(200);
    }
    assertThat(Recorder.drain()).hasSize(2);
    // another tenant under the same domain is still another issuer
    assertRefused(
        external,
        "Bearer "
            + sign(
                claims()
                    .issuer(
                        "https://contoso.ciamlogin.com/"
                            + "11112222-bbbb-3333-cccc-4444dddd5555/v2.0")
                    .build()),
        "issuer is not");
  }

  @Test
  void refusesACalloutWithoutABearerToken() {
    assertRefused(null, "no bearer token");
    assertRefused("Basic YjJjLWNvbm5lY3RvcjpzM2NyZXQ6cGFzcw==", "no bearer token");
    assertRefused("Bearer ", "bearer token is empty");
    assertRefused("Bearer not-a-jwt", "does not parse as a JWT");
  }

  @Test
  void refusesATokenSignedWithAnotherKey() {
    assertRefused(
        "Bearer " + sign(claims().build(), rsa().getPrivate(), KID), "signature does not verify");
    assertRefused(
        "Bearer " + sign(claims().build(), KEYS.getPrivate(), "unknown-kid"),
        "signed with key unknown-kid, not one of the tenant's");
  }

  @Test
  void refusesAnUnsignedToken() {
    assertRefused("Bearer " + new PlainJWT(claims().build()).serialize(), "unsigned (alg none)");
  }

  @Test
  void refusesATokenSignedWithASharedSecret() throws Exception {
    // HS256 keyed with something public must never pass for the tenant's RS256 signature
    SignedJWT hs =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KID).build(), claims().build());
    hs.sign(new MACSigner(KEYS.getPublic().getEncoded()));
    assertRefused("Bearer " + hs.serialize(), "signed with HS256, not RS256");
  }

  @Test
  void refusesATokenFromAnotherIssuer() {
    assertRefused(
        "Bearer "
            + sign(
                claims()
                    .issuer(
                        "https://login.microsoftonline.com/"
                            + "11112222-bbbb-3333-cccc-4444dddd5555/v2.0")
                    .build()),
        "issuer is not https://login.microsoftonline.com/" + TENANT);
    assertRefused("Bearer " + sign(claims().issuer(null).build()), "issuer is not");
  }

  @Test
  void refusesATokenForAnotherAudience() {
    assertRefused(
        "Bearer " + sign(claims().audience("api://someone-else").build()),
        "audience is not " + AUDIENCE);
    assertRefused(
        "Bearer " + sign(claims().audience((String) null).build()), "audience is not " + AUDIENCE);
  }

  @Test
  void refusesAnExpiredToken() {
    Instant now = Instant.now();
    assertRefused(
        "Bearer " + sign(claims().expirationTime(Date.from(now.minusSeconds(120))).build()),
        "expired or has no expiry");
    assertRefused(
        "Bearer " + sign(claims().expirationTime(null).build()), "expired or has no expiry");
    assertRefused(
        "Bearer " + sign(claims().notBeforeTime(Date.from(now.plusSeconds(600))).build()),
        "not valid yet");
  }

  @Test
  void refusesATokenNotRequestedByEntrasCustomExtensionService() {
    String other = "77778888-eeee-9999-ffff-000011112222";
    assertRefused(
        "Bearer " + sign(claims().claim("azp", other).build()), "azp or appid is not " + ENTRA);
    assertRefused(
        "Bearer " + sign(claims().claim("azp", null).claim("appid", other).build()),
        "azp or appid");
    assertRefused("Bearer " + sign(claims().claim("azp", null).build()), "azp or appid");
    // azp decides when present: Entra's id in appid does not make up for another client in azp
    assertRefused(
        "Bearer " + sign(claims().claim("azp", other).claim("appid", ENTRA).build()),
        "azp or appid");
  }

  @Test
  void answers500ToEveryCalloutWhenTheTenantOrAudienceIsMissing() {
    String token = "Bearer " + sign(claims().build());
    for (String missing : new String[] {AzureAdapter.AUTH_TENANT, AzureAdapter.AUTH_AUDIENCE}) {
      Map<String, String> settings = new HashMap<>(BEARER);
      settings.remove(missing);
      Fakes.Context context = new Fakes.Context("SignUp");
      Fakes.Response response =
          Fakes.response(
              entry(settings, AzureKeySource.of(Map.of(KID, KEYS.getPublic())))
                  .run(callout(token), context));
      assertThat(response.getStatusCode()).isEqualTo(500);
      assertThat(context.log())
          .contains(
              "TERN_AZURE_AUTH_VERIFY=bearer needs TERN_AZURE_AUTH_TENANT_ID",
              "TERN_AZURE_AUTH_AUDIENCE");
    }
    assertThat(Recorder.drain()).isEmpty();
  }

  @Test
  void answers500WhenTheTenantOrHostIsMalformed() {
    String token = "Bearer " + sign(claims().build());
    Map<String, String> named = new HashMap<>(BEARER);
    named.put(AzureAdapter.AUTH_TENANT, "contoso.onmicrosoft.com");
    Map<String, String> pathHost = new HashMap<>(BEARER);
    pathHost.put(AzureAdapter.AUTH_AUTHORITY_HOST, "evil.example/x?");
    for (Map<String, String> settings : java.util.List.of(named, pathHost)) {
      Fakes.Context context = new Fakes.Context("SignUp");
      Fakes.Response response =
          Fakes.response(
              entry(settings, AzureKeySource.of(Map.of(KID, KEYS.getPublic())))
                  .run(callout(token), context));
      assertThat(response.getStatusCode()).isEqualTo(500);
      assertThat(context.log())
          .containsAnyOf(
              "TERN_AZURE_AUTH_TENANT_ID is not", "TERN_AZURE_AUTH_AUTHORITY_HOST is not");
    }
    assertThat(Recorder.drain()).isEmpty();
  }

  @Test
  void answers500WhenTheTenantsKeysCannotBeFetched() {
    AzureKeySource unreachable =
        kid -> {
          throw new TernException(
              "azure: cannot fetch Entra signing keys from https://login.microsoftonline.com/x");
        };
    Fakes.Context context = new Fakes.Context("SignUp");
    Fakes.Response response =
        Fakes.response(
            entry(BEARER, unreachable).run(callout("Bearer " + sign(claims().build())), context));
    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(context.log()).contains("cannot fetch Entra signing keys");
    assertThat(Recorder.drain()).isEmpty();
  }
}
