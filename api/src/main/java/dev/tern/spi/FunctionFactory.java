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
    } catch (NoSuchMethodException e) {
      throw new ConfigurationException(
          "function factory " + className + " needs a public no-argument constructor", e);
    } catch (InvocationTargetException e) {
      throw new ConfigurationException(
          "function factory " + className + " could not be created", e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ConfigurationException(
          "function factory " + className + " could not be created", e);
    }
  }
}
