package dev.tern.gcp;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Identity Platform blocking tokens, signed with locally generated keys. */
final class Tokens {
  static final String AUDIENCE = "https://us-central1-my-project.cloudfunctions.net/beforeCreate";

  private Tokens() {}

  /** Claims as firebase-functions documents them for {@code eventType}. */
  static JWTClaimsSet.Builder claims(String eventType, String email) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer("https://securetoken.google.com/" + Deployment.PROJECT)
        .audience(AUDIENCE)
        .subject("uid-42")
        .issueTime(Date.from(now.minusSeconds(5)))
        .expirationTime(Date.from(now.plusSeconds(3600)))
        .claim("event_id", "evt-" + eventType)
        .claim("event_type", eventType)
        .claim("ip_address", "203.0.113.9")
        .claim("user_agent", "Mozilla/5.0")
        .claim("locale", "en")
        .claim("sign_in_method", "password")
        .claim(
            "user_record",
            Map.of(
                "uid",
                "uid-42",
                "email",
                email,
                "email_verified",
                false,
                "display_name",
                "Ada",
                "phone_number",
                "+15555550100",
                "custom_claims",
                Map.of("plan", "free"),
                "provider_data",
                List.of(Map.of("provider_id", "password"))));
  }

  static String sign(JWTClaimsSet claims) {
    return sign(claims, Deployment.KEYS.getPrivate(), Deployment.KEY_ID);
  }

  static String sign(JWTClaimsSet claims, PrivateKey key, String kid) {
    try {
      SignedJWT jwt =
          new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String hmac(JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(Deployment.KEY_ID).build(), claims);
      jwt.sign(new MACSigner(new byte[32]));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String unsigned(JWTClaimsSet claims) {
    return new PlainJWT(claims).serialize();
  }

  /**
   * When the Auth emulator's tokens in the fixtures were made: they were issued at second 1 and
   * expire at second 3601 of the epoch, as firebase-functions' test tokens.
   */
  static final java.time.Clock FIXTURE_TIME =
      java.time.Clock.fixed(Instant.ofEpochSecond(1800), java.time.ZoneOffset.UTC);

  static String body(String jwt) {
    return "{\"data\":{\"jwt\":\"" + jwt + "\"}}";
  }
}
