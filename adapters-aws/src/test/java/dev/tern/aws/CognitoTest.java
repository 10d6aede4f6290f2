package dev.tern.aws;

import static dev.tern.aws.Trees.at;
import static dev.tern.aws.Trees.list;
import static dev.tern.aws.Trees.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.FunctionFailedException;
import dev.tern.UnsupportedEventException;
import dev.tern.aws.fns.Recorder;
import dev.tern.spi.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CognitoTest {
  private final Lambda lambda = Lambda.standard();

  @BeforeEach
  void clear() {
    Recorder.clear();
  }

  @Test
  void preSignUpAutoConfirmsAndVerifiesAndEchoesTheEvent() {
    Map<String, Object> answer = object(lambda.invokeFixture("cognito/presignup.json"));

    AuthEvent event = Recorder.events(AuthEvent.class).get(0);
    assertThat(event.moment()).isEqualTo(AuthMoment.BEFORE_SIGN_UP);
    assertThat(event.user().username()).contains("ada");
    assertThat(event.user().email()).contains("ada@auto.example");
    assertThat(event.user().id()).contains("5f1c3b1e-0000-4000-8000-00000000ada1");
    assertThat(event.user().emailVerified()).contains(false);
    assertThat(event.user().attribute("tier"))
        .as("a custom attribute by its own name, as on the other clouds")
        .contains("silver");
    assertThat(event.user().attributes()).doesNotContainKey("custom:tier");
    assertThat(event.clientId()).contains("4j4smxmpl2s8r7ssvkv0a3b1q4");
    assertThat(event.metadata()).containsEntry("campaign", "spring").containsEntry("invite", "XYZ");

    assertThat(at(answer, "response", "autoConfirmUser")).isEqualTo(true);
    assertThat(at(answer, "response", "autoVerifyEmail")).isEqualTo(true);
    assertThat(at(answer, "response", "autoVerifyPhone")).isEqualTo(false);
    assertThat(at(answer, "userPoolId")).isEqualTo("eu-west-1_Ab12Cd34");
    assertThat(at(answer, "request", "userAttributes", "email")).isEqualTo("ada@auto.example");
  }

  @Test
  void preSignUpAllowsWithoutConfirmingByDefault() {
    String plain =
        Lambda.fixtureText("cognito/presignup.json").replace("ada@auto.example", "ada@example.com");
    Map<String, Object> answer = object(lambda.invoke(plain.getBytes(StandardCharsets.UTF_8)));

    assertThat(at(answer, "response", "autoConfirmUser")).isEqualTo(false);
    assertThat(at(answer, "response", "autoVerifyEmail")).isEqualTo(false);
  }

  @Test
  void aCustomAttributeNamedLikeAStandardOneNeverStandsInForIt() {
    // A pool that signs up by phone may keep a contact address the user can set freely.
    String phoneOnly =
        Lambda.fixtureText("cognito/presignup.json")
            .replace("\"email\": \"ada@auto.example\",", "\"phone_number\": \"+15555550100\",")
            .replace(
                "\"email_verified\": \"false\",",
                "\"custom:email\": \"ada@auto.example\", \"custom:email_verified\": \"true\",");
    Map<String, Object> answer = object(lambda.invoke(phoneOnly.getBytes(StandardCharsets.UTF_8)));

    AuthEvent event = Recorder.events(AuthEvent.class).get(0);
    assertThat(event.user().email()).isEmpty();
    assertThat(event.user().emailVerified()).isEmpty();
    assertThat(event.user().phone()).contains("+15555550100");
    assertThat(event.user().attribute("custom:email")).contains("ada@auto.example");
    assertThat(event.user().attributes()).doesNotContainKeys("email", "email_verified");
    assertThat(event.user().attribute("tier")).contains("silver");
    assertThat(at(answer, "response", "autoConfirmUser")).isEqualTo(false);
    assertThat(at(answer, "response", "autoVerifyEmail")).isEqualTo(false);
  }

  @Test
  void preSignUpDenialFailsWithTheMessageCognitoShows() {
    assertThatThrownBy(() -> lambda.invokeFixture("cognito/presignup-blocked.json"))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessage("Sign-ups from this domain are closed.");
  }

  @Test
  void preSignUpAnswersInvalidAsADenialAndWarnsAboutItsFieldErrors() {
    String invalid =
        Lambda.fixtureText("cognito/presignup.json")
            .replace("ada@auto.example", "ada@invalid.example");

    assertThatThrownBy(() -> lambda.invoke(invalid.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessage("Please check your postal code.");
    assertThat(lambda.logLines).hasSize(1);
    Map<String, Object> line = object(lambda.logLines.get(0));
    assertThat(line)
        .containsEntry("level", "WARN")
        .containsEntry("functionName", "Accounts")
        .containsEntry(
            "message",
            "Cognito PreSignUp_SignUp cannot carry these parts of the auth decision;"
                + " they were not applied")
        .containsEntry("parts", "withFieldError(custom:postcode)");
  }

  @Test
  void preAuthenticationAnswersInvalidWithoutFieldErrorsExactlyAsADenial() {
    String invalid =
        Lambda.fixtureText("cognito/preauthentication-locked.json")
            .replace("ada@example.com", "ada@invalid.example");

    assertThatThrownBy(() -> lambda.invoke(invalid.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessage("Please check your entries.");
    assertThat(Recorder.events(AuthEvent.class).get(0).user().email())
        .contains("ada@invalid.example");
    assertThat(lambda.logLines).isEmpty();
  }

  @Test
  void throwingAuthFunctionDeniesAtBlockingMoments() {
    String explode =
        Lambda.fixtureText("cognito/presignup.json")
            .replace("\"userName\": \"ada\"", "\"userName\": \"explode\"");

    assertThatThrownBy(() -> lambda.invoke(explode.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessage(Dispatcher.AUTH_FAILED);
  }

  @Test
  void aPasswordResetConfirmationCallsNoAfterSignUpFunctionAndReturnsTheEventUnchanged() {
    String reset =
        Lambda.fixtureText("cognito/postconfirmation.json")
            .replace("PostConfirmation_ConfirmSignUp", "PostConfirmation_ConfirmForgotPassword");
    assertThat(reset).contains("PostConfirmation_ConfirmForgotPassword");

    Map<String, Object> answer = object(lambda.invoke(reset.getBytes(StandardCharsets.UTF_8)));

    assertThat(Recorder.events(AuthEvent.class)).isEmpty();
    assertThat(answer).isEqualTo(object(reset));
  }

  @Test
  void postConfirmationReturnsTheEventUnchanged() {
    Map<String, Object> answer = object(lambda.invokeFixture("cognito/postconfirmation.json"));

    assertThat(Recorder.events(AuthEvent.class).get(0).moment())
        .isEqualTo(AuthMoment.AFTER_SIGN_UP);
    assertThat(Recorder.events(AuthEvent.class).get(0).user().emailVerified()).contains(true);
    assertThat(at(answer, "response")).isEqualTo(Map.of());
    assertThat(answer).isEqualTo(object(Lambda.fixtureText("cognito/postconfirmation.json")));
  }

  @Test
  void postConfirmationFailureFailsTheInvocation() {
    String explode =
        Lambda.fixtureText("cognito/postconfirmation.json")
            .replace("\"userName\": \"ada\"", "\"userName\": \"explode\"");

    assertThatThrownBy(() -> lambda.invoke(explode.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FunctionFailedException.class);
  }

  @Test
  void preAuthenticationDeniesLockedAccounts() {
    assertThatThrownBy(() -> lambda.invokeFixture("cognito/preauthentication-locked.json"))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessage("This account is locked.");
    assertThat(Recorder.events(AuthEvent.class).get(0).moment())
        .isEqualTo(AuthMoment.BEFORE_SIGN_IN);
  }

  // With PreventUserExistenceErrors ENABLED, Cognito also calls the pre authentication trigger
  // for a username that matches no user, with request.userNotFound true
  // (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-authentication.html).
  // A refusal's message would reach the client in place of Cognito's own answer for a wrong
  // password, telling it the user does not exist; so no function is asked, and Cognito gets its
  // event back, failing the sign-in as it fails an unknown user's.
  @ParameterizedTest
  @CsvSource({"true", "'\"true\"'"})
  void preAuthenticationForAnUnknownUserCallsNoFunctionAndReturnsTheEventUnchanged(String flag) {
    String unknown =
        Lambda.fixtureText("cognito/preauthentication-locked.json")
            .replace("\"userNotFound\": false", "\"userNotFound\": " + flag);
    assertThat(unknown).contains("\"userNotFound\": " + flag);

    Map<String, Object> answer = object(lambda.invoke(unknown.getBytes(StandardCharsets.UTF_8)));

    assertThat(Recorder.events(AuthEvent.class)).isEmpty();
    assertThat(answer).isEqualTo(object(unknown));
    assertThat(lambda.logLines).isEmpty();
  }

  @Test
  void preAuthenticationForAnUnknownUserNeedsNoUserAttributes() {
    String unknown =
        Lambda.fixtureText("cognito/preauthentication-locked.json")
            .replace("\"userNotFound\": false", "\"userNotFound\": true")
            .replaceAll("(?s)\"userAttributes\": \\{.*?\\},", "");
    assertThat(unknown).doesNotContain("userAttributes");

    Map<String, Object> answer = object(lambda.invoke(unknown.getBytes(StandardCharsets.UTF_8)));

    assertThat(Recorder.events(AuthEvent.class)).isEmpty();
    assertThat(answer).isEqualTo(object(unknown));
  }

  @Test
  void userNotFoundOutsidePreAuthenticationIsNotReadAsAnUnknownUser() {
    // Cognito documents the field for pre authentication and the custom challenge triggers only;
    // a sign-up is always for a user that does not exist yet, so the flag decides nothing there.
    String signUp =
        Lambda.fixtureText("cognito/presignup.json")
            .replace("\"validationData\"", "\"userNotFound\": true, \"validationData\"");
    assertThat(signUp).contains("\"userNotFound\": true");

    Map<String, Object> answer = object(lambda.invoke(signUp.getBytes(StandardCharsets.UTF_8)));

    assertThat(Recorder.events(AuthEvent.class)).hasSize(1);
    assertThat(at(answer, "response", "autoConfirmUser")).isEqualTo(true);
  }

  @Test
  void preTokenGenerationV1AddsStringClaimsAndSuppresses() {
    Map<String, Object> answer = object(lambda.invokeFixture("cognito/pretokengen-v1.json"));

    assertThat(at(answer, "response", "claimsOverrideDetails", "claimsToAddOrOverride", "tier"))
        .isEqualTo("silver");
    assertThat(at(answer, "response", "claimsOverrideDetails", "claimsToAddOrOverride", "level"))
        .isEqualTo("3");
    assertThat(at(answer, "response", "claimsOverrideDetails", "claimsToAddOrOverride", "teams"))
        .isEqualTo("[\"red\",\"blue\"]");
    assertThat(list(answer, "response", "claimsOverrideDetails", "claimsToSuppress"))
        .containsExactly("email");
    assertThat(answer.get("response"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .doesNotContainKey("claimsAndScopeOverrideDetails");
  }

  @Test
  void preTokenGenerationV2AddsTypedClaimsToBothTokens() {
    Map<String, Object> answer = object(lambda.invokeFixture("cognito/pretokengen-v2.json"));

    for (String token : new String[] {"idTokenGeneration", "accessTokenGeneration"}) {
      assertThat(
              at(
                  answer,
                  "response",
                  "claimsAndScopeOverrideDetails",
                  token,
                  "claimsToAddOrOverride",
                  "tier"))
          .isEqualTo("silver");
      assertThat(
              at(
                  answer,
                  "response",
                  "claimsAndScopeOverrideDetails",
                  token,
                  "claimsToAddOrOverride",
                  "level"))
          .hasToString("3");
      assertThat(
              list(
                  answer,
                  "response",
                  "claimsAndScopeOverrideDetails",
                  token,
                  "claimsToAddOrOverride",
                  "teams"))
          .containsExactly("red", "blue");
      assertThat(
              list(answer, "response", "claimsAndScopeOverrideDetails", token, "claimsToSuppress"))
          .containsExactly("email");
    }
  }

  /** A fixture whose user is {@code extras}, whom Accounts gives every part of a decision. */
  private static byte[] asExtras(String fixture) {
    return Lambda.fixtureText(fixture)
        .replace("\"userName\": \"ada\"", "\"userName\": \"extras\"")
        .getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "presignup.json | PreSignUp_SignUp | withAttribute(custom:tier), withClaim(tier), withoutClaim(email)",
        "preauthentication-locked.json | PreAuthentication_Authentication"
            + " | withAttribute(custom:tier), withClaim(tier), withoutClaim(email), confirmUser, withEmailVerified(true)",
        "pretokengen-v1.json | TokenGeneration_Authentication"
            + " | withAttribute(custom:tier), confirmUser, withEmailVerified(true)",
        "pretokengen-v2.json | TokenGeneration_Authentication"
            + " | withAttribute(custom:tier), confirmUser, withEmailVerified(true)",
        "postconfirmation.json | PostConfirmation_ConfirmSignUp"
            + " | withAttribute(custom:tier), withClaim(tier), withoutClaim(email), confirmUser, withEmailVerified(true)",
      })
  void warnsOnceNamingEachPartTheTriggerCannotCarry(String fixture, String trigger, String parts) {
    lambda.invoke(asExtras("cognito/" + fixture));

    assertThat(lambda.logLines).hasSize(1);
    Map<String, Object> line = object(lambda.logLines.get(0));
    assertThat(line)
        .containsEntry("level", "WARN")
        .containsEntry("functionName", "Accounts")
        .containsEntry(
            "message",
            "Cognito "
                + trigger
                + " cannot carry these parts of the auth decision; they were not applied")
        .containsEntry("parts", parts);
  }

  @Test
  void appliesWhatATriggerCarriesBesideTheWarning() {
    Map<String, Object> signUp = object(lambda.invoke(asExtras("cognito/presignup.json")));
    assertThat(at(signUp, "response"))
        .isEqualTo(
            Map.of("autoConfirmUser", true, "autoVerifyEmail", true, "autoVerifyPhone", false));

    Map<String, Object> token = object(lambda.invoke(asExtras("cognito/pretokengen-v1.json")));
    assertThat(at(token, "response", "claimsOverrideDetails", "claimsToAddOrOverride"))
        .isEqualTo(Map.of("tier", "gold"));
    assertThat(list(token, "response", "claimsOverrideDetails", "claimsToSuppress"))
        .containsExactly("email");

    Map<String, Object> signIn =
        object(lambda.invoke(asExtras("cognito/preauthentication-locked.json")));
    assertThat(signIn)
        .isEqualTo(
            object(
                new String(
                    asExtras("cognito/preauthentication-locked.json"), StandardCharsets.UTF_8)));
  }

  @Test
  void logsNothingForDecisionsTheTriggersCarryWhole() {
    lambda.invokeFixture("cognito/presignup.json");
    lambda.invokeFixture("cognito/pretokengen-v1.json");
    lambda.invokeFixture("cognito/pretokengen-v2.json");
    lambda.invokeFixture("cognito/postconfirmation.json");
    assertThatThrownBy(() -> lambda.invokeFixture("cognito/presignup-blocked.json"))
        .isInstanceOf(FunctionFailedException.class);

    assertThat(Recorder.events(AuthEvent.class)).hasSize(5);
    assertThat(lambda.logLines).isEmpty();
  }

  @Test
  void rejectsCognitoTriggersWithoutNeutralMoment() {
    assertThatThrownBy(() -> lambda.invokeFixture("cognito/custom-message.json"))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("CustomMessage_SignUp");
    assertThat(Recorder.calls()).isEmpty();
  }
}
