package dev.tern.gcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.ConfigurationException;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.Log;
import dev.tern.NoFunctionException;
import dev.tern.TernException;
import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
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

  /**
   * The answer to a blocking call. Never throws for what the request, the function or the
   * deployment gets wrong: Identity Platform passes every answer but a 200 on to the client app,
   * and reads its message only from the error shape, so every failure is answered in it.
   */
  static HttpResponse answer(
      GcpRuntime runtime,
      JsonNode json,
      Object request,
      Dispatcher.Contexts contexts,
      String invocationId,
      String trace) {
    try {
      return decide(runtime, json, request, contexts, invocationId, trace);
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
    } catch (RuntimeException e) {
      return refused(runtime, e, invocationId, trace);
    }
  }

  /**
   * The error answer for {@code e}, as {@link #failure} gives it, logged. A deployment that serves
   * an auth function and no HTTP function answers so whatever is not a blocking call, as
   * firebase-functions answers a request its {@code isValidRequest} refuses: {@code 400
   * INVALID_ARGUMENT} in the error shape.
   */
  static HttpResponse refused(
      GcpRuntime runtime, RuntimeException e, String invocationId, String trace) {
    HttpResponse answer = failure(e);
    // As HttpAdapter logs a failure: the message of Tern's own exceptions, which name what was
    // wrong, else the exception with its stack trace; never either in the answer.
    boolean ours = e instanceof TernException && !(e instanceof ConfigurationException);
    runtime.log(invocationId, trace, null).log(
        answer.status() == 500 ? Log.Level.ERROR : Log.Level.WARN,
        "request failed",
        Map.of("status", answer.status(), "reason", ours ? e.getMessage() : e.getClass().getName()),
        ours ? null : e);
    return answer;
  }

  /**
   * The error answer for a failure outside the function, with the status firebase-functions' {@code
   * HttpsError} gives its code (src/common/providers/https.ts): 400 {@code INVALID_ARGUMENT} for a
   * token whose claims cannot be read or name an event that is not mapped, as firebase-functions
   * answers a request it cannot read; 404 {@code NOT_FOUND} when no function takes the moment; 500
   * {@code INTERNAL} for anything else, such as a missing project id or keys that cannot be
   * fetched. The message is never the exception's.
   */
  static HttpResponse failure(RuntimeException e) {
    if (e instanceof UndecodablePayloadException
        || e instanceof InvalidValueException
        || e instanceof UnsupportedEventException) {
      return jsonAnswer(400, IdentityPlatform.errorAnswer("INVALID_ARGUMENT", "Bad Request"));
    }
    if (e instanceof NoFunctionException) {
      return jsonAnswer(404, IdentityPlatform.errorAnswer("NOT_FOUND", "Not Found"));
    }
    return jsonAnswer(500, IdentityPlatform.errorAnswer("INTERNAL", Dispatcher.INTERNAL_ERROR));
  }

  private static HttpResponse decide(
      GcpRuntime runtime,
      JsonNode json,
      Object request,
      Dispatcher.Contexts contexts,
      String invocationId,
      String trace) {
    IdentityPlatform.Verified verified = IdentityPlatform.verify(json, runtime, request);
    AuthEvent event = asTokenIssuance(runtime.dispatcher().router(), verified.event());
    AuthDecision decision = runtime.dispatcher().auth(event, contexts);
    String callout =
        "Identity Platform "
            + (event.moment() == AuthMoment.BEFORE_SIGN_UP ? "beforeCreate" : "beforeSignIn");
    if (Dispatcher.isFailure(decision)) {
      // The function threw (the dispatcher logged it): a failure, not a refusal, as
      // firebase-functions answers an error a handler did not mean to send with INTERNAL.
      return jsonAnswer(500, IdentityPlatform.errorAnswer("INTERNAL", Dispatcher.AUTH_FAILED));
    }
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
      answer = IdentityPlatform.allowAnswer(decision, event.moment(), verified.customClaims());
    } catch (InvalidValueException e) {
      runtime.note(
          Log.Level.ERROR,
          invocationId,
          trace,
          "auth decision cannot be expressed; denying",
          Map.of("reason", e.getMessage()));
      // The function's bug, as an exception it throws is, but a failure, not a refusal:
      // firebase-functions answers an error a handler did not mean to send with INTERNAL.
      return jsonAnswer(500, IdentityPlatform.errorAnswer("INTERNAL", Dispatcher.AUTH_FAILED));
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
