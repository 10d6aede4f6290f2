package dev.tern.spi;

import dev.tern.ConfigurationException;
import java.lang.reflect.InvocationTargetException;

/**
 * Creates function instances. The default calls the public no-argument constructor; a dependency
 * injection container or a test can supply its own. An app declares its factory with {@link
 * dev.tern.CreatesFunctions}, and every adapter's entry point, and the harness, then creates the
 * functions with it; a test can also hand one to {@code Harness.builder().factory(…)}, which wins.
 *
 * <p>Each function is created once, on first use or as the adapter starts, and its instance shared
 * by all threads.
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
        } catch (ReflectiveOperationException e) {
          // Told apart with instanceof rather than by catch clauses of their own: the verifier
          // loads a caught class as it checks the method, and InvocationTargetException is not in
          // the JDK's class data archive, so every cold start would parse it.
          if (e instanceof NoSuchMethodException) {
            throw new ConfigurationException(
                type.getName() + " needs a public no-argument constructor", e);
          }
          if (e instanceof InvocationTargetException && e.getCause() instanceof Exception) {
            throw (Exception) e.getCause();
          }
          throw e;
        }
      }
    };
  }

  /**
   * Creates the factory class {@code className}, loaded from {@code loader}, through its public
   * no-argument constructor: the factory a {@linkplain FunctionIndex function index} declares.
   *
   * @throws ConfigurationException naming the class if it cannot be loaded, is no {@code
   *     FunctionFactory} or cannot be created
   */
  static FunctionFactory declared(String className, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException("function factory " + className + " cannot be loaded", e);
    }
    if (!FunctionFactory.class.isAssignableFrom(type)) {
      throw new ConfigurationException(
          "function factory "
              + className
              + " does not implement "
              + FunctionFactory.class.getName());
    }
    try {
      return (FunctionFactory) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Told apart with instanceof, as in reflective(), for the same reason.
      if (e instanceof NoSuchMethodException) {
        throw new ConfigurationException(
            "function factory " + className + " needs a public no-argument constructor", e);
      }
      throw new ConfigurationException(
          "function factory " + className + " could not be created",
          e instanceof InvocationTargetException ? e.getCause() : e);
    }
  }
}
