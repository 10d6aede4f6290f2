package dev.tern.testing.internal;

import dev.tern.Cookie;
import java.util.List;

/** The {@code Cookie} header a browser sends for some cookies. */
public final class CookieHeader {
  private CookieHeader() {}

  /**
   * {@code s=1; theme=dark} for the cookies {@code s=1} and {@code theme=dark} (<a
   * href="https://www.rfc-editor.org/rfc/rfc6265#section-4.2.1">RFC 6265 section 4.2.1</a>).
   */
  public static String of(List<Cookie> cookies) {
    StringBuilder header = new StringBuilder();
    for (Cookie cookie : cookies) {
      if (header.length() > 0) {
        header.append("; ");
      }
      header.append(cookie.name()).append('=').append(cookie.value());
    }
    return header.toString();
  }
}
