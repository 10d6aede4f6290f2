package dev.tern.gcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.ConfigurationException;
import dev.tern.TernException;
import dev.tern.UndecodablePayloadException;
import dev.tern.gcp.GcpKeySource;
import dev.tern.spi.PublishedKeys;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Fetches the x509 certificates Google publishes for Identity Platform tokens (a JSON object of key
 * id to PEM certificate, https://firebase.google.com/docs/auth/admin/verify-id-tokens) and caches
 * them for the response's {@code max-age}, five minutes when it has none and a day at most. An
 * unknown key id refetches at most once a minute, so a forged {@code kid} cannot make every request
 * call out ({@link PublishedKeys}).
 */
public final class GoogleKeys implements GcpKeySource {
  private final PublishedKeys keys;

  GoogleKeys(URI uri, HttpClient client, Clock clock) {
    this(uri, () -> client, clock);
  }

  private GoogleKeys(URI uri, Supplier<HttpClient> clients, Clock clock) {
    this.keys =
        PublishedKeys.of(
            "gcp",
            "Identity Platform keys",
            get -> parse(get.bytes(uri), uri.toString()),
            PublishedKeys.maxAge(Duration.ofMinutes(5), Duration.ofDays(1)),
            clients,
            clock);
  }

  /**
   * Keys fetched from {@code uri}. The HTTP client (and with it TLS, hundreds of classes) is built
   * on the first fetch, so functions that never verify a token never pay for it at cold start.
   */
  public static GoogleKeys from(URI uri) {
    return new GoogleKeys(uri, PublishedKeys::newClient, Clock.systemUTC());
  }

  @Override
  public Optional<PublicKey> key(String keyId) {
    return keys.key(keyId);
  }

  /**
   * Parses {@code {"kid": "-----BEGIN CERTIFICATE-----..."}}. A key set that is not JSON, such as a
   * proxy's HTML page, fails as a fetch does, not as a request Tern cannot read: a blocking call
   * then answers {@code 500 INTERNAL}, not the client's {@code 400}.
   */
  static Map<String, PublicKey> parse(byte[] json, String where) {
    JsonNode node;
    try {
      node = Json.parse(json, "key set from " + where);
    } catch (UndecodablePayloadException e) {
      throw new TernException(e.getMessage(), e);
    }
    if (!node.isObject()) {
      throw new ConfigurationException("gcp: key set from " + where + " is not a JSON object");
    }
    Map<String, PublicKey> out = new HashMap<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getValue().isTextual()) {
          out.put(
              e.getKey(),
              factory
                  .generateCertificate(
                      new ByteArrayInputStream(
                          e.getValue().textValue().getBytes(StandardCharsets.US_ASCII)))
                  .getPublicKey());
        }
      }
    } catch (CertificateException e) {
      throw new TernException(
          "gcp: a certificate from " + where + " cannot be read: " + e.getMessage(), e);
    }
    return Map.copyOf(out);
  }
}
