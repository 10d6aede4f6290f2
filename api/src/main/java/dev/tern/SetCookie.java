package dev.tern;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A cookie a response sets: {@code SetCookie.of("session", "abc").withPath("/").httpOnly()} renders
 * as {@code session=abc; Path=/; HttpOnly}.
 *
 * @since 0.1
 */
public final class SetCookie {
  /** The {@code SameSite} attribute. */
  public enum SameSite {
    STRICT("Strict"),
    LAX("Lax"),
    NONE("None");

    private final String text;

    SameSite(String text) {
      this.text = text;
    }
  }

  private final String name;
  private final String value;
  private final String path;
  private final String domain;
  private final Duration maxAge;
  private final boolean secure;
  private final boolean httpOnly;
  private final SameSite sameSite;

  private SetCookie(
      String name,
      String value,
      String path,
      String domain,
      Duration maxAge,
      boolean secure,
      boolean httpOnly,
      SameSite sameSite) {
    this.name = name;
    this.value = value;
    this.path = path;
    this.domain = domain;
    this.maxAge = maxAge;
    this.secure = secure;
    this.httpOnly = httpOnly;
    this.sameSite = sameSite;
  }

  /** A session cookie with no attributes. Name and value must not contain {@code ;}, CR or LF. */
  public static SetCookie of(String name, String value) {
    return new SetCookie(
        check("name", name, true),
        check("value", value, false),
        null,
        null,
        null,
        false,
        false,
        null);
  }

  public String name() {
    return name;
  }

  public String value() {
    return value;
  }

  public Optional<String> path() {
    return Optional.ofNullable(path);
  }

  public Optional<String> domain() {
    return Optional.ofNullable(domain);
  }

  public Optional<Duration> maxAge() {
    return Optional.ofNullable(maxAge);
  }

  public boolean isSecure() {
    return secure;
  }

  public boolean isHttpOnly() {
    return httpOnly;
  }

  public Optional<SameSite> sameSite() {
    return Optional.ofNullable(sameSite);
  }

  public SetCookie withPath(String path) {
    return new SetCookie(
        name, value, check("path", path, false), domain, maxAge, secure, httpOnly, sameSite);
  }

  public SetCookie withDomain(String domain) {
    return new SetCookie(
        name, value, path, check("domain", domain, false), maxAge, secure, httpOnly, sameSite);
  }

  /** {@code Max-Age}; zero deletes the cookie. */
  public SetCookie withMaxAge(Duration maxAge) {
    requireNonNull(maxAge, "maxAge == null");
    if (maxAge.isNegative()) {
      throw new InvalidValueException("cookie max age is negative: " + maxAge);
    }
    return new SetCookie(name, value, path, domain, maxAge, secure, httpOnly, sameSite);
  }

  public SetCookie secure() {
    return new SetCookie(name, value, path, domain, maxAge, true, httpOnly, sameSite);
  }

  public SetCookie httpOnly() {
    return new SetCookie(name, value, path, domain, maxAge, secure, true, sameSite);
  }

  public SetCookie withSameSite(SameSite sameSite) {
    return new SetCookie(
        name,
        value,
        path,
        domain,
        maxAge,
        secure,
        httpOnly,
        requireNonNull(sameSite, "sameSite == null"));
  }

  /** The {@code Set-Cookie} header value. */
  public String headerValue() {
    StringBuilder out = new StringBuilder(name).append('=').append(value);
    if (path != null) {
      out.append("; Path=").append(path);
    }
    if (domain != null) {
      out.append("; Domain=").append(domain);
    }
    if (maxAge != null) {
      out.append("; Max-Age=").append(maxAge.getSeconds());
    }
    if (secure) {
      out.append("; Secure");
    }
    if (httpOnly) {
      out.append("; HttpOnly");
    }
    if (sameSite != null) {
      out.append("; SameSite=").append(sameSite.text);
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SetCookie && ((SetCookie) other).headerValue().equals(headerValue());
  }

  @Override
  public int hashCode() {
    return headerValue().hashCode();
  }

  @Override
  public String toString() {
    return headerValue();
  }

  private static String check(String what, String text, boolean nonEmpty) {
    requireNonNull(text, what + " == null");
    if (nonEmpty && text.isEmpty()) {
      throw new InvalidValueException("cookie " + what + " is empty");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ';' || c == '\r' || c == '\n' || c == 0 || (nonEmpty && (c == '=' || c <= ' '))) {
        throw new InvalidValueException(
            "cookie "
                + what
                + " has an invalid character at index "
                + i
                + ": "
                + text.replace("\r", "\\r").replace("\n", "\\n"));
      }
    }
    return text;
  }
}
