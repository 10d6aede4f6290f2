package dev.tern;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * The user an {@link AuthEvent} is about. Everything but the attributes may be absent: before
 * sign-up there is no user id yet on most platforms, and phone numbers are often not collected.
 *
 * @since 0.1
 */
public final class AuthUser {
  private final String id;
  private final String username;
  private final String email;
  private final String phone;
  private final Boolean emailVerified;
  private final Map<String, String> attributes;

  private AuthUser(Builder b) {
    this.id = b.id;
    this.username = b.username;
    this.email = b.email;
    this.phone = b.phone;
    this.emailVerified = b.emailVerified;
    this.attributes = b.attributes;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The platform's stable user id (Cognito {@code sub}, Firebase {@code uid}, Entra object id). */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  public Optional<String> email() {
    return Optional.ofNullable(email);
  }

  /** The phone number in E.164 form, as the platform stores it. */
  public Optional<String> phone() {
    return Optional.ofNullable(phone);
  }

  public Optional<Boolean> emailVerified() {
    return Optional.ofNullable(emailVerified);
  }

  /**
   * Every other attribute as a string: Cognito user attributes ({@code custom:tier}), B2C and Entra
   * attributes ({@code extension_…_tier} as {@code tier}), Identity Platform custom claims.
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  public Optional<String> attribute(String name) {
    return Optional.ofNullable(attributes.get(requireNonNull(name, "name == null")));
  }

  /** The id, else the username, never the contact details: {@code AuthUser[u-1]}. */
  @Override
  public String toString() {
    return "AuthUser["
        + (id != null ? id : username != null ? username : "no id or username yet")
        + "]";
  }

  /**
   * A copy of {@code map} that refuses a null key or value with an {@link InvalidValueException}
   * naming it ({@link InvalidValueException#nullIn}): {@code attributes: null value for key "x"}.
   * Also used by {@link AuthEvent}, which always comes with a user.
   */
  static Map<String, String> copyOf(String what, Map<String, String> map) {
    if (map == null) {
      throw new NullPointerException(what + " == null"); // the message made only when thrown
    }
    try {
      return Map.copyOf(map);
    } catch (NullPointerException e) {
      throw InvalidValueException.nullIn(what, map, e);
    }
  }

  public static final class Builder {
    private String id;
    private String username;
    private String email;
    private String phone;
    private Boolean emailVerified;
    private Map<String, String> attributes = Map.of();

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder email(String email) {
      this.email = email;
      return this;
    }

    public Builder phone(String phone) {
      this.phone = phone;
      return this;
    }

    public Builder emailVerified(Boolean emailVerified) {
      this.emailVerified = emailVerified;
      return this;
    }

    public Builder attributes(Map<String, String> attributes) {
      this.attributes = copyOf("attributes", attributes);
      return this;
    }

    public AuthUser build() {
      return new AuthUser(this);
    }
  }
}
