package dev.tern.testing.internal;

import static java.util.Objects.requireNonNull;

import dev.tern.spi.JsonLog;
import dev.tern.spi.Settings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings a shape gives its adapter: what the shape needs for its own plumbing, with the
 * test's settings over it. Never the process environment, so a run does not depend on the machine.
 */
public final class ShapeSettings {
  private ShapeSettings() {}

  /**
   * {@code plumbing} with {@code settings} over it; the log level is {@code DEBUG} unless either
   * says otherwise, as the harness logs every level in a local run.
   */
  public static Settings layered(Map<String, String> plumbing, Map<String, String> settings) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(JsonLog.LEVEL_SETTING, "DEBUG");
    all.putAll(requireNonNull(plumbing, "plumbing == null"));
    all.putAll(requireNonNull(settings, "settings == null"));
    return Settings.of(all);
  }
}
