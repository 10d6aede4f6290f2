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
    if (value == null) {
      return Optional.empty();
    }
    String[] parts = value.trim().split("-", -1);
    if (parts.length < 4 || parts[0].length() != 2 || !hex(parts[1], 32) || parts[1].matches("0+")) {
      return Optional.empty();
    }
    return Optional.of(parts[1].toLowerCase(java.util.Locale.ROOT));
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
    return hex(id, 32) ? Optional.of(id.toLowerCase(java.util.Locale.ROOT)) : Optional.empty();
  }

  /** {@code traceparent} first, then {@code X-Cloud-Trace-Context}. */
  public static Optional<String> of(String traceparent, String cloudTraceContext) {
    return fromTraceparent(traceparent).or(() -> fromCloudTraceContext(cloudTraceContext));
  }

  private static boolean hex(String text, int length) {
    if (text.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
