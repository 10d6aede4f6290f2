package dev.tern.spi;

import static java.util.Objects.requireNonNull;

import dev.tern.ConfigurationException;
import java.util.Map;
import java.util.Optional;

/**
 * Where deployment settings come from: environment variables on the clouds, a map in tests.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Settings {
  /** The setting that pins a deployment to one function by name. */
  String PIN = "TERN_FUNCTION";

  Optional<String> get(String name);

  // Anonymous classes rather than lambdas here and below: the cold path stays free of classes
  // the JVM generates at run time.

  static Settings environment() {
    return new Settings() {
      @Override
      public Optional<String> get(String name) {
        return Optional.ofNullable(System.getenv(name));
      }
    };
  }

  static Settings of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(requireNonNull(values, "values == null"));
    return new Settings() {
      @Override
      public Optional<String> get(String name) {
        return Optional.ofNullable(copy.get(name));
      }
    };
  }

  /**
   * The value of the setting {@code name} when it is one of {@code choices}, compared ignoring case
   * and surrounding blanks; {@code choices[0]}, the default, when it is unset or blank.
   *
   * @return the element of {@code choices} that matched
   * @throws ConfigurationException naming the setting, its value and the choices, for any other
   *     value: a mistyped setting must not silently mean its default
   */
  default String choice(String name, String... choices) {
    requireNonNull(name, "name == null");
    if (choices.length == 0) {
      throw new IllegalArgumentException("no choices for " + name);
    }
    Optional<String> value = get(name);
    if (value.isEmpty() || value.get().isBlank()) {
      return choices[0];
    }
    String given = value.get().trim();
    for (String choice : choices) {
      if (choice.equalsIgnoreCase(given)) {
        return choice;
      }
    }
    StringBuilder message =
        new StringBuilder(name).append(" is \"").append(value.get()).append("\"; use ");
    for (int i = 0; i < choices.length; i++) {
      if (i > 0) {
        message.append(i == choices.length - 1 ? " or " : ", ");
      }
      message.append(choices[i]);
      if (i == 0) {
        message.append(" (the default)");
      }
    }
    throw new ConfigurationException(message.toString());
  }

  /**
   * Whether the setting {@code name} is {@code true}, in any case; unset or blank is {@code false}.
   *
   * @throws ConfigurationException for any value other than {@code true} or {@code false}
   */
  default boolean flag(String name) {
    return choice(name, "false", "true").equals("true");
  }

  /**
   * Resolves {@code ${NAME}} references in a declared name: {@code orders-${STAGE}} with {@code
   * STAGE=prod} is {@code orders-prod}.
   *
   * @throws ConfigurationException naming the setting and {@code where} it was referenced
   */
  default String resolve(String declared, String where) {
    requireNonNull(declared, "declared == null");
    int start = declared.indexOf("${");
    if (start < 0) {
      return declared;
    }
    StringBuilder out = new StringBuilder();
    int from = 0;
    while (start >= 0) {
      int end = declared.indexOf('}', start);
      if (end < 0) {
        throw new ConfigurationException(where + ": unclosed ${ in \"" + declared + "\"");
      }
      String name = declared.substring(start + 2, end);
      Optional<String> value = get(name);
      if (value.isEmpty()) {
        throw new ConfigurationException(
            where + " refers to setting " + name + ", which is not set");
      }
      out.append(declared, from, start).append(value.get());
      from = end + 1;
      start = declared.indexOf("${", from);
    }
    return out.append(declared.substring(from)).toString();
  }
}
