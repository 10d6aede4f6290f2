package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.ConfigurationException;
import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Dispatcher#fromIndex} with an index that declares a function factory. */
class DeclaredFactoryTest {
  private final List<String> log = TestContext.lines();

  /** A function whose only constructor takes what the factory wires in. */
  public static final class Greeter implements HttpFunction {
    private final String greeting;

    public Greeter(String greeting) {
      this.greeting = greeting;
    }

    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text(greeting);
    }
  }

  /** A function with a no-argument constructor, which the factory leaves to reflection. */
  public static final class Plain implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text("plain");
    }
  }

  public static final class AppFunctions implements FunctionFactory {
    static final AtomicInteger CREATED = new AtomicInteger();
    static final AtomicInteger ASKED = new AtomicInteger();

    public AppFunctions() {
      CREATED.incrementAndGet();
    }

    @Override
    public Object create(Class<?> type) throws Exception {
      ASKED.incrementAndGet();
      return type == Greeter.class
          ? new Greeter("hello from the factory")
          : FunctionFactory.reflective().create(type);
    }
  }

  public static final class FailingFactory implements FunctionFactory {
    public FailingFactory() {
      throw new IllegalStateException("no container");
    }

    @Override
    public Object create(Class<?> type) {
      return null;
    }
  }

  public static final class NotAFactory {}

  private static final String FUNCTIONS =
      "http\tGreeter\t"
          + Greeter.class.getName()
          + "\t/greet\tGET\n"
          + "http\tPlain\t"
          + Plain.class.getName()
          + "\t/plain\tGET\n";

  @Test
  void createsTheDeclaredFactoryOnceAndEveryFunctionWithIt(@TempDir Path dir) throws IOException {
    int created = AppFunctions.CREATED.get();
    int asked = AppFunctions.ASKED.get();
    try (URLClassLoader loader =
        loader(dir, "factory\t" + AppFunctions.class.getName() + "\n" + FUNCTIONS)) {
      Dispatcher dispatcher = Dispatcher.fromIndex(loader, Settings.of(Map.of()));
      dispatcher.instantiateAll();

      assertThat(AppFunctions.CREATED.get() - created).isEqualTo(1);
      assertThat(AppFunctions.ASKED.get() - asked).isEqualTo(2);
      assertThat(dispatcher.http(HttpRequest.get("/greet"), TestContext.into(log)).body().text())
          .isEqualTo("hello from the factory");
      assertThat(dispatcher.http(HttpRequest.get("/plain"), TestContext.into(log)).body().text())
          .isEqualTo("plain");
      // Each function is created once: serving does not ask the factory again.
      assertThat(AppFunctions.ASKED.get() - asked).isEqualTo(2);
    }
  }

  @Test
  void withoutADeclaredFactoryFunctionsNeedTheirConstructor(@TempDir Path dir) throws IOException {
    try (URLClassLoader loader = loader(dir, FUNCTIONS)) {
      Dispatcher dispatcher = Dispatcher.fromIndex(loader, Settings.of(Map.of()));

      assertThatThrownBy(dispatcher::instantiateAll)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining(
              Greeter.class.getName() + " needs a public no-argument constructor");
    }
  }

  @Test
  void aFactoryThatCannotBeLoadedOrCreatedIsAConfigurationErrorNamingIt(@TempDir Path dir)
      throws IOException {
    try (URLClassLoader loader = loader(dir.resolve("a"), "factory\tapp.Missing\n" + FUNCTIONS)) {
      assertThatThrownBy(() -> Dispatcher.fromIndex(loader, Settings.of(Map.of())))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage("function factory app.Missing cannot be loaded")
          .hasCauseInstanceOf(ClassNotFoundException.class);
    }
    try (URLClassLoader loader =
        loader(dir.resolve("b"), "factory\t" + FailingFactory.class.getName() + "\n" + FUNCTIONS)) {
      assertThatThrownBy(() -> Dispatcher.fromIndex(loader, Settings.of(Map.of())))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "function factory " + FailingFactory.class.getName() + " could not be created")
          .hasRootCauseMessage("no container");
    }
    try (URLClassLoader loader =
        loader(dir.resolve("c"), "factory\t" + NotAFactory.class.getName() + "\n" + FUNCTIONS)) {
      assertThatThrownBy(() -> Dispatcher.fromIndex(loader, Settings.of(Map.of())))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(
              "function factory "
                  + NotAFactory.class.getName()
                  + " does not implement dev.tern.spi.FunctionFactory");
    }
  }

  /** A loader whose only index is {@code index}, over this test's classes. */
  private static URLClassLoader loader(Path root, String index) throws IOException {
    Path file = root.resolve(FunctionIndex.RESOURCE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, index, StandardCharsets.UTF_8);
    return new URLClassLoader(
        new URL[] {root.toUri().toURL()}, DeclaredFactoryTest.class.getClassLoader());
  }
}
