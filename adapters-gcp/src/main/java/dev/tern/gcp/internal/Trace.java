package dev.tern.gcp.internal;

import java.util.Optional;

/**
 * Reads trace ids from W3C {@code traceparent} ({@code 00-<32 hex>-<16 hex>-<2 hex>},
 * https://www.w3.org/TR/trace-context/#traceparent-header) and Google's {@code
 * X-Cloud-Trace-Context} ({@code <32 hex>/<span>;o=1},
 * https://cloud.google.com/trace/docs/trace-context#legacy-http-header).
 */
public final class Trace {
  private Trace() {}

  /** The trace id of a {@code traceparent} value. */
  public static Optional<String> fromTraceparent(String value) {
    String id = traceparent(value);
    return id == null ? Optional.empty() : Optional.of(id);
  }

  private static String traceparent(String value) {
    if (value == null) {
      return null;
    }
    String text = value.trim();
    int first = text.indexOf('-');
    int second = first < 0 ? -1 : text.indexOf('-', first + 1);
    if (first != 2 || second < 0 || text.indexOf('-', second + 1) < 0) {
      return null;
    }
    return traceId(text, first + 1, second);
  }

  /** {@code text[from, to)} in lower case when it is 32 hex digits, not all zero; else null. */
  private static String traceId(String text, int from, int to) {
    if (to - from != 32) {
      return null;
    }
    boolean zero = true;
    boolean lower = true;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
        zero &= c == '0';
      } else if (c >= 'A' && c <= 'F') {
        zero = false;
        lower = false;
      } else {
        return null;
      }
    }
    if (zero) {
      return null;
    }
    String id = text.substring(from, to);
    return lower ? id : id.toLowerCase(java.util.Locale.ROOT);
  }

  /** The trace id of an {@code X-Cloud-Trace-Context} value. */
  public static Optional<String> fromCloudTraceContext(String value) {
    if (value == null) {
      return Optional.empty();
    }
    int slash = value.indexOf('/');
    String id = (slash < 0 ? value : value.substring(0, slash)).trim();
    int semi = id.indexOf(';');
    if (semi >= 0) {
      id = id.substring(0, semi);
    }
    return hex(id, 0, id.length(), 32)
        ? Optional.of(id.toLowerCase(java.util.Locale.ROOT))
        : Optional.empty();
  }

  /** {@code traceparent} first, then {@code X-Cloud-Trace-Context}. */
  public static Optional<String> of(String traceparent, String cloudTraceContext) {
    String id = traceparent(traceparent);
    return id != null ? Optional.of(id) : fromCloudTraceContext(cloudTraceContext);
  }

  /**
   * Whether {@code c} is an ASCII hex digit, in either case; {@link Character#digit} would also
   * take the digits of other scripts, which no trace id has.
   */
  private static boolean isHex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** Whether {@code text[from, to)} is {@code length} hex digits. */
  private static boolean hex(String text, int from, int to, int length) {
    if (to - from != length) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!isHex(c)) {
        return false;
      }
    }
    return true;
  }
}
