package dev.tern.spi;

import dev.tern.ConfigurationException;
import java.lang.reflect.InvocationTargetException;

/**
 * Creates function instances. The default calls the public no-argument constructor; a dependency
 * injection container or a test can supply its own.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface FunctionFactory {
  Object create(Class<?> type) throws Exception;

  /** Calls the public no-argument constructor. */
  static FunctionFactory reflective() {
    return new FunctionFactory() {
      @Override
      public Object create(Class<?> type) throws Exception {
        try {
          return type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
          throw new ConfigurationException(
              type.getName() + " needs a public no-argument constructor", e);
        } catch (InvocationTargetException e) {
          Throwable cause = e.getCause();
          throw cause instanceof Exception ? (Exception) cause : e;
        }
      }
    };
  }
}
