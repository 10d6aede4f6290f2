package dev.tern.azure;

import static java.util.Objects.requireNonNull;

import dev.tern.azure.internal.EntraKeys;
import java.net.URI;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;

/**
 * Where the public keys that sign Entra's tokens to a custom authentication extension come from, by
 * key id ({@code kid}). The default, {@link #entra(URI)}, reads the tenant's OpenID configuration
 * and fetches and caches the key set it names; tests use {@link #of(Map)} with locally generated
 * keys.
 *
 * <pre>{@code
 * // a workforce tenant; an External ID tenant's authority is https://<tenant-id>.ciamlogin.com/<tenant-id>/v2.0
 * AzureKeySource keys = AzureKeySource.entra(
 *     URI.create("https://login.microsoftonline.com/aaaabbbb-0000-cccc-1111-dddd2222eeee/v2.0"));
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface AzureKeySource {
  /**
   * The key with id {@code keyId}, or empty when there is none.
   *
   * @throws dev.tern.TernException when the keys cannot be obtained
   */
  Optional<PublicKey> key(String keyId);

  /**
   * The keys of the tenant whose v2.0 authority is {@code authority}: its {@code
   * .well-known/openid-configuration} names the key set ({@code jwks_uri}), fetched on first use,
   * cached for a day and fetched again, at most once a minute, for a key id it does not hold (Entra
   * rolls its signing keys,
   * https://learn.microsoft.com/entra/identity-platform/signing-key-rollover). Nothing of the
   * fetching (HTTP client, TLS, JSON Web Keys) loads before the first callout.
   */
  static AzureKeySource entra(URI authority) {
    requireNonNull(authority, "authority == null");
    return new AzureKeySource() {
      private AzureKeySource keys;

      @Override
      public synchronized Optional<PublicKey> key(String keyId) {
        if (keys == null) {
          keys = EntraKeys.from(authority);
        }
        return keys.key(keyId);
      }
    };
  }

  /** A fixed set of keys by id. */
  static AzureKeySource of(Map<String, ? extends PublicKey> keys) {
    Map<String, PublicKey> copy = Map.copyOf(requireNonNull(keys, "keys == null"));
    return keyId -> Optional.ofNullable(copy.get(requireNonNull(keyId, "keyId == null")));
  }
}
