package dev.tern.spi;

import java.util.function.Supplier;

/**
 * Reads the client address from an {@code X-Forwarded-For} header, for adapters whose platform puts
 * the address it saw there.
 *
 * <p>A proxy appends the address it received the request from to the end of the list
 * (https://developer.mozilla.org/docs/Web/HTTP/Reference/Headers/X-Forwarded-For); everything
 * before it came from the client or earlier proxies and proves nothing. So the last address is the
 * one to trust, when the platform's own front end appended it.
 *
 * @since 0.1
 */
public final class ForwardedFor {
  private ForwardedFor() {}

  /**
   * What reads {@link #lastAddress} of {@code header} when asked, for {@link
   * dev.tern.HttpRequest.Builder#deferredSourceIp}: most functions never ask for the address.
   */
  public static Supplier<String> deferredLastAddress(String header) {
    return new LastAddress(header);
  }

  /** A class of its own rather than a lambda, which would cost a cold JVM a generated class. */
  private static final class LastAddress implements Supplier<String> {
    private final String header;

    LastAddress(String header) {
      this.header = header;
    }

    @Override
    public String get() {
      return lastAddress(header);
    }
  }

  /**
   * The last address of {@code header}, without a port ({@code 203.0.113.7:51234}, {@code
   * [2001:db8::1]:443}) and without surrounding white space; empty hops at the end are skipped.
   *
   * @return the address, or null when the last hop holds none (empty, only a port, brackets left
   *     open or empty, or white space or a control character inside it)
   */
  public static String lastAddress(String header) {
    if (header == null) {
      return null;
    }
    // Found in one pass back to the hop's comma and cut once: this runs on every request that came
    // through a front end.
    int end = header.length();
    while (end > 0 && header.charAt(end - 1) == ',') {
      end--; // empty hops at the end are not addresses
    }
    int start = end;
    int colon = -1;
    int colons = 0;
    while (start > 0) {
      char c = header.charAt(start - 1);
      if (c == ',') {
        break;
      }
      if (c == ':') {
        colon = start - 1;
        colons++;
      }
      start--;
    }
    while (start < end && header.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && header.charAt(end - 1) <= ' ') {
      end--;
    }
    if (start < end && header.charAt(start) == '[') {
      int close = header.indexOf(']', start);
      return close > start + 1 && close < end ? address(header, start + 1, close) : null;
    }
    if (colons == 1) {
      end = colon; // one colon: an IPv4 address or a name with a port; more: a bare IPv6 address
    }
    return start < end ? address(header, start, end) : null;
  }

  /** {@code header[start, end)}, or null when it holds a space or control character. */
  private static String address(String header, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = header.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        return null;
      }
    }
    return header.substring(start, end);
  }
}
