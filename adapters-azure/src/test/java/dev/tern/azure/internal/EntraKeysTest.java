package dev.tern.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import dev.tern.TernException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
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
    String json = new JWKSet(List.of(
        new RSAKey.Builder(signing).keyID("sig-1").keyUse(KeyUse.SIGNATURE).build(),
        new RSAKey.Builder(unmarked).keyID("sig-2").build(),
        new RSAKey.Builder(encryption).keyID("enc-1").keyUse(KeyUse.ENCRYPTION).build(),
        new RSAKey.Builder(rsa()).build())).toString();

    Map<String, PublicKey> keys = EntraKeys.parse(json.getBytes(StandardCharsets.UTF_8), "test");

    assertThat(keys).containsOnlyKeys("sig-1", "sig-2");
    assertThat(keys.get("sig-1")).isEqualTo(signing);
    assertThat(keys.get("sig-2")).isEqualTo(unmarked);
  }

  @Test
  void namesTheSourceOfAKeySetItCannotRead() {
    assertThatThrownBy(() -> EntraKeys.parse("{\"keys\": 3}".getBytes(StandardCharsets.UTF_8),
        "https://login.microsoftonline.com/t/discovery/v2.0/keys"))
        .isInstanceOf(TernException.class)
        .hasMessageContaining("key set from https://login.microsoftonline.com/t/discovery/v2.0/keys cannot be read");
  }
}
