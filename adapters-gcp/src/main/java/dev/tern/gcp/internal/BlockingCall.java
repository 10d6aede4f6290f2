package dev.tern.gcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.Log;
import dev.tern.NoFunctionException;
import dev.tern.jackson.TernJson;
import dev.tern.spi.DecisionParts;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.Router;
import java.io.IOException;
import java.util.Map;

/**
 * Answers an Identity Platform blocking function call
 * (https://cloud.google.com/identity-platform/docs/blocking-functions): verifies the signed
 * request, asks the auth function and writes the answer Identity Platform expects. Kept apart from
 * {@link HttpAdapter} so that the JSON tree classes it answers with are loaded by the first
 * blocking call, not by every HTTP function's cold start.
 */
final class BlockingCall {
  private BlockingCall() {}

  static HttpResponse answer(
      GcpRuntime runtime,
      JsonNode json,
      Object request,
      Dispatcher.Contexts contexts,
      String invocationId,
      String trace) {
    AuthEvent event;
    try {
      event = IdentityPlatform.verify(json, runtime, request);
    } catch (IdentityPlatform.RejectedTokenException e) {
      runtime.note(
          Log.Level.WARN,
          invocationId,
          trace,
          "blocking request refused",
          Map.of("reason", e.getMessage()));
      return jsonAnswer(
          401,
          IdentityPlatform.errorAnswer("UNAUTHENTICATED", "The request could not be verified"));
    }
    event = asTokenIssuance(runtime.dispatcher().router(), event);
    AuthDecision decision = runtime.dispatcher().auth(event, contexts);
    String callout =
        "Identity Platform "
            + (event.moment() == AuthMoment.BEFORE_SIGN_UP ? "beforeCreate" : "beforeSignIn");
    if (!decision.isAllowed()) {
      // Identity Platform has no validation error: invalid(...) is this refusal, without its field
      // errors.
      DecisionParts.warnUnapplied(
          contexts.create(runtime.dispatcher().router().forAuth(event.moment())),
          callout,
          decision,
          IdentityPlatform.CARRIES);
      return jsonAnswer(
          400,
          IdentityPlatform.errorAnswer(
              "INVALID_ARGUMENT", decision.message().orElse(Dispatcher.AUTH_FAILED)));
    }
    JsonNode answer;
    try {
      answer = IdentityPlatform.allowAnswer(decision, event.moment());
    } catch (InvalidValueException e) {
      runtime.note(
          Log.Level.ERROR,
          invocationId,
          trace,
          "auth decision cannot be expressed; denying",
          Map.of("reason", e.getMessage()));
      return jsonAnswer(
          400, IdentityPlatform.errorAnswer("INVALID_ARGUMENT", Dispatcher.AUTH_FAILED));
    }
    DecisionParts.warnUnapplied(
        contexts.create(runtime.dispatcher().router().forAuth(event.moment())),
        callout,
        decision,
        IdentityPlatform.CARRIES);
    return jsonAnswer(200, answer);
  }

  /**
   * {@code beforeSignIn} is also where Identity Platform lets a function add claims to the token
   * being issued (session claims), so when no function takes part in {@code BEFORE_SIGN_IN} but one
   * takes part in {@code TOKEN_ISSUANCE}, the request is that moment.
   */
  private static AuthEvent asTokenIssuance(Router router, AuthEvent event) {
    if (event.moment() != AuthMoment.BEFORE_SIGN_IN) {
      return event;
    }
    if (claims(router, AuthMoment.BEFORE_SIGN_IN) || !claims(router, AuthMoment.TOKEN_ISSUANCE)) {
      return event;
    }
    return AuthEvent.builder(AuthMoment.TOKEN_ISSUANCE, event.user())
        .clientId(event.clientId().orElse(null))
        .ipAddress(event.ipAddress().orElse(null))
        .userAgent(event.userAgent().orElse(null))
        .metadata(event.metadata())
        .id(event.id().orElse(null))
        .raw(event.raw().orElse(null))
        .build();
  }

  private static boolean claims(Router router, AuthMoment moment) {
    try {
      router.forAuth(moment);
      return true;
    } catch (NoFunctionException e) {
      return false;
    }
  }

  private static HttpResponse jsonAnswer(int status, JsonNode body) {
    try {
      return HttpResponse.bytes(TernJson.mapper().writeValueAsBytes(body), "application/json")
          .withStatus(status);
    } catch (IOException e) {
      throw new InvalidValueException("gcp: cannot write an answer", e);
    }
  }
}
