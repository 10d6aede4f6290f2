package dev.tern;

/**
 * Where a function is running.
 *
 * @since 0.1
 */
public enum Cloud {
  AWS,
  AZURE,
  GCP,
  /** The in-memory harness or the local server of {@code tern-testing}. */
  LOCAL
}
