package dev.tern.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tern.AuthDecision;
import dev.tern.AuthMoment;
import dev.tern.InvalidValueException;
import dev.tern.jackson.TernJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The claims of an answer are checked as Identity Platform checks them, so that a decision it would
 * refuse fails with the claim named: reserved names as firebase-admin-node's {@code
 * RESERVED_CLAIMS} (src/auth/auth-api-request.ts), at most 1000 characters of JSON as
 * firebase-functions' {@code validateAuthResponse} (src/common/providers/identity.ts).
 */
class IdentityPlatformAnswerTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "acr",
        "amr",
        "at_hash",
        "aud",
        "auth_time",
        "azp",
        "cnf",
        "c_hash",
        "exp",
        "firebase",
        "iat",
        "iss",
        "jti",
        "nbf",
        "nonce",
        "sub"
      })
  void refusesAReservedClaimNameInCustomAndSessionClaims(String name) {
    assertThatThrownBy(
            () ->
                IdentityPlatform.allowAnswer(
                    AuthDecision.allow().withClaim(name, "x"), AuthMoment.BEFORE_SIGN_UP))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("\"" + name + "\"")
        .hasMessageContaining("customClaims");
    assertThatThrownBy(
            () ->
                IdentityPlatform.allowAnswer(
                    AuthDecision.allow().withAttribute(name, "x"), AuthMoment.BEFORE_SIGN_IN))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("\"" + name + "\"")
        .hasMessageContaining("customClaims");
    assertThatThrownBy(
            () ->
                IdentityPlatform.allowAnswer(
                    AuthDecision.allow().withClaim(name, "x"), AuthMoment.BEFORE_SIGN_IN))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("\"" + name + "\"")
        .hasMessageContaining("sessionClaims");
  }

  @Test
  void takesNamesThatOnlyLookReserved() {
    assertThat(
            IdentityPlatform.allowAnswer(
                    AuthDecision.allow().withClaim("subject", "x").withClaim("AUD", "y"),
                    AuthMoment.BEFORE_SIGN_UP)
                .toString())
        .isEqualTo(
            "{\"userRecord\":{\"customClaims\":{\"AUD\":\"y\",\"subject\":\"x\"},"
                + "\"updateMask\":\"customClaims\"}}");
  }

  private static ObjectNode existing(String json) throws Exception {
    return (ObjectNode) TernJson.mapper().readTree(json);
  }

  @Test
  void mergesTheClaimsItSetsIntoTheUsersCustomClaims() throws Exception {
    assertThat(
            IdentityPlatform.allowAnswer(
                    AuthDecision.allow().withAttribute("plan", "gold").withAttribute("team", "x"),
                    AuthMoment.BEFORE_SIGN_IN,
                    existing("{\"role\":\"admin\",\"plan\":\"free\",\"limits\":{\"seats\":3}}"))
                .toString())
        .isEqualTo(
            "{\"userRecord\":{\"customClaims\":{\"role\":\"admin\",\"plan\":\"gold\","
                + "\"limits\":{\"seats\":3},\"team\":\"x\"},\"updateMask\":\"customClaims\"}}");
  }

  @Test
  void leavesTheUsersCustomClaimsAloneWhenItSetsNone() throws Exception {
    assertThat(
            IdentityPlatform.allowAnswer(
                    AuthDecision.allow().withClaim("tier", "gold"),
                    AuthMoment.BEFORE_SIGN_IN,
                    existing("{\"role\":\"admin\"}"))
                .toString())
        .isEqualTo(
            "{\"userRecord\":{\"sessionClaims\":{\"tier\":\"gold\"},"
                + "\"updateMask\":\"sessionClaims\"}}");
  }

  @Test
  void countsTheUsersCustomClaimsInTheLimit() throws Exception {
    assertThatThrownBy(
            () ->
                IdentityPlatform.allowAnswer(
                    AuthDecision.allow().withClaim("t", valueForJsonOf(600)),
                    AuthMoment.BEFORE_SIGN_UP,
                    existing("{\"u\":\"" + valueForJsonOf(600) + "\"}")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("customClaims")
        .hasMessageContaining("1199");
  }

  /** {@code {"t":"…"}} is 8 characters of JSON besides the value. */
  private static String valueForJsonOf(int length) {
    return "v".repeat(length - 8);
  }

  @Test
  void takesCustomClaimsOfUpTo1000CharactersOfJson() {
    assertThat(
            IdentityPlatform.allowAnswer(
                    AuthDecision.allow().withClaim("t", valueForJsonOf(1000)),
                    AuthMoment.BEFORE_SIGN_UP)
                .get("userRecord")
                .get("customClaims")
                .toString())
        .hasSize(1000);
    assertThatThrownBy(
            () ->
                IdentityPlatform.allowAnswer(
                    AuthDecision.allow().withClaim("t", valueForJsonOf(1001)),
                    AuthMoment.BEFORE_SIGN_UP))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("customClaims")
        .hasMessageContaining("1001")
        .hasMessageContaining("1000");
  }

  @Test
  void refusesSessionClaimsOver1000CharactersAloneOrWithTheCustomClaims() {
    assertThatThrownBy(
            () ->
                IdentityPlatform.allowAnswer(
                    AuthDecision.allow().withClaim("t", valueForJsonOf(1001)),
                    AuthMoment.BEFORE_SIGN_IN))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("sessionClaims")
        .hasMessageContaining("1001");
    assertThatThrownBy(
            () ->
                IdentityPlatform.allowAnswer(
                    AuthDecision.allow()
                        .withAttribute("a", valueForJsonOf(600))
                        .withClaim("t", valueForJsonOf(600)),
                    AuthMoment.BEFORE_SIGN_IN))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("customClaims and sessionClaims together");
  }
}
