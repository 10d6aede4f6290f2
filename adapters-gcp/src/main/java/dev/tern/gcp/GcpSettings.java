package dev.tern.gcp;

/**
 * The deployment settings (environment variables) the GCP adapter reads, besides the core's {@code
 * TERN_FUNCTION} pin.
 *
 * @since 0.1
 */
public final class GcpSettings {
  /**
   * The Google Cloud project id. Identity Platform tokens must be issued by {@code
   * https://securetoken.google.com/<project>}, and log lines link to {@code
   * projects/<project>/traces/<trace>}. {@code GOOGLE_CLOUD_PROJECT} and {@code GCP_PROJECT} are
   * read when this is unset.
   */
  public static final String PROJECT = "TERN_GCP_PROJECT";

  /**
   * The exact audience ({@code aud}) an Identity Platform blocking token must carry: the function's
   * URL, such as {@code https://us-central1-my-project.cloudfunctions.net/beforeCreate}. When
   * unset, the audience must contain {@code <project>.cloudfunctions.net/} or be a {@code run.app}
   * URL, as the Firebase Admin SDK checks.
   */
  public static final String AUTH_AUDIENCE = "TERN_GCP_AUTH_AUDIENCE";

  /**
   * {@code true} accepts unsigned ({@code alg: none}) blocking tokens, as the Firebase Auth
   * emulator sends them; their issuer, audience, subject and times are still checked, and a signed
   * token gets every check. For local tests only: never set it in a deployment.
   */
  public static final String INSECURE_UNSIGNED_TOKENS = "TERN_GCP_INSECURE_UNSIGNED_TOKENS";

  /**
   * {@code true} lets {@code GcpHttpFunction} take Pub/Sub push envelopes and Cloud Scheduler calls
   * even in a deployment that also serves HTTP functions. Without it they are recognized only where
   * no HTTP function is served, because anyone can POST a forged envelope to a public API; set it
   * only on a service deployed with {@code --no-allow-unauthenticated}, where Google checks the
   * caller's OIDC token before the request arrives.
   */
  public static final String HTTP_EVENTS = "TERN_GCP_HTTP_EVENTS";

  /**
   * The lowest log level written: {@code DEBUG}, {@code INFO} (the default), {@code WARN}, {@code
   * ERROR}.
   */
  public static final String LOG_LEVEL = dev.tern.spi.JsonLog.LEVEL_SETTING;

  private GcpSettings() {}
}
