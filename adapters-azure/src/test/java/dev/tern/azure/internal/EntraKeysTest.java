package dev.tern.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tern.TernException;
import dev.tern.spi.fake.FakeHttpClient;
import dev.tern.spi.fake.MovingClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private static final URI CONFIGURATION =
      URI.create(AUTHORITY + "/.well-known/openid-configuration");
  private static final URI JWKS =
      URI.create("https://login.microsoftonline.com/tenant-1/discovery/v2.0/keys");
  private static final Instant START = Instant.parse("2026-03-10T14:00:00Z");

  private static String keySet(Map<String, RSAPublicKey> keys) {
    List<com.nimbusds.jose.jwk.JWK> jwks = new ArrayList<>();
    keys.forEach(
        (id, key) -> jwks.add(new RSAKey.Builder(key).keyID(id).keyUse(KeyUse.SIGNATURE).build()));
    return new JWKSet(jwks).toString();
  }

  @Test
  void fetchesTheKeySetItsOpenIdConfigurationNamesOnceAndKeepsItForADay() throws Exception {
    RSAPublicKey first = rsa();
    FakeHttpClient client = new FakeHttpClient();
    client.answer(CONFIGURATION, 200, "{\"jwks_uri\": \"" + JWKS + "\"}");
    // A day whatever the key set's own caching headers say.
    client.answer(
        JWKS, 200, keySet(Map.of("k-1", first)), Map.of("Cache-Control", "public, max-age=60"));
    MovingClock clock = new MovingClock(START);
    EntraKeys keys = EntraKeys.with(AUTHORITY, () -> client, clock);

    assertThat(keys.key("k-1")).contains(first);
    clock.advance(Duration.ofHours(23));
    assertThat(keys.key("k-1")).contains(first);
    assertThat(client.requested()).containsExactly(CONFIGURATION, JWKS);

    RSAPublicKey rolled = rsa();
    client.answer(
        JWKS, 200, keySet(Map.of("k-2", rolled)), Map.of("Cache-Control", "public, max-age=60"));
    clock.advance(Duration.ofHours(2));
    assertThat(keys.key("k-1")).isEmpty();
    assertThat(keys.key("k-2")).contains(rolled);
    assertThat(client.requested()).containsExactly(CONFIGURATION, JWKS, CONFIGURATION, JWKS);
  }

  @Test
  void refusesAConfigurationWithoutAnHttpsKeySetAndAKeySetThatDoesNotAnswer() {
    FakeHttpClient client = new FakeHttpClient();
    client.answer(CONFIGURATION, 200, "{\"jwks_uri\": \"http://login.microsoftonline.com/keys\"}");
    EntraKeys plain = EntraKeys.with(AUTHORITY, () -> client, new MovingClock(START));

    assertThatThrownBy(() -> plain.key("k-1"))
        .isInstanceOf(TernException.class)
        .hasMessage(
            "azure: the OpenID configuration at " + CONFIGURATION + " names no https jwks_uri");

    client.answer(CONFIGURATION, 200, "{\"jwks_uri\": \"" + JWKS + "\"}");
    client.answer(JWKS, 503, "{}");
    EntraKeys failing = EntraKeys.with(AUTHORITY, () -> client, new MovingClock(START));

    assertThatThrownBy(() -> failing.key("k-1"))
        .isInstanceOf(TernException.class)
        .hasMessage("azure: Entra signing keys at " + JWKS + " answered 503");
  }
}
