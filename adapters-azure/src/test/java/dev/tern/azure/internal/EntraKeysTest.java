package dev.tern.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tern.TernException;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

class EntraKeysTest {
  private static RSAPublicKey rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair pair = g.generateKeyPair();
    return (RSAPublicKey) pair.getPublic();
  }

  @Test
  void readsTheSigningKeysOfAKeySetByKeyId() throws Exception {
    RSAPublicKey signing = rsa();
    RSAPublicKey unmarked = rsa();
    RSAPublicKey encryption = rsa();
    String json =
        new JWKSet(
                List.of(
                    new RSAKey.Builder(signing).keyID("sig-1").keyUse(KeyUse.SIGNATURE).build(),
                    new RSAKey.Builder(unmarked).keyID("sig-2").build(),
                    new RSAKey.Builder(encryption).keyID("enc-1").keyUse(KeyUse.ENCRYPTION).build(),
                    new RSAKey.Builder(rsa()).build()))
            .toString();

    Map<String, PublicKey> keys = EntraKeys.parse(json.getBytes(StandardCharsets.UTF_8), "test");

    assertThat(keys).containsOnlyKeys("sig-1", "sig-2");
    assertThat(keys.get("sig-1")).isEqualTo(signing);
    assertThat(keys.get("sig-2")).isEqualTo(unmarked);
  }

  @Test
  void namesTheSourceOfAKeySetItCannotRead() {
    assertThatThrownBy(
            () ->
                EntraKeys.parse(
                    "{\"keys\": 3}".getBytes(StandardCharsets.UTF_8),
                    "https://login.microsoftonline.com/t/discovery/v2.0/keys"))
        .isInstanceOf(TernException.class)
        .hasMessageContaining(
            "key set from https://login.microsoftonline.com/t/discovery/v2.0/keys cannot be read");
  }

  private static final URI AUTHORITY =
      URI.create("https://login.microsoftonline.com/tenant-1/v2.0");
  private static final String CONFIGURATION = AUTHORITY + "/.well-known/openid-configuration";
  private static final String JWKS =
      "https://login.microsoftonline.com/tenant-1/discovery/v2.0/keys";

  private static String keySet(Map<String, RSAPublicKey> keys) {
    List<com.nimbusds.jose.jwk.JWK> jwks = new ArrayList<>();
    keys.forEach(
        (id, key) -> jwks.add(new RSAKey.Builder(key).keyID(id).keyUse(KeyUse.SIGNATURE).build()));
    return new JWKSet(jwks).toString();
  }

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-03-10T14:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Answers GETs from a map of URI to status and body, and records each request. */
  private static final class FakeClient extends HttpClient {
    final Map<String, String> bodies = new HashMap<>();
    final Map<String, Integer> statuses = new HashMap<>();
    final List<String> requested = new ArrayList<>();

    @Override
    @SuppressWarnings("unchecked")
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException {
      String uri = request.uri().toString();
      requested.add(uri);
      if (!bodies.containsKey(uri)) {
        throw new IOException("connection refused");
      }
      byte[] body = bodies.get(uri).getBytes(StandardCharsets.UTF_8);
      int status = statuses.getOrDefault(uri, 200);
      return (HttpResponse<T>)
          new HttpResponse<byte[]>() {
            @Override
            public int statusCode() {
              return status;
            }

            @Override
            public HttpRequest request() {
              return request;
            }

            @Override
            public Optional<HttpResponse<byte[]>> previousResponse() {
              return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
              return HttpHeaders.of(Map.of(), (a, b) -> true);
            }

            @Override
            public byte[] body() {
              return body;
            }

            @Override
            public Optional<SSLSession> sslSession() {
              return Optional.empty();
            }

            @Override
            public URI uri() {
              return request.uri();
            }

            @Override
            public Version version() {
              return Version.HTTP_1_1;
            }
          };
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request, HttpResponse.BodyHandler<T> handler) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request,
        HttpResponse.BodyHandler<T> handler,
        HttpResponse.PushPromiseHandler<T> push) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
      return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
      return Optional.empty();
    }

    @Override
    public Redirect followRedirects() {
      return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
      return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
      return null;
    }

    @Override
    public SSLParameters sslParameters() {
      return null;
    }

    @Override
    public Optional<Authenticator> authenticator() {
      return Optional.empty();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
      return Optional.empty();
    }
  }

  @Test
  void fetchesTheKeySetItsOpenIdConfigurationNamesOnceAndKeepsItForADay() throws Exception {
    RSAPublicKey first = rsa();
    FakeClient client = new FakeClient();
    client.bodies.put(CONFIGURATION, "{\"jwks_uri\": \"" + JWKS + "\"}");
    client.bodies.put(JWKS, keySet(Map.of("k-1", first)));
    MovingClock clock = new MovingClock();
    EntraKeys keys = EntraKeys.with(AUTHORITY, () -> client, clock);

    assertThat(keys.key("k-1")).contains(first);
    clock.now = clock.now.plus(Duration.ofHours(23));
    assertThat(keys.key("k-1")).contains(first);
    assertThat(client.requested).containsExactly(CONFIGURATION, JWKS);

    RSAPublicKey rolled = rsa();
    client.bodies.put(JWKS, keySet(Map.of("k-2", rolled)));
    clock.now = clock.now.plus(Duration.ofHours(2));
    assertThat(keys.key("k-1")).isEmpty();
    assertThat(keys.key("k-2")).contains(rolled);
    assertThat(client.requested).containsExactly(CONFIGURATION, JWKS, CONFIGURATION, JWKS);
  }

  @Test
  void fetchesAgainForAnUnknownKeyIdButAtMostOnceAMinute() throws Exception {
    FakeClient client = new FakeClient();
    client.bodies.put(CONFIGURATION, "{\"jwks_uri\": \"" + JWKS + "\"}");
    client.bodies.put(JWKS, keySet(Map.of("k-1", rsa())));
    MovingClock clock = new MovingClock();
    EntraKeys keys = EntraKeys.with(AUTHORITY, () -> client, clock);
    keys.key("k-1");

    RSAPublicKey rolled = rsa();
    client.bodies.put(JWKS, keySet(Map.of("k-1", rsa(), "k-2", rolled)));
    clock.now = clock.now.plusSeconds(30);
    assertThat(keys.key("k-2")).isEmpty();
    assertThat(client.requested).hasSize(2);

    clock.now = clock.now.plusSeconds(31);
    assertThat(keys.key("k-2")).contains(rolled);
    assertThat(client.requested).hasSize(4);
  }

  @Test
  void refusesAConfigurationWithoutAnHttpsKeySetAndAKeySetThatDoesNotAnswer() {
    FakeClient client = new FakeClient();
    client.bodies.put(CONFIGURATION, "{\"jwks_uri\": \"http://login.microsoftonline.com/keys\"}");
    EntraKeys plain = EntraKeys.with(AUTHORITY, () -> client, new MovingClock());

    assertThatThrownBy(() -> plain.key("k-1"))
        .isInstanceOf(TernException.class)
        .hasMessage(
            "azure: the OpenID configuration at " + CONFIGURATION + " names no https jwks_uri");

    client.bodies.put(CONFIGURATION, "{\"jwks_uri\": \"" + JWKS + "\"}");
    client.bodies.put(JWKS, "{}");
    client.statuses.put(JWKS, 503);
    EntraKeys failing = EntraKeys.with(AUTHORITY, () -> client, new MovingClock());

    assertThatThrownBy(() -> failing.key("k-1"))
        .isInstanceOf(TernException.class)
        .hasMessage("azure: Entra signing keys at " + JWKS + " answered 503");
  }
}
