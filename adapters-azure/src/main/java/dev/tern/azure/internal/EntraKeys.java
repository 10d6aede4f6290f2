package dev.tern.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tern.TernException;
import dev.tern.azure.AzureKeySource;
import dev.tern.spi.PublishedKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Fetches a tenant's signing keys: the OpenID configuration at {@code
 * <authority>/.well-known/openid-configuration} names the key set ({@code jwks_uri}), a JSON Web
 * Key Set (https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens). The
 * keys are kept a day; an unknown key id fetches them again at most once a minute, so a forged
 * {@code kid} cannot make every callout call out ({@link PublishedKeys}).
 */
public final class EntraKeys implements AzureKeySource {
  private static final Duration KEEP = Duration.ofHours(24);

  private final PublishedKeys keys;

  private EntraKeys(URI authority, Supplier<HttpClient> clients, Clock clock) {
    this.keys =
        PublishedKeys.of(
            "azure",
            "Entra signing keys",
            get -> fetch(authority, get),
            headers -> KEEP,
            clients,
            clock);
  }

  /**
   * Keys of the tenant at {@code authority}, such as {@code
   * https://login.microsoftonline.com/<tenant-id>/v2.0}. The HTTP client is built on the first
   * fetch, so functions that never verify a token never pay for it at cold start.
   */
  public static EntraKeys from(URI authority) {
    return new EntraKeys(authority, PublishedKeys::newClient, Clock.systemUTC());
  }

  /** Keys fetched with the clients {@code clients} makes, dated by {@code clock}; for tests. */
  static EntraKeys with(URI authority, Supplier<HttpClient> clients, Clock clock) {
    return new EntraKeys(authority, clients, clock);
  }

  @Override
  public Optional<PublicKey> key(String keyId) {
    return keys.key(keyId);
  }

  /** The OpenID configuration of {@code authority}, then the key set it names. */
  private static Map<String, PublicKey> fetch(URI authority, PublishedKeys.Get get) {
    String base = authority.toString();
    URI configuration =
        URI.create((base.endsWith("/") ? base : base + "/") + ".well-known/openid-configuration");
    JsonNode config =
        Json.parse(get.bytes(configuration), "OpenID configuration from " + configuration);
    String jwks = Json.scalar(config.get("jwks_uri"));
    if (jwks == null || !jwks.startsWith("https://")) {
      throw new TernException(
          "azure: the OpenID configuration at " + configuration + " names no https jwks_uri");
    }
    URI keySet;
    try {
      keySet = URI.create(jwks);
    } catch (IllegalArgumentException e) {
      throw new TernException(
          "azure: the OpenID configuration at "
              + configuration
              + " names a jwks_uri that is not a URI",
          e);
    }
    return parse(get.bytes(keySet), jwks);
  }

  /** The RSA signing keys of a JSON Web Key Set, by key id; keys for encryption are left out. */
  static Map<String, PublicKey> parse(byte[] json, String where) {
    Map<String, PublicKey> out = new HashMap<>();
    try {
      for (JWK key : JWKSet.parse(new String(json, StandardCharsets.UTF_8)).getKeys()) {
        if (key instanceof RSAKey
            && key.getKeyID() != null
            && (key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))) {
          out.put(key.getKeyID(), ((RSAKey) key).toRSAPublicKey());
        }
      }
    } catch (ParseException | JOSEException e) {
      throw new TernException(
          "azure: the key set from " + where + " cannot be read: " + e.getMessage(), e);
    }
    return Map.copyOf(out);
  }
}
