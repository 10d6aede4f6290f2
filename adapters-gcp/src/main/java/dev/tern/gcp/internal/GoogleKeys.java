package dev.tern.gcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.ConfigurationException;
import dev.tern.TernException;
import dev.tern.gcp.GcpKeySource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches the x509 certificates Google publishes for Identity Platform tokens (a JSON object of
 * key id to PEM certificate, https://firebase.google.com/docs/auth/admin/verify-id-tokens) and
 * caches them for the response's {@code max-age}. An unknown key id refetches at most once a
 * minute, so a forged {@code kid} cannot make every request call out.
 */
public final class GoogleKeys implements GcpKeySource {
  private static final Pattern MAX_AGE = Pattern.compile("max-age=(\\d+)");
  private static final Duration MIN_REFRESH = Duration.ofMinutes(1);

  private final URI uri;
  private final java.util.function.Supplier<HttpClient> clients;
  private HttpClient client;
  private final Clock clock;
  private Map<String, PublicKey> keys = Map.of();
  private Instant expires = Instant.MIN;
  private Instant fetched = Instant.MIN;

  GoogleKeys(URI uri, HttpClient client, Clock clock) {
    this(uri, () -> client, clock);
  }

  private GoogleKeys(URI uri, java.util.function.Supplier<HttpClient> clients, Clock clock) {
    this.uri = uri;
    this.clients = clients;
    this.clock = clock;
  }

  /**
   * Keys fetched from {@code uri}. The HTTP client (and with it TLS, hundreds of classes) is built
   * on the first fetch, so functions that never verify a token never pay for it at cold start.
   */
  public static GoogleKeys from(URI uri) {
    return new GoogleKeys(uri,
        () -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build(), Clock.systemUTC());
  }

  @Override
  public synchronized Optional<PublicKey> key(String keyId) {
    Instant now = clock.instant();
    boolean stale = now.isAfter(expires);
    if (stale || (!keys.containsKey(keyId) && now.isAfter(fetched.plus(MIN_REFRESH)))) {
      refresh(now);
    }
    return Optional.ofNullable(keys.get(keyId));
  }

  private void refresh(Instant now) {
    HttpResponse<byte[]> response;
    try {
      if (client == null) {
        client = clients.get();
      }
      response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new TernException("gcp: cannot fetch Identity Platform keys from " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TernException("gcp: interrupted fetching Identity Platform keys from " + uri, e);
    }
    if (response.statusCode() != 200) {
      throw new TernException("gcp: Identity Platform keys at " + uri + " answered " + response.statusCode());
    }
    keys = parse(response.body(), uri.toString());
    fetched = now;
    long maxAge = response.headers().firstValue("Cache-Control").map(MAX_AGE::matcher)
        .filter(Matcher::find).map(m -> Long.parseLong(m.group(1))).orElse(300L);
    expires = now.plusSeconds(Math.min(maxAge, 24 * 3600));
  }

  /** Parses {@code {"kid": "-----BEGIN CERTIFICATE-----..."}}. */
  static Map<String, PublicKey> parse(byte[] json, String where) {
    JsonNode node = Json.parse(json, "key set from " + where);
    if (!node.isObject()) {
      throw new ConfigurationException("gcp: key set from " + where + " is not a JSON object");
    }
    Map<String, PublicKey> out = new HashMap<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getValue().isTextual()) {
          out.put(e.getKey(), factory.generateCertificate(new ByteArrayInputStream(
              e.getValue().textValue().getBytes(StandardCharsets.US_ASCII))).getPublicKey());
        }
      }
    } catch (CertificateException e) {
      throw new TernException("gcp: a certificate from " + where + " cannot be read: " + e.getMessage(), e);
    }
    return Map.copyOf(out);
  }
}
