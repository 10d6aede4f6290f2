package dev.tern;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A cookie a response sets: {@code SetCookie.of("session", "abc").withPath("/").httpOnly()} renders
 * as {@code session=abc; Path=/; HttpOnly}.
 *
 * <p>Names and values are checked as RFC 6265 section 4.1.1 says
 * (https://www.rfc-editor.org/rfc/rfc6265#section-4.1.1): a name is a token, and a value holds no
 * control character, whitespace, double quote (but one around the whole value), comma, semicolon or
 * backslash, and nothing outside ASCII. Encode anything else first, for example with {@code
 * Base64.getUrlEncoder()}. A comma matters more than it seems: platforms that join repeated headers
 * with commas would split a value that holds one.
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

  /**
   * A session cookie with no attributes.
   *
   * @throws InvalidValueException if {@code name} is not a token or {@code value} holds a character
   *     a cookie value cannot, naming the cookie and the character's index
   */
  public static SetCookie of(String name, String value) {
    checkName(name);
    return new SetCookie(name, checkValue(name, value), null, null, null, false, false, null);
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

  /** {@code Path}: any ASCII but control characters and {@code ;}, as RFC 6265 allows. */
  public SetCookie withPath(String path) {
    return new SetCookie(
        name, value, check(name, "path", path), domain, maxAge, secure, httpOnly, sameSite);
  }

  /** {@code Domain}, such as {@code example.com}; a name beyond ASCII goes in its A-label form. */
  public SetCookie withDomain(String domain) {
    return new SetCookie(
        name, value, path, check(name, "domain", domain), maxAge, secure, httpOnly, sameSite);
  }

  /**
   * {@code Max-Age}, in whole seconds; zero deletes the cookie. A fraction of a second is rounded
   * up, so a cookie never lasts shorter than asked and a positive age such as 500 ms never becomes
   * {@code Max-Age=0}: {@code Duration.ofMillis(1500)} is sent, and kept, as 2 seconds.
   */
  public SetCookie withMaxAge(Duration maxAge) {
    requireNonNull(maxAge, "maxAge == null");
    if (maxAge.isNegative()) {
      throw new InvalidValueException("cookie \"" + name + "\": max age is negative: " + maxAge);
    }
    if (maxAge.getNano() > 0) {
      long seconds = maxAge.getSeconds();
      maxAge = Duration.ofSeconds(seconds == Long.MAX_VALUE ? seconds : seconds + 1);
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

  /** Refuses a name that is not an RFC 9110 token. */
  private static void checkName(String name) {
    requireNonNull(name, "name == null");
    if (name.isEmpty()) {
      throw new InvalidValueException("cookie name is empty");
    }
    for (int i = 0; i < name.length(); i++) {
      if (!Headers.isTokenChar(name.charAt(i))) {
        throw new InvalidValueException(
            "cookie name \"" + escape(name) + "\" " + invalidAt(name, i));
      }
    }
  }

  /** Refuses a value that is not cookie-octets, bare or in double quotes (RFC 6265 4.1.1). */
  private static String checkValue(String name, String value) {
    requireNonNull(value, "value == null");
    boolean quoted = value.length() >= 2 && value.charAt(0) == '"' && value.endsWith("\"");
    for (int i = quoted ? 1 : 0, end = quoted ? value.length() - 1 : value.length(); i < end; i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
        throw new InvalidValueException("cookie \"" + name + "\": value " + invalidAt(value, i));
      }
    }
    return value;
  }

  /** Refuses a path or domain with a control character, a semicolon or anything beyond ASCII. */
  private static String check(String name, String what, String text) {
    if (text == null) {
      throw new NullPointerException(what + " == null"); // the message made only when thrown
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < ' ' || c >= 0x7f || c == ';') {
        throw new InvalidValueException(
            "cookie \"" + name + "\": " + what + " " + invalidAt(text, i));
      }
    }
    return text;
  }

  /** Names the character, not the text: a cookie value may be a secret, and messages are logged. */
  private static String invalidAt(String text, int i) {
    return String.format("has an invalid character at index %d (U+%04X)", i, (int) text.charAt(i));
  }

  private static String escape(String text) {
    return text.replace("\r", "\\r").replace("\n", "\\n");
  }
}
