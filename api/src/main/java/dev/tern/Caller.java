package dev.tern;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Who made an HTTP request, as the platform verified it: an API Gateway JWT or IAM authorizer, an
 * Azure App Service authentication principal, a verified Identity Platform token. Tern never builds
 * a caller from headers the client could set itself.
 *
 * @param scheme how the platform verified the caller: {@code "jwt"}, {@code "iam"}, {@code
 *     "lambda-authorizer"}, {@code "app-service"}
 * @param subject the stable id of the caller (a JWT {@code sub}, an IAM user ARN)
 * @param claims the verified claims or authorizer context, as strings
 * @since 0.1
 */
public record Caller(String scheme, String subject, Map<String, String> claims) {
  public Caller {
    requireNonNull(scheme, "scheme == null");
    requireNonNull(subject, "subject == null");
    requireNonNull(claims, "claims == null");
    try {
      claims = Map.copyOf(claims);
    } catch (NullPointerException e) {
      throw InvalidValueException.nullIn("claims", claims, e);
    }
  }

  public Optional<String> claim(String name) {
    return Optional.ofNullable(claims.get(requireNonNull(name, "name == null")));
  }
}
