package dev.tern;

/**
 * A function that takes part in an identity's lifecycle: it decides at blocking moments (before
 * sign-up, before sign-in, token issuance) and is told about the others.
 *
 * <p>Tern fails closed: if the function throws at a blocking moment, the user is denied with a
 * generic message on every cloud, never let through. At a moment that is not blocking, the
 * exception fails the invocation and the platform reports it (Cognito returns an error to the
 * client; Firebase Auth events are retried when retries are on).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface AuthFunction {
  AuthDecision handle(AuthEvent event, Context context) throws Exception;
}
