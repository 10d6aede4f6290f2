package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.FunctionIndex;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness creates functions with the factory the class path's function index declares. */
class DeclaredFactoryTest {
  /**
   * Needs what the factory wires in, so it has no no-argument constructor; the index below declares
   * it (an annotation would have this module's processor refuse it, as no factory is declared in
   * its test sources).
   */
  public static final class Wired implements HttpFunction {
    private final String greeting;

    public Wired(String greeting) {
      this.greeting = greeting;
    }

    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text(greeting + " on " + context.cloud());
    }
  }

  /** Says who created it: its no-argument constructor, or a factory. */
  @OnHttp(route = "/declared/plain", methods = "GET", name = "DeclaredPlain")
  public static final class Plain implements HttpFunction {
    private final String creator;

    public Plain() {
      this("constructor");
    }

    Plain(String creator) {
      this.creator = creator;
    }

    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text(creator);
    }
  }

  /** The app's factory, as {@code @CreatesFunctions} would declare it. */
  public static final class AppFunctions implements FunctionFactory {
    @Override
    public Object create(Class<?> type) throws Exception {
      if (type == Wired.class) {
        return new Wired("hello");
      }
      return type == Plain.class ? new Plain("factory") : FunctionFactory.reflective().create(type);
    }
  }

  @TempDir Path dir;

  @Test
  void createsIndexedFunctionsWithTheDeclaredFactoryThroughEveryCloud() throws IOException {
    ClassLoader loader = declaring(AppFunctions.class.getName());
    List<String> answers = new ArrayList<>();
    for (Cloud cloud : Cloud.values()) {
      Harness harness = Harness.builder().cloud(cloud).classLoader(loader).build();

      answers.add(harness.get("/declared/wired").body().text());
    }

    assertThat(answers)
        .containsExactly("hello on AWS", "hello on AZURE", "hello on GCP", "hello on LOCAL");
  }

  @Test
  void createsTheFunctionClassesItIsGivenWithTheDeclaredFactoryToo() throws IOException {
    Harness harness =
        Harness.builder()
            .cloud(Cloud.AWS)
            .classLoader(declaring(AppFunctions.class.getName()))
            .functions(Plain.class)
            .build();

    assertThat(harness.get("/declared/plain").body().text()).isEqualTo("factory");
    assertThat(harness.router().functions())
        .extracting(FunctionDescriptor::name)
        .containsExactly("DeclaredPlain");
  }

  @Test
  void aFactoryGivenToTheBuilderWins() throws IOException {
    Harness harness =
        Harness.builder()
            .classLoader(declaring(AppFunctions.class.getName()))
            .functions(Plain.class)
            .factory(FunctionFactory.reflective())
            .build();

    assertThat(harness.get("/declared/plain").body().text()).isEqualTo("constructor");
  }

  @Test
  void withoutADeclaredFactoryTheNoArgumentConstructorCreatesTheFunction() {
    Harness harness = Harness.of(Plain.class);

    assertThat(harness.get("/declared/plain").body().text()).isEqualTo("constructor");
  }

  /**
   * A class loader whose function index declares {@link Wired} and the factory {@code factory},
   * over this test's classes.
   */
  private ClassLoader declaring(String factory) throws IOException {
    Path index = dir.resolve("functions");
    Files.writeString(
        index,
        FunctionIndex.of(
                List.of(
                    FunctionDescriptor.http(
                        "DeclaredWired", Wired.class.getName(), "/declared/wired", List.of("GET"))),
                factory)
            .format(),
        StandardCharsets.UTF_8);
    URL url = index.toUri().toURL();
    return new ClassLoader(DeclaredFactoryTest.class.getClassLoader()) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        return name.equals(FunctionIndex.RESOURCE)
            ? Collections.enumeration(List.of(url))
            : super.getResources(name);
      }
    };
  }
}
