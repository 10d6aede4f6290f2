package dev.tern.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.jackson.TernJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Identity Platform blocking requests: verified first, answered with the update mask or the error
 * shape.
 */
class IdentityPlatformTest {
  private final Deployment deployment = Deployment.all();

  private Fakes.Response send(String jwt) throws Exception {
    return deployment.call(Fakes.request("POST", "/").body(Tokens.body(jwt), "application/json"));
  }

  private JsonNode json(Fakes.Response response) throws Exception {
    return TernJson.mapper().readTree(response.bytes());
  }

  @Test
  void answersBeforeCreateWithTheUserRecordUpdateMask() throws Exception {
    Fakes.Response response =
        send(Tokens.sign(Tokens.claims("beforeCreate", "ada@example.com").build()));
    assertThat(response.status).isEqualTo(200);
    assertThat(json(response).toString())
        .isEqualTo(
            "{\"userRecord\":{\"displayName\":\"Checked\","
                + "\"customClaims\":{\"plan\":\"free\",\"tier\":\"gold\"},"
                + "\"updateMask\":\"displayName,customClaims\"}}");
    AuthEvent event = deployment.instance(TestFunctions.Accounts.class).seen.get(0);
    assertThat(event.moment()).isEqualTo(AuthMoment.BEFORE_SIGN_UP);
    assertThat(event.user().id()).contains("uid-42");
    assertThat(event.user().email()).contains("ada@example.com");
    assertThat(event.user().phone()).contains("+15555550100");
    assertThat(event.user().emailVerified()).contains(false);
    assertThat(event.user().attributes())
        .containsEntry("displayName", "Ada")
        .containsEntry("plan", "free");
    assertThat(event.ipAddress()).contains("203.0.113.9");
    assertThat(event.userAgent()).contains("Mozilla/5.0");
    assertThat(event.metadata())
        .containsEntry("signInMethod", "password")
        .containsEntry("locale", "en");
    assertThat(event.id()).contains("evt-beforeCreate");
  }

  /**
   * Identity Platform stores the answer's {@code customClaims} as the user's claims, in place of
   * those they had (the Auth emulator: firebase-tools {@code processBlockingFunctionResponse}), so
   * the answer carries the claims of {@code user_record.custom_claims} the decision leaves alone.
   */
  @Test
  void keepsTheUsersOtherCustomClaimsWhenTheDecisionSetsOne() throws Exception {
    Fakes.Response response =
        send(
            Tokens.sign(
                Tokens.claims("beforeSignIn", "extras@example.com")
                    .claim(
                        "user_record",
                        Map.of(
                            "uid",
                            "uid-42",
                            "email",
                            "extras@example.com",
                            "custom_claims",
                            new java.util.TreeMap<>(
                                Map.of("role", "admin", "plan", "free", "seats", 3))))
                    .build()));

    assertThat(response.status).isEqualTo(200);
    assertThat(json(response).get("userRecord").get("customClaims").toString())
        .isEqualTo("{\"plan\":\"gold\",\"role\":\"admin\",\"seats\":3}");
  }

  @Test
  void answersBeforeSignInWithSessionClaims() throws Exception {
    Fakes.Response response =
        send(Tokens.sign(Tokens.claims("beforeSignIn", "ada@example.com").build()));
    assertThat(response.status).isEqualTo(200);
    assertThat(json(response).get("userRecord").get("sessionClaims").toString())
        .isEqualTo("{\"tier\":\"gold\"}");
    assertThat(json(response).get("userRecord").get("updateMask").asText())
        .isEqualTo("displayName,sessionClaims");
    assertThat(deployment.instance(TestFunctions.Accounts.class).seen.get(0).moment())
        .isEqualTo(AuthMoment.BEFORE_SIGN_IN);
  }

  /** The deployment's log lines at {@code WARNING}, as JSON. */
  static List<JsonNode> warnings(Deployment deployment) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : deployment.logs) {
      JsonNode json = TernJson.mapper().readTree(line);
      if (json.get("severity").asText().equals("WARNING")) {
        out.add(json);
      }
    }
    return out;
  }

  /**
   * Decisions with parts the answer cannot carry: the moment and address they are made for, the
   * answer, and the parts the one warning names. {@code invalid} is answered exactly as a denial.
   */
  static Stream<Arguments> decisionsTheAnswerCannotCarryWhole() {
    String extras = "withoutClaim(email), confirmUser";
    return Stream.of(
        Arguments.of(
            "beforeCreate",
            "extras@example.com",
            200,
            "{\"userRecord\":{\"emailVerified\":true,"
                + "\"customClaims\":{\"plan\":\"gold\",\"tier\":\"gold\"},\"updateMask\":\"emailVerified,customClaims\"}}",
            extras),
        Arguments.of(
            "beforeSignIn",
            "extras@example.com",
            200,
            "{\"userRecord\":{\"emailVerified\":true,"
                + "\"customClaims\":{\"plan\":\"gold\"},\"sessionClaims\":{\"tier\":\"gold\"},"
                + "\"updateMask\":\"emailVerified,customClaims,sessionClaims\"}}",
            extras),
        Arguments.of(
            "beforeCreate",
            "invalid@example.com",
            400,
            "{\"error\":{\"status\":\"INVALID_ARGUMENT\","
                + "\"message\":\"Please check your display name\"}}",
            "withFieldError(displayName)"));
  }

  @ParameterizedTest(name = "{0} for {1}")
  @MethodSource("decisionsTheAnswerCannotCarryWhole")
  void warnsOnceAboutWhatTheAnswerCannotCarryAndAnswersTheRest(
      String moment, String email, int status, String answer, String parts) throws Exception {
    Fakes.Response response = send(Tokens.sign(Tokens.claims(moment, email).build()));

    assertThat(response.status).isEqualTo(status);
    assertThat(json(response).toString()).isEqualTo(answer);
    List<JsonNode> warnings = warnings(deployment);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).get("message").asText())
        .isEqualTo(
            "Identity Platform "
                + moment
                + " cannot carry these parts of the auth decision; they were not applied");
    assertThat(warnings.get(0).get("parts").asText()).isEqualTo(parts);
    assertThat(warnings.get(0).get("functionName").asText()).isEqualTo("Accounts");
  }

  @Test
  void warnsAboutNothingTheAnswerCarriesOrADenial() throws Exception {
    assertThat(send(Tokens.sign(Tokens.claims("beforeCreate", "ada@example.com").build())).status)
        .isEqualTo(200);
    assertThat(send(Tokens.sign(Tokens.claims("beforeSignIn", "ada@example.com").build())).status)
        .isEqualTo(200);
    assertThat(
            send(Tokens.sign(Tokens.claims("beforeCreate", "blocked@example.com").build())).status)
        .isEqualTo(400);

    assertThat(deployment.instance(TestFunctions.Accounts.class).seen).hasSize(3);
    assertThat(warnings(deployment)).isEmpty();
  }

  @Test
  void answersADenialWithTheErrorShape() throws Exception {
    Fakes.Response response =
        send(Tokens.sign(Tokens.claims("beforeCreate", "blocked@example.com").build()));
    assertThat(response.status).isEqualTo(400);
    assertThat(json(response).toString())
        .isEqualTo(
            "{\"error\":{\"status\":\"INVALID_ARGUMENT\","
                + "\"message\":\"Sign-ups from this address are not accepted\"}}");
  }

  /**
   * A function that throws is refused as a failure, not a denial: 500 {@code INTERNAL}, as
   * firebase-functions answers an error its handler did not mean to send, never the exception's
   * text.
   */
  @Test
  void failsClosedWithInternalWhenTheFunctionThrows() throws Exception {
    Fakes.Response response =
        send(Tokens.sign(Tokens.claims("beforeCreate", "boom@example.com").build()));
    assertErrorAnswer(response, 500, "INTERNAL", "The request could not be processed");
    assertThat(response.text()).doesNotContain("auth backend down");
    assertThat(deployment.allLogs()).contains("auth function failed; denying");
  }

  @Test
  void answersADecisionWithAReservedClaimAsTheFunctionsFailureAndLogsTheClaim() throws Exception {
    Fakes.Response response =
        send(Tokens.sign(Tokens.claims("beforeCreate", "reserved@example.com").build()));
    assertErrorAnswer(response, 500, "INTERNAL", "The request could not be processed");
    assertThat(deployment.allLogs())
        .contains("auth decision cannot be expressed; denying")
        .contains("\\\"aud\\\"");
  }

  private void assertRefused(String jwt) throws Exception {
    Fakes.Response response = send(jwt);
    assertThat(response.status).isEqualTo(401);
    assertThat(json(response).get("error").get("status").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(deployment.instance(TestFunctions.Accounts.class).seen).isEmpty();
  }

  @Test
  void refusesATokenWithABadSignature() throws Exception {
    String good = Tokens.sign(Tokens.claims("beforeCreate", "ada@example.com").build());
    String[] parts = good.split("\\.");
    String forged =
        Tokens.sign(Tokens.claims("beforeCreate", "mallory@example.com").build()).split("\\.")[1];
    assertRefused(parts[0] + "." + forged + "." + parts[2]);
  }

  @Test
  void refusesATokenSignedByAnotherKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    assertRefused(
        Tokens.sign(
            Tokens.claims("beforeCreate", "ada@example.com").build(),
            g.generateKeyPair().getPrivate(),
            Deployment.KEY_ID));
    assertRefused(
        Tokens.sign(
            Tokens.claims("beforeCreate", "ada@example.com").build(),
            Deployment.KEYS.getPrivate(),
            "unknown-kid"));
  }

  @Test
  void refusesAnExpiredToken() throws Exception {
    assertRefused(
        Tokens.sign(
            Tokens.claims("beforeCreate", "ada@example.com")
                .expirationTime(Date.from(Instant.now().minusSeconds(3600)))
                .build()));
  }

  @Test
  void refusesATokenForAnotherAudienceOrIssuer() throws Exception {
    assertRefused(
        Tokens.sign(
            Tokens.claims("beforeCreate", "ada@example.com")
                .audience("https://us-central1-other-project.cloudfunctions.net/beforeCreate")
                .build()));
    assertRefused(
        Tokens.sign(
            Tokens.claims("beforeCreate", "ada@example.com")
                .issuer("https://securetoken.google.com/other-project")
                .build()));
  }

  @Test
  void checksTheConfiguredAudienceExactly() throws Exception {
    Deployment strict =
        new Deployment(
            Map.of(GcpSettings.AUTH_AUDIENCE, Tokens.AUDIENCE + "-v2"),
            TestFunctions.Accounts.class);
    Fakes.Response response =
        strict.call(
            Fakes.request("POST", "/")
                .body(
                    Tokens.body(
                        Tokens.sign(Tokens.claims("beforeCreate", "ada@example.com").build())),
                    "application/json"));
    assertThat(response.status).isEqualTo(401);
  }

  @Test
  void refusesUnsignedAndHmacTokensByDefault() throws Exception {
    assertRefused(Tokens.unsigned(Tokens.claims("beforeCreate", "ada@example.com").build()));
    assertRefused(Tokens.hmac(Tokens.claims("beforeCreate", "ada@example.com").build()));
    assertRefused("not-a-jwt");
  }

  @Test
  void acceptsTheEmulatorsUnsignedTokensOnlyUnderTheTestSetting() throws Exception {
    Path fixture = Path.of("src/test/resources/gcp/identity-platform/before-create-emulator.json");
    Deployment local =
        new Deployment(
            Map.of(GcpSettings.INSECURE_UNSIGNED_TOKENS, "true", GcpSettings.PROJECT, "project_id"),
            Tokens.FIXTURE_TIME,
            TestFunctions.Accounts.class);
    Fakes.Response response =
        local.call(
            Fakes.request("POST", "/").body(Files.readAllBytes(fixture), "application/json"));
    assertThat(response.status).isEqualTo(200);
    AuthEvent event = local.instance(TestFunctions.Accounts.class).seen.get(0);
    assertThat(event.user().email()).contains("user@example.com");
    assertThat(event.user().attributes()).containsEntry("admin", "true");
  }

  /** A deployment that takes the Auth emulator's unsigned tokens. */
  private static Deployment emulated() {
    return new Deployment(
        Map.of(GcpSettings.INSECURE_UNSIGNED_TOKENS, "true"), TestFunctions.Accounts.class);
  }

  private static Fakes.Response send(Deployment to, String jwt) throws Exception {
    return to.call(Fakes.request("POST", "/").body(Tokens.body(jwt), "application/json"));
  }

  @Test
  void checksTheTimesOfASignedTokenUnderTheEmulatorSetting() throws Exception {
    Deployment local = emulated();
    assertThat(
            send(
                    local,
                    Tokens.sign(
                        Tokens.claims("beforeCreate", "ada@example.com")
                            .expirationTime(Date.from(Instant.now().minusSeconds(3600)))
                            .build()))
                .status)
        .isEqualTo(401);
    assertThat(
            send(
                    local,
                    Tokens.sign(
                        Tokens.claims("beforeCreate", "ada@example.com")
                            .issueTime(Date.from(Instant.now().plusSeconds(3600)))
                            .build()))
                .status)
        .isEqualTo(401);
    assertThat(local.instance(TestFunctions.Accounts.class).seen).isEmpty();
  }

  /**
   * The emulator's unsigned tokens carry {@code iat} and {@code exp} (firebase-tools {@code
   * generateBlockingFunctionJwt}), so they are checked as signed ones are.
   */
  @Test
  void checksEveryClaimOfAnUnsignedTokenUnderTheEmulatorSetting() throws Exception {
    Deployment local = emulated();
    assertThat(
            send(local, Tokens.unsigned(Tokens.claims("beforeCreate", "ada@example.com").build()))
                .status)
        .isEqualTo(200);
    for (JWTClaimsSet refused :
        List.of(
            Tokens.claims("beforeCreate", "ada@example.com")
                .expirationTime(Date.from(Instant.now().minusSeconds(3600)))
                .build(),
            Tokens.claims("beforeCreate", "ada@example.com").expirationTime(null).build(),
            Tokens.claims("beforeCreate", "ada@example.com").issueTime(null).build(),
            Tokens.claims("beforeCreate", "ada@example.com")
                .issuer("https://securetoken.google.com/other-project")
                .build(),
            Tokens.claims("beforeCreate", "ada@example.com")
                .audience("https://us-central1-other-project.cloudfunctions.net/beforeCreate")
                .build(),
            Tokens.claims("beforeCreate", "ada@example.com").subject(null).build())) {
      assertThat(send(local, Tokens.unsigned(refused)).status)
          .as(refused.toString())
          .isEqualTo(401);
    }
    assertThat(local.instance(TestFunctions.Accounts.class).seen).hasSize(1);
  }

  @Test
  void failsClosedWithoutAProjectId() throws Exception {
    Deployment unconfigured =
        new Deployment(Map.of(GcpSettings.PROJECT, " "), TestFunctions.Accounts.class);
    Fakes.Response response =
        unconfigured.call(
            Fakes.request("POST", "/")
                .body(
                    Tokens.body(
                        Tokens.sign(Tokens.claims("beforeCreate", "ada@example.com").build())),
                    "application/json"));
    assertThat(response.status).isEqualTo(500);
    assertThat(unconfigured.instance(TestFunctions.Accounts.class).seen).isEmpty();
  }

  /** The error answer a blocking call gets: its status, the error's status and its message. */
  private void assertErrorAnswer(
      Fakes.Response response, int status, String errorStatus, String message) throws Exception {
    assertThat(response.status).isEqualTo(status);
    assertThat(response.header("Content-Type")).containsExactly("application/json");
    assertThat(json(response).toString())
        .isEqualTo(
            "{\"error\":{\"status\":\"" + errorStatus + "\",\"message\":\"" + message + "\"}}");
  }

  @Test
  void answersAnUnreadableTokenClaimWithTheErrorShape() throws Exception {
    Fakes.Response response =
        send(
            Tokens.sign(
                Tokens.claims("beforeCreate", "ada@example.com")
                    .claim("user_record", "not an object")
                    .build()));
    assertErrorAnswer(response, 400, "INVALID_ARGUMENT", "Bad Request");
    assertThat(deployment.instance(TestFunctions.Accounts.class).seen).isEmpty();
  }

  /**
   * A deployment of auth functions alone answers only Identity Platform, which shows the client app
   * an answer in the error shape only; firebase-functions answers whatever its {@code
   * isValidRequest} refuses with {@code 400 INVALID_ARGUMENT}.
   */
  @ParameterizedTest
  @MethodSource("requestsThatAreNoBlockingCall")
  void answersWhatIsNoBlockingCallInTheErrorShapeWhereOnlyAuthIsServed(Fakes.Request request)
      throws Exception {
    Deployment authOnly = new Deployment(Map.of(), TestFunctions.Accounts.class);

    Fakes.Response response = authOnly.call(request);

    assertErrorAnswer(response, 400, "INVALID_ARGUMENT", "Bad Request");
    assertThat(authOnly.instance(TestFunctions.Accounts.class).seen).isEmpty();
    assertThat(authOnly.allLogs()).contains("\"status\":400");
  }

  static Stream<Fakes.Request> requestsThatAreNoBlockingCall() {
    return Stream.of(
        Fakes.request("GET", "/"),
        Fakes.request("POST", "/").body("hello", "text/plain"),
        Fakes.request("POST", "/").body("[1, 2]", "application/json"),
        Fakes.request("POST", "/").body("{\"data\": ", "application/json"),
        Fakes.request("POST", "/").body("{\"data\": {}}", "application/json"));
  }

  @Test
  void answersWhatIsNoBlockingCallAsHttpWhereHttpIsServedToo() throws Exception {
    Fakes.Response response =
        deployment.call(Fakes.request("POST", "/nowhere").body("hello", "text/plain"));

    assertThat(response.status).isEqualTo(404);
    assertThat(response.text()).isEqualTo("Not Found");
  }

  @Test
  void answersAnUnmappedEventTypeWithTheErrorShape() throws Exception {
    Fakes.Response response =
        send(Tokens.sign(Tokens.claims("beforeSendEmail", "ada@example.com").build()));
    assertErrorAnswer(response, 400, "INVALID_ARGUMENT", "Bad Request");
  }

  @Test
  void answersAMissingProjectWithTheErrorShapeAndNoInternalText() throws Exception {
    Deployment unconfigured =
        new Deployment(Map.of(GcpSettings.PROJECT, " "), TestFunctions.Accounts.class);
    Fakes.Response response =
        unconfigured.call(
            Fakes.request("POST", "/")
                .body(
                    Tokens.body(
                        Tokens.sign(Tokens.claims("beforeCreate", "ada@example.com").build())),
                    "application/json"));
    assertErrorAnswer(response, 500, "INTERNAL", "Internal Server Error");
    assertThat(response.text()).doesNotContain(GcpSettings.PROJECT);
    assertThat(unconfigured.allLogs()).contains(GcpSettings.PROJECT);
  }

  @Test
  void neverTakesACallerFromClientHeaders() throws Exception {
    Fakes.Response response =
        deployment.call(
            Fakes.request("GET", "/echo/me")
                .header("X-Goog-Authenticated-User-Email", "accounts.google.com:admin@example.com")
                .header("X-Goog-Authenticated-User-Id", "accounts.google.com:1")
                .header("X-Apigateway-Api-Userinfo", "eyJzdWIiOiJhZG1pbiJ9")
                .header(
                    "Authorization",
                    "Bearer "
                        + Tokens.sign(Tokens.claims("beforeCreate", "x@example.com").build())));
    assertThat(response.status).isEqualTo(200);
    assertThat(deployment.instance(TestFunctions.Echo.class).seen.get(0).caller()).isEmpty();
  }
}
