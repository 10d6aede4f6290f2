package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.FunctionIndex;
import dev.tern.spi.Settings;
import dev.tern.spi.fake.ChildJvm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment whose function index declares a function factory: {@link AwsHandler} creates its
 * functions with it, at init, for every event and for SnapStart priming.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeclaredFactoryTest {
  static final List<String> CREATED = new CopyOnWriteArrayList<>();

  /**
   * Needs a greeting the factory wires in, so it has no no-argument constructor; the index each
   * test writes declares it.
   */
  public static final class Wired implements HttpFunction {
    private final String greeting;

    public Wired(String greeting) {
      CREATED.add(greeting);
      this.greeting = greeting;
    }

    @Override
    public HttpResponse handle(HttpRequest request, dev.tern.Context context) {
      return HttpResponse.text(greeting + " " + request.pathParam("id").orElse("?"));
    }

    public void prime(dev.tern.Context context) {
      CREATED.add("primed " + greeting);
    }
  }

  /** The app's factory, as {@code @CreatesFunctions} would declare it. */
  public static final class AppFunctions implements FunctionFactory {
    @Override
    public Object create(Class<?> type) throws Exception {
      return type == Wired.class ? new Wired("wired") : FunctionFactory.reflective().create(type);
    }
  }

  @TempDir Path tmp;

  /** An index declaring {@link Wired} on {@code /wired/{id}} and {@link AppFunctions}. */
  private Path taskRoot() throws IOException {
    Path index = tmp.resolve(FunctionIndex.RESOURCE);
    Files.createDirectories(index.getParent());
    Files.writeString(
        index,
        FunctionIndex.of(
                List.of(
                    FunctionDescriptor.http(
                        "Wired", Wired.class.getName(), "/wired/{id}", List.of("GET"))),
                AppFunctions.class.getName())
            .format(),
        StandardCharsets.UTF_8);
    return tmp;
  }

  /** The HTTP API event of the fixtures, for {@code /wired/42}. */
  static byte[] event() {
    return Lambda.fixtureText("http/http-api-v2-get.json")
        .replace("/echo/", "/wired/")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theHandlerCreatesTheFunctionWithTheDeclaredFactoryAndPrimesThatInstance()
      throws IOException {
    CREATED.clear();
    Settings settings = Settings.of(Map.of("TERN_AWS_PRIMING", "functions"));
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {taskRoot().toUri().toURL()}, getClass().getClassLoader())) {
      AwsHandler handler =
          new AwsHandler(
              Dispatcher.fromIndex(loader, settings), settings, line -> {}, Clock.systemUTC());
      handler.dispatcher().instantiateAll();

      String answer = new String(handler.handle(event(), null), StandardCharsets.UTF_8);
      new Priming(handler, settings, line -> {}).prime();

      assertThat(answer).contains("\"statusCode\":200").contains("wired 42");
      assertThat(CREATED).containsExactly("wired", "primed wired");
    }
  }

  /** The child JVM: one event through a fresh {@link AwsHandler}, as Lambda creates it. */
  public static void main(String[] args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new AwsHandler().handleRequest(new ByteArrayInputStream(event()), out, (Context) null);
    System.out.println("answer: " + out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void lambdasHandlerConstructorUsesTheFactoryOfTheTaskRootsIndex() throws Exception {
    Path log = tmp.resolve("child.log");
    ProcessBuilder builder = ChildJvm.of(log, List.of(taskRoot()), DeclaredFactoryTest.class);
    // The test functions' index is on the class path too; pinned, their settings are not needed.
    builder.environment().put("TERN_FUNCTION", "Wired");
    String output = ChildJvm.run(builder);

    assertThat(output).contains("answer: {\"statusCode\":200,").contains("wired 42");
  }
}
