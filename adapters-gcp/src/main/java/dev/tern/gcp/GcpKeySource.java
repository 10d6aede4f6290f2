package dev.tern.gcp;

import static java.util.Objects.requireNonNull;

import dev.tern.gcp.internal.GoogleKeys;
import java.net.URI;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;

/**
 * Where the public keys that sign Identity Platform blocking tokens come from, by key id ({@code
 * kid}). The default, {@link #google()}, fetches and caches Google's published certificates; tests
 * use {@link #of(Map)} with locally generated keys.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface GcpKeySource {
  /** Google's certificates for {@code securetoken@system.gserviceaccount.com}. */
  URI GOOGLE_KEYS =
      URI.create(
          "https://www.googleapis.com/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com");

  /**
   * The key with id {@code keyId}, or empty when there is none.
   *
   * @throws dev.tern.TernException when the keys cannot be obtained
   */
  Optional<PublicKey> key(String keyId);

  /**
   * Google's published keys, fetched on first use and cached as the response allows. Nothing of the
   * fetching (HTTP client, regular expressions, certificates) loads before the first token arrives,
   * so deployments without auth functions never pay for it at cold start.
   */
  static GcpKeySource google() {
    return new GcpKeySource() {
      private GcpKeySource keys;

      @Override
      public synchronized Optional<PublicKey> key(String keyId) {
        if (keys == null) {
          keys = GoogleKeys.from(GOOGLE_KEYS);
        }
        return keys.key(keyId);
      }
    };
  }

  /** A fixed set of keys by id. */
  static GcpKeySource of(Map<String, ? extends PublicKey> keys) {
    Map<String, PublicKey> copy = Map.copyOf(requireNonNull(keys, "keys == null"));
    return keyId -> Optional.ofNullable(copy.get(requireNonNull(keyId, "keyId == null")));
  }
}
