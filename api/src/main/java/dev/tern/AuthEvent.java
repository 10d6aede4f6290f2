package dev.tern;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * An identity-lifecycle event: someone is signing up, signing in, being issued a token, or was
 * created or deleted. Sources: Cognito user-pool triggers, Identity Platform blocking functions and
 * Firebase Auth events, Azure AD B2C API connectors and Entra External ID custom authentication
 * extensions.
 *
 * @since 0.1
 */
public final class AuthEvent {
  private final AuthMoment moment;
  private final AuthUser user;
  private final String clientId;
  private final String ipAddress;
  private final String userAgent;
  private final Map<String, String> metadata;
  private final String id;
  private final Object raw;

  private AuthEvent(Builder b) {
    this.moment = b.moment;
    this.user = b.user;
    this.clientId = b.clientId;
    this.ipAddress = b.ipAddress;
    this.userAgent = b.userAgent;
    this.metadata = b.metadata;
    this.id = b.id;
    this.raw = b.raw;
  }

  public static Builder builder(AuthMoment moment, AuthUser user) {
    return new Builder(moment, user);
  }

  public AuthMoment moment() {
    return moment;
  }

  public AuthUser user() {
    return user;
  }

  /** The application the user is signing in to (Cognito app client, OAuth client id). */
  public Optional<String> clientId() {
    return Optional.ofNullable(clientId);
  }

  public Optional<String> ipAddress() {
    return Optional.ofNullable(ipAddress);
  }

  public Optional<String> userAgent() {
    return Optional.ofNullable(userAgent);
  }

  /**
   * Other request metadata as strings: Cognito {@code clientMetadata}, the sign-in method of
   * Identity Platform, the B2C {@code step}.
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The platform's id for this event, when it has one. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  public Optional<Object> raw() {
    return Optional.ofNullable(raw);
  }

  public <T> Optional<T> unwrap(Class<T> type) {
    requireNonNull(type, "type == null");
    return type.isInstance(raw) ? Optional.of(type.cast(raw)) : Optional.empty();
  }

  @Override
  public String toString() {
    return "AuthEvent[" + moment + ", " + user + "]";
  }

  public static final class Builder {
    private final AuthMoment moment;
    private final AuthUser user;
    private String clientId;
    private String ipAddress;
    private String userAgent;
    private Map<String, String> metadata = Map.of();
    private String id;
    private Object raw;

    private Builder(AuthMoment moment, AuthUser user) {
      this.moment = requireNonNull(moment, "moment == null");
      this.user = requireNonNull(user, "user == null");
    }

    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    public Builder ipAddress(String ipAddress) {
      this.ipAddress = ipAddress;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    public Builder metadata(Map<String, String> metadata) {
      this.metadata = AuthUser.copyOf("metadata", metadata);
      return this;
    }

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder raw(Object raw) {
      this.raw = raw;
      return this;
    }

    public AuthEvent build() {
      return new AuthEvent(this);
    }
  }
}
