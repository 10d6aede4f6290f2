package dev.tern;

/**
 * The deployment is set up wrong: a {@code ${NAME}} reference to a setting that is not defined, a
 * pinned function that does not exist, a function class without a public no-argument constructor,
 * no JSON codec on the classpath.
 *
 * @since 0.1
 */
public class ConfigurationException extends TernException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
