package dev.tern.testing;

import dev.tern.Cloud;
import dev.tern.ConfigurationException;
import dev.tern.spi.Dispatcher;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/** Finds each cloud's {@link CloudShape}. */
final class CloudShapes {
  private CloudShapes() {}

  static CloudShape create(Cloud cloud, Dispatcher dispatcher) {
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
          Class.forName(className).getConstructor(Dispatcher.class).newInstance(dispatcher);
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
