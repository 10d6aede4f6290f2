package dev.tern.testing;

import dev.tern.Cloud;
import dev.tern.ConfigurationException;
import dev.tern.spi.Dispatcher;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Finds each cloud's {@link CloudShape}. */
final class CloudShapes {
  private CloudShapes() {}

  static CloudShape create(Cloud cloud, Dispatcher dispatcher) {
    return create(cloud, dispatcher, Map.of(), Clock.systemUTC(), line -> {});
  }

  /**
   * The shape of {@code cloud} whose adapter reads {@code settings} and {@code clock} and writes
   * its log lines to {@code logs}.
   */
  static CloudShape create(
      Cloud cloud,
      Dispatcher dispatcher,
      Map<String, String> settings,
      Clock clock,
      Consumer<String> logs) {
    if (cloud == Cloud.LOCAL) {
      return new LocalShape(dispatcher, false);
    }
    String name = cloud.name().toLowerCase(Locale.ROOT);
    String className =
        "dev.tern.testing."
            + name
            + "."
            + Character.toUpperCase(name.charAt(0))
            + name.substring(1)
            + "Shape";
    try {
      return (CloudShape)
          Class.forName(className)
              .getConstructor(Dispatcher.class, Map.class, Clock.class, Consumer.class)
              .newInstance(dispatcher, settings, clock, logs);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      throw new ConfigurationException("no cloud shape for " + cloud + " (" + className + ")", e);
    } catch (InvocationTargetException e) {
      throw new ConfigurationException(
          "the " + cloud + " shape could not be created: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new ConfigurationException("the " + cloud + " shape could not be created", e);
    }
  }
}
