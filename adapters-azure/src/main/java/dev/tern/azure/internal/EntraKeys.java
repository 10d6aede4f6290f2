package dev.tern.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tern.TernException;
import dev.tern.azure.AzureKeySource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Fetches a tenant's signing keys: the OpenID configuration at {@code
 * <authority>/.well-known/openid-configuration} names the key set ({@code jwks_uri}), a JSON Web
 * Key Set (https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens).
 * The keys are kept a day; an unknown key id fetches them again at most once a minute, so a forged
 * {@code kid} cannot make every callout call out.
 */
public final class EntraKeys implements AzureKeySource {
  private static final Duration MIN_REFRESH = Duration.ofMinutes(1);
  private static final Duration KEEP = Duration.ofHours(24);

  private final URI authority;
  private final Supplier<HttpClient> clients;
  private HttpClient client;
  private final Clock clock;
  private Map<String, PublicKey> keys = Map.of();
  private Instant expires = Instant.MIN;
  private Instant fetched = Instant.MIN;

  private EntraKeys(URI authority, Supplier<HttpClient> clients, Clock clock) {
    this.authority = authority;
    this.clients = clients;
    this.clock = clock;
  }

  /**
   * Keys of the tenant at {@code authority}, such as {@code
   * https://login.microsoftonline.com/<tenant-id>/v2.0}. The HTTP client is built on the first
   * fetch, so functions that never verify a token never pay for it at cold start.
   */
  public static EntraKeys from(URI authority) {
    return new EntraKeys(authority,
        () -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(), Clock.systemUTC());
  }

  /** Keys fetched with the clients {@code clients} makes, dated by {@code clock}; for tests. */
  static EntraKeys with(URI authority, Supplier<HttpClient> clients, Clock clock) {
    return new EntraKeys(authority, clients, clock);
  }

  @Override
  public synchronized Optional<PublicKey> key(String keyId) {
    Instant now = clock.instant();
    if (now.isAfter(expires) || (!keys.containsKey(keyId) && now.isAfter(fetched.plus(MIN_REFRESH)))) {
      refresh(now);
    }
    return Optional.ofNullable(keys.get(keyId));
  }

  private void refresh(Instant now) {
    String base = authority.toString();
    URI configuration = URI.create((base.endsWith("/") ? base : base + "/") + ".well-known/openid-configuration");
    JsonNode config = Json.parse(get(configuration), "OpenID configuration from " + configuration);
    String jwks = Json.scalar(config.get("jwks_uri"));
    if (jwks == null || !jwks.startsWith("https://")) {
      throw new TernException("azure: the OpenID configuration at " + configuration + " names no https jwks_uri");
    }
    URI keySet;
    try {
      keySet = URI.create(jwks);
    } catch (IllegalArgumentException e) {
      throw new TernException("azure: the OpenID configuration at " + configuration + " names a jwks_uri that is not a URI", e);
    }
    keys = parse(get(keySet), jwks);
    fetched = now;
    expires = now.plus(KEEP);
  }

  private byte[] get(URI uri) {
    HttpResponse<byte[]> response;
    try {
      if (client == null) {
        client = clients.get();
      }
      response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new TernException("azure: cannot fetch Entra signing keys from " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TernException("azure: interrupted fetching Entra signing keys from " + uri, e);
    }
    if (response.statusCode() != 200) {
      throw new TernException("azure: " + uri + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** The RSA signing keys of a JSON Web Key Set, by key id; keys for encryption are left out. */
  static Map<String, PublicKey> parse(byte[] json, String where) {
    Map<String, PublicKey> out = new HashMap<>();
    try {
      for (JWK key : JWKSet.parse(new String(json, StandardCharsets.UTF_8)).getKeys()) {
        if (key instanceof RSAKey && key.getKeyID() != null
            && (key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))) {
          out.put(key.getKeyID(), ((RSAKey) key).toRSAPublicKey());
        }
      }
    } catch (ParseException | JOSEException e) {
      throw new TernException("azure: the key set from " + where + " cannot be read: " + e.getMessage(), e);
    }
    return Map.copyOf(out);
  }
}
