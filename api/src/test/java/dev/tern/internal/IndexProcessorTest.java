package dev.tern.internal;

import static com.google.testing.compile.Compiler.javac;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.tern.ConfigurationException;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionIndex;
import dev.tern.spi.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IndexProcessorTest {
  private static final String IMPORTS = "package app; import dev.tern.*; ";

  private static JavaFileObject source(String simpleName, String body) {
    return JavaFileObjects.forSourceString("app." + simpleName, IMPORTS + body);
  }

  private static JavaFileObject http(String simpleName, String annotation) {
    return source(
        simpleName,
        annotation
            + " public class "
            + simpleName
            + " implements HttpFunction {"
            + " public HttpResponse handle(HttpRequest r, Context c) { return HttpResponse.ok(); } }");
  }

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new IndexProcessor()).compile(sources);
  }

  private static List<String> errors(Compilation compilation) {
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
      errors.add(d.getMessage(Locale.ROOT));
    }
    return errors;
  }

  private static String index(Compilation compilation) {
    assertThat(errors(compilation)).isEmpty();
    try {
      return compilation
          .generatedFile(StandardLocation.CLASS_OUTPUT, FunctionIndex.RESOURCE)
          .orElseThrow(() -> new AssertionError("no " + FunctionIndex.RESOURCE + " written"))
          .getCharContent(true)
          .toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final JavaFileObject[] GOOD = {
    http("Hello", "@OnHttp(route = \"/hello\", methods = \"get\")"),
    http("Files", "@OnHttp(route = \"/files/{path+}\", name = \"files-v1\")"),
    source(
        "Orders",
        "@OnQueue(\"${ORDERS_QUEUE}\") public final class Orders implements QueueFunction {"
            + " public void handle(Message m, Context c) {} }"),
    source(
        "Uploads",
        "@OnStorage(bucket = \"uploads\", kinds = {ObjectEvent.Kind.DELETED, ObjectEvent.Kind.CREATED})"
            + " public class Uploads implements StorageFunction { public void handle(ObjectEvent e, Context c) {} }"),
    source(
        "Jobs",
        "public class Jobs { @OnSchedule(cron = \"0 2 * * MON-FRI\", name = \"Nightly\")"
            + " public static class Night implements ScheduleFunction { public void handle(Tick t, Context c) {} } }"),
    source(
        "Report",
        "@OnSchedule(cron = \"0 6 * * *\", source = \"${REPORT_RULE}\")"
            + " public class Report implements ScheduleFunction { public void handle(Tick t, Context c) {} }"),
    source(
        "SignUp",
        "@OnAuth({AuthMoment.TOKEN_ISSUANCE, AuthMoment.BEFORE_SIGN_UP})"
            + " public class SignUp implements AuthFunction {"
            + " public AuthDecision handle(AuthEvent e, Context c) { return AuthDecision.allow(); } }"),
  };

  @Test
  void writesTheIndexOfGoodDeclarations() {
    assertThat(index(compile(GOOD)))
        .isEqualTo(
            "# Tern function index: kind, name, class, settings\n"
                + "http\tHello\tapp.Hello\t/hello\tGET\n"
                + "http\tfiles-v1\tapp.Files\t/files/{path+}\t\n"
                + "queue\tOrders\tapp.Orders\t${ORDERS_QUEUE}\n"
                + "storage\tUploads\tapp.Uploads\tuploads\tCREATED,DELETED\n"
                + "schedule\tNightly\tapp.Jobs$Night\t0 2 * * MON-FRI\n"
                + "schedule\tReport\tapp.Report\t0 6 * * *\t${REPORT_RULE}\n"
                + "auth\tSignUp\tapp.SignUp\tBEFORE_SIGN_UP,TOKEN_ISSUANCE\n");
  }

  @Test
  void writesNoIndexWhenNothingIsDeclared() {
    Compilation compilation = compile(source("Plain", "public class Plain {}"));

    assertThat(errors(compilation)).isEmpty();
    assertThat(compilation.generatedFile(StandardLocation.CLASS_OUTPUT, FunctionIndex.RESOURCE))
        .isEmpty();
  }

  @Test
  void theIndexParsesBackToWhatReflectionDescribes() throws Exception {
    Compilation compilation = compile(GOOD);
    List<FunctionDescriptor> indexed = FunctionIndex.parse(index(compilation), "test");
    ClassLoader loader = classLoader(compilation);

    List<FunctionDescriptor> described = new ArrayList<>();
    for (FunctionDescriptor d : indexed) {
      described.add(FunctionIndex.describe(loader.loadClass(d.className())));
    }

    assertThat(described).isEqualTo(indexed);
    assertThat(FunctionIndex.format(indexed)).isEqualTo(index(compilation));
  }

  @Test
  void writesACronWithTabsOrLineBreaksBetweenFieldsWithSingleSpaces() throws Exception {
    // The index separates its fields with tabs: a tab from the cron would start another field.
    Compilation compilation =
        compile(
            source(
                "Tabbed",
                "@OnSchedule(cron = \"0\\t2 * *\\n*\") public class Tabbed implements"
                    + " ScheduleFunction { public void handle(Tick t, Context c) {} }"));

    assertThat(index(compilation)).endsWith("schedule\tTabbed\tapp.Tabbed\t0 2 * * *\n");
    FunctionDescriptor indexed = FunctionIndex.parse(index(compilation), "test").get(0);
    assertThat(indexed.cron()).isEqualTo("0 2 * * *");
    assertThat(indexed.source()).isEmpty();
    assertThat(FunctionIndex.describe(classLoader(compilation).loadClass("app.Tabbed")))
        .isEqualTo(indexed);
  }

  /** Bad declarations: class, source body, the start of the message both readers give. */
  private static final String[][] BAD = {
    {
      "NoInterface",
      "@OnHttp(route = \"/x\") public class NoInterface {}",
      "app.NoInterface is annotated @OnHttp but implements none of the function interfaces; implement HttpFunction"
    },
    {
      "TwoInterfaces",
      "@OnHttp(route = \"/x\") public class TwoInterfaces implements HttpFunction, QueueFunction {"
          + " public HttpResponse handle(HttpRequest r, Context c) { return null; }"
          + " public void handle(Message m, Context c) {} }",
      "app.TwoInterfaces implements HttpFunction and QueueFunction; a function implements exactly one"
    },
    {
      "WrongInterface",
      "@OnQueue(\"orders\") public class WrongInterface implements HttpFunction {"
          + " public HttpResponse handle(HttpRequest r, Context c) { return null; } }",
      "app.WrongInterface is annotated @OnQueue but implements HttpFunction; implement QueueFunction"
    },
    {
      "TwoTriggers",
      "@OnHttp(route = \"/x\") @OnQueue(\"orders\") public class TwoTriggers implements HttpFunction {"
          + " public HttpResponse handle(HttpRequest r, Context c) { return null; } }",
      "app.TwoTriggers carries more than one trigger annotation"
    },
    {
      "WrongAndNoNoArg",
      "@OnQueue(\"orders\") public class WrongAndNoNoArg implements HttpFunction {"
          + " public WrongAndNoNoArg(String s) {}"
          + " public HttpResponse handle(HttpRequest r, Context c) { return null; } }",
      "app.WrongAndNoNoArg is annotated @OnQueue but implements HttpFunction; implement"
          + " QueueFunction; app.WrongAndNoNoArg needs a public no-argument constructor"
    },
    {
      "TwoTriggersPackagePrivate",
      "@OnHttp(route = \"/x\") @OnQueue(\"orders\") class TwoTriggersPackagePrivate"
          + " implements HttpFunction {"
          + " public HttpResponse handle(HttpRequest r, Context c) { return null; } }",
      "app.TwoTriggersPackagePrivate carries more than one trigger annotation; declare one function"
          + " per class; app.TwoTriggersPackagePrivate must be a public, non-abstract top-level or"
          + " static nested class"
    },
    {
      "NoNoArg",
      "@OnQueue(\"orders\") public class NoNoArg implements QueueFunction {"
          + " public NoNoArg(String s) {} public void handle(Message m, Context c) {} }",
      "app.NoNoArg needs a public no-argument constructor"
    },
    {
      "PrivateConstructor",
      "@OnQueue(\"orders\") public class PrivateConstructor implements QueueFunction {"
          + " private PrivateConstructor() {} public void handle(Message m, Context c) {} }",
      "app.PrivateConstructor needs a public no-argument constructor"
    },
    {
      "Abstract",
      "@OnQueue(\"orders\") public abstract class Abstract implements QueueFunction {}",
      "app.Abstract must be a public, non-abstract top-level or static nested class"
    },
    {
      "PackagePrivate",
      "@OnQueue(\"orders\") class PackagePrivate implements QueueFunction {"
          + " public void handle(Message m, Context c) {} }",
      "app.PackagePrivate must be a public, non-abstract top-level or static nested class"
    },
    {
      "Outer",
      "public class Outer { @OnQueue(\"orders\") public class Inner implements QueueFunction {"
          + " public void handle(Message m, Context c) {} } }",
      "app.Outer$Inner must be a public, non-abstract top-level or static nested class"
    },
    {
      "BadRoute",
      "@OnHttp(route = \"/a//b\") public class BadRoute implements HttpFunction {"
          + " public HttpResponse handle(HttpRequest r, Context c) { return null; } }",
      "app.BadRoute: route \"/a//b\" has an empty segment"
    },
    {
      "BadCron",
      "@OnSchedule(cron = \"0 25 * * *\") public class BadCron implements ScheduleFunction {"
          + " public void handle(Tick t, Context c) {} }",
      "app.BadCron: cron \"0 25 * * *\": hour 25 is outside 0-23"
    },
    {
      "BadMethod",
      "@OnHttp(route = \"/x\", methods = \"GE T\") public class BadMethod implements HttpFunction {"
          + " public HttpResponse handle(HttpRequest r, Context c) { return null; } }",
      "app.BadMethod: HTTP method \"GE T\" is not a token"
    },
    {
      "BadName",
      "@OnQueue(value = \"orders\", name = \"9lives\") public class BadName implements QueueFunction {"
          + " public void handle(Message m, Context c) {} }",
      "app.BadName: function name \"9lives\" must start with a letter"
    },
    {
      "BlankQueue",
      "@OnQueue(\" \") public class BlankQueue implements QueueFunction {"
          + " public void handle(Message m, Context c) {} }",
      "app.BlankQueue: source name \" \" is empty"
    },
    {
      "BlankRule",
      "@OnSchedule(cron = \"0 2 * * *\", source = \" \") public class BlankRule"
          + " implements ScheduleFunction { public void handle(Tick t, Context c) {} }",
      "app.BlankRule: source name \" \" is empty"
    },
    {
      "NoKinds",
      "@OnStorage(bucket = \"b\", kinds = {}) public class NoKinds implements StorageFunction {"
          + " public void handle(ObjectEvent e, Context c) {} }",
      "app.NoKinds: names no object event kind"
    },
    {
      "NoMoments",
      "@OnAuth({}) public class NoMoments implements AuthFunction {"
          + " public AuthDecision handle(AuthEvent e, Context c) { return null; } }",
      "app.NoMoments: names no auth moment"
    },
  };

  private static Map<String, List<String>> processorErrors;
  private static ClassLoader plainClasses;

  /**
   * Compiles every bad declaration twice, once with the processor and once without: two javac runs.
   */
  @BeforeAll
  static void compileBadDeclarations() throws IOException {
    List<JavaFileObject> sources = new ArrayList<>();
    for (String[] bad : BAD) {
      sources.add(source(bad[0], bad[1]));
    }
    processorErrors = new HashMap<>();
    for (String error : errors(javac().withProcessors(new IndexProcessor()).compile(sources))) {
      processorErrors.computeIfAbsent(error.split("[ :]", 2)[0], k -> new ArrayList<>()).add(error);
    }
    Compilation plain = javac().compile(sources);
    assertThat(plain.errors()).isEmpty();
    plainClasses = classLoader(plain);
  }

  static Stream<Arguments> badDeclarations() {
    return Arrays.stream(BAD).map(bad -> Arguments.of(bad[0], bad[2]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDeclarations")
  void failsTheCompileNamingTheClass(String simpleName, String message) {
    String className = message.split("[ :]", 2)[0];

    assertThat(processorErrors.get(className)).singleElement().asString().startsWith(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDeclarations")
  void reflectionRefusesTheSameClassWithTheSameMessage(String simpleName, String message) {
    String className = message.split("[ :]", 2)[0];

    assertThatThrownBy(() -> FunctionIndex.describe(plainClasses.loadClass(className)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void aBadDeclarationFailsTheCompile() {
    Compilation compilation = compile(source("NoInterface", BAD[0][1]));

    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
    assertThat(errors(compilation)).singleElement().asString().startsWith(BAD[0][2]);
  }

  @Test
  void warnsAboutAFunctionClassWithoutItsAnnotation() {
    Compilation compilation =
        compile(
            source(
                "Forgotten",
                "public class Forgotten implements QueueFunction {"
                    + " public void handle(Message m, Context c) {} }"));

    assertThat(errors(compilation)).isEmpty();
    assertThat(compilation.warnings())
        .extracting(d -> d.getMessage(Locale.ROOT))
        .containsExactly(
            "app.Forgotten implements QueueFunction but has no @OnQueue annotation, so it is not"
                + " in the function index and no adapter will call it; annotate it, or add"
                + " @SuppressWarnings(\"tern\") if that is intended");
  }

  @Test
  void doesNotWarnAboutBaseClassesHelpersOrSuppressedClasses() {
    Compilation compilation =
        compile(
            source(
                "Base",
                "public abstract class Base implements QueueFunction {"
                    + " public static class Nested implements QueueFunction {"
                    + " public void handle(Message m, Context c) {} } }"),
            source(
                "Wired",
                "@SuppressWarnings(\"tern\") public class Wired implements QueueFunction {"
                    + " public void handle(Message m, Context c) {} }"),
            source(
                "Helper",
                "class Helper implements QueueFunction { public void handle(Message m, Context c) {} }"),
            http("Hello", "@OnHttp(route = \"/hello\")"));

    assertThat(errors(compilation)).isEmpty();
    assertThat(compilation.warnings()).isEmpty();
  }

  @Test
  void refusesAnnotationsOnInterfaces() {
    Compilation compilation =
        compile(source("Bad", "@OnQueue(\"q\") public interface Bad extends QueueFunction {}"));

    assertThat(errors(compilation)).singleElement().asString().contains("belong on classes");
  }

  @Test
  void refusesTwoFunctionsOnTheSameRouteAndMethod() {
    Compilation compilation =
        compile(
            http("A", "@OnHttp(route = \"/orders/{id}\", methods = {\"GET\", \"PUT\"})"),
            http("B", "@OnHttp(route = \"/orders/{key}\", methods = \"get\")"));

    assertThat(errors(compilation))
        .singleElement()
        .asString()
        .isEqualTo("app.A and app.B both serve GET /orders/{id} / /orders/{key}");
  }

  @Test
  void reportsARouteConflictInTheSameCompileAsAnotherClassesError() {
    Compilation compilation =
        compile(
            http("A", "@OnHttp(route = \"/x\")"),
            http("B", "@OnHttp(route = \"/x\")"),
            source(
                "BadCron",
                "@OnSchedule(cron = \"0 25 * * *\") public class BadCron implements"
                    + " ScheduleFunction { public void handle(Tick t, Context c) {} }"));

    assertThat(errors(compilation))
        .containsExactlyInAnyOrder(
            "app.BadCron: cron \"0 25 * * *\": hour 25 is outside 0-23",
            "app.A and app.B both serve every method /x");
  }

  @Test
  void refusesTwoFunctionsOnTheSameRouteWhenOneServesEveryMethod() {
    Compilation compilation =
        compile(
            http("A", "@OnHttp(route = \"/x\")"),
            http("B", "@OnHttp(route = \"/x\", methods = \"POST\")"));

    assertThat(errors(compilation))
        .singleElement()
        .asString()
        .contains("app.A and app.B both serve POST /x");
  }

  @Test
  void allowsTheSameRouteForDifferentMethods() {
    Compilation compilation =
        compile(
            http("A", "@OnHttp(route = \"/x\", methods = \"GET\")"),
            http("B", "@OnHttp(route = \"/x\", methods = \"POST\")"));

    assertThat(index(compilation)).contains("app.A").contains("app.B");
  }

  @Test
  void refusesTheSameNameTwice() {
    Compilation compilation =
        compile(
            http("A", "@OnHttp(route = \"/a\", name = \"Same\")"),
            source(
                "B",
                "@OnQueue(value = \"q\", name = \"Same\") public class B implements QueueFunction {"
                    + " public void handle(Message m, Context c) {} }"));

    assertThat(errors(compilation))
        .singleElement()
        .asString()
        .isEqualTo("functions app.A and app.B are both named Same");
  }

  @Test
  void reportsEveryBadClassInOneCompile() {
    Compilation compilation =
        compile(
            http("A", "@OnHttp(route = \"nope\")"),
            source("B", "@OnQueue(\"q\") public class B {}"),
            http("C", "@OnHttp(route = \"/fine\")"));

    assertThat(errors(compilation)).hasSize(2);
    assertThat(errors(compilation).get(0)).startsWith("app.A");
    assertThat(errors(compilation).get(1)).startsWith("app.B");
  }

  // ---- the function factory ------------------------------------------------------------------

  private static JavaFileObject factory(String simpleName, String annotation, String body) {
    return source(
        simpleName,
        annotation
            + " public class "
            + simpleName
            + " implements dev.tern.spi.FunctionFactory {"
            + body
            + " public Object create(Class<?> type) throws Exception {"
            + " return type == Greeter.class ? new Greeter(\"wired\")"
            + " : dev.tern.spi.FunctionFactory.reflective().create(type); } }");
  }

  /** An HTTP function whose only constructor takes what a factory wires in. */
  private static final JavaFileObject GREETER =
      source(
          "Greeter",
          "@OnHttp(route = \"/greet\") public class Greeter implements HttpFunction {"
              + " private final String greeting; public Greeter(String greeting) {"
              + " this.greeting = greeting; }"
              + " public HttpResponse handle(HttpRequest r, Context c) {"
              + " return HttpResponse.text(greeting); } }");

  @Test
  void recordsTheFactoryAndNeedsNoConstructorOfTheFunctionsItCreates(@TempDir Path dir)
      throws Exception {
    Compilation compilation =
        compile(GREETER, factory("AppFunctions", "@CreatesFunctions", ""), GOOD[2]);

    String index = index(compilation);
    assertThat(index)
        .isEqualTo(
            "# Tern function index: kind, name, class, settings\n"
                + "factory\tapp.AppFunctions\n"
                + "http\tGreeter\tapp.Greeter\t/greet\t\n"
                + "queue\tOrders\tapp.Orders\t${ORDERS_QUEUE}\n");
    assertThat(FunctionIndex.parseIndex(index, "test").factory()).contains("app.AppFunctions");

    // The index on a class path with the compiled classes: the adapters' dispatcher uses it.
    Path meta = dir.resolve(FunctionIndex.RESOURCE);
    Files.createDirectories(meta.getParent());
    Files.writeString(meta, index, StandardCharsets.UTF_8);
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, classLoader(compilation))) {
      Dispatcher dispatcher =
          Dispatcher.fromIndex(loader, Settings.of(Map.of("ORDERS_QUEUE", "orders")));
      Object greeter = dispatcher.instance(dispatcher.router().functions().get(0));
      HttpResponse response = ((HttpFunction) greeter).handle(HttpRequest.get("/greet"), null);

      assertThat(response.body().text()).isEqualTo("wired");
      // The functions it does not wire are created by their no-argument constructor still.
      assertThat(dispatcher.instance(dispatcher.router().functions().get(1)).getClass().getName())
          .isEqualTo("app.Orders");

      // Reflection, as the harness reads classes, judges the constructor only when asked to.
      Class<?> type = loader.loadClass("app.Greeter");
      assertThat(FunctionIndex.describe(type, false))
          .isEqualTo(FunctionIndex.parse(index, "test").get(0));
      assertThatThrownBy(() -> FunctionIndex.describe(type))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage("app.Greeter needs a public no-argument constructor");
    }
  }

  @Test
  void aFactoryInALaterRoundStillExcusesTheConstructor() {
    // A processor that writes the factory's source in the first round, as a DI container's might.
    AbstractProcessor writesTheFactory =
        new AbstractProcessor() {
          private boolean written;

          @Override
          public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
          }

          @Override
          public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
          }

          @Override
          public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!written) {
              written = true;
              try (Writer w =
                  processingEnv.getFiler().createSourceFile("app.AppFunctions").openWriter()) {
                w.write(
                    factory("AppFunctions", "@CreatesFunctions", "")
                        .getCharContent(true)
                        .toString());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
            return false;
          }
        };

    Compilation compilation =
        javac().withProcessors(new IndexProcessor(), writesTheFactory).compile(GREETER);

    assertThat(index(compilation)).contains("factory\tapp.AppFunctions\n").contains("app.Greeter");
  }

  @Test
  void withoutAFactoryTheFunctionStillNeedsItsConstructor() {
    Compilation compilation = compile(GREETER);

    assertThat(errors(compilation))
        .containsExactly("app.Greeter needs a public no-argument constructor");
  }

  @Test
  void aFactoryAloneIsRecorded() {
    Compilation compilation = compile(factory("AppFunctions", "@CreatesFunctions", ""), GREETER);
    // Greeter is referenced by the factory; a compilation with only the factory writes it too.
    assertThat(index(compilation))
        .startsWith(
            "# Tern function index: kind, name, class, settings\nfactory\tapp.AppFunctions\n");
  }

  @Test
  void refusesTwoFactories() {
    Compilation compilation =
        compile(
            GREETER,
            factory("AppFunctions", "@CreatesFunctions", ""),
            factory("OtherFunctions", "@CreatesFunctions", ""));

    assertThat(errors(compilation))
        .containsExactly(
            "app.OtherFunctions and app.AppFunctions are both annotated @CreatesFunctions; an app"
                + " declares one function factory");
    assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFactories")
  void refusesABadFactoryNamingIt(String simpleName, JavaFileObject source, String message) {
    Compilation compilation = compile(GREETER, source);

    // One error, about the factory: the function it would create is not judged by its constructor.
    assertThat(errors(compilation)).containsExactly(message);
  }

  static Stream<Arguments> badFactories() {
    return Stream.of(
        Arguments.of(
            "NoNoArg",
            factory("NoNoArg", "@CreatesFunctions", " public NoNoArg(String s) {}"),
            "app.NoNoArg needs a public no-argument constructor"),
        Arguments.of(
            "NotAFactory",
            source("NotAFactory", "@CreatesFunctions public class NotAFactory {}"),
            "app.NotAFactory is annotated @CreatesFunctions but does not implement"
                + " FunctionFactory"),
        Arguments.of(
            "PackagePrivate",
            source(
                "PackagePrivate",
                "@CreatesFunctions class PackagePrivate implements dev.tern.spi.FunctionFactory {"
                    + " public Object create(Class<?> t) { return null; } }"),
            "app.PackagePrivate must be a public, non-abstract top-level or static nested class"),
        Arguments.of(
            "Inner",
            source(
                "Outer",
                "public class Outer { @CreatesFunctions public class Inner"
                    + " implements dev.tern.spi.FunctionFactory {"
                    + " public Object create(Class<?> t) { return null; } } }"),
            "app.Outer$Inner must be a public, non-abstract top-level or static nested class"),
        Arguments.of(
            "Interface",
            source(
                "Wiring",
                "@CreatesFunctions public interface Wiring extends dev.tern.spi.FunctionFactory {}"),
            "app.Wiring must be a public, non-abstract top-level or static nested class"),
        Arguments.of(
            "PrivateAndNotAFactory",
            source("Hidden", "@CreatesFunctions public class Hidden { private Hidden() {} }"),
            "app.Hidden needs a public no-argument constructor; app.Hidden is annotated"
                + " @CreatesFunctions but does not implement FunctionFactory"));
  }

  // ---- loading compiled classes ---------------------------------------------------------------

  /** A loader for the classes a compilation produced, sharing Tern's types with this test. */
  static ClassLoader classLoader(Compilation compilation) throws IOException {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath();
      String name =
          path.substring(
                  path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(), path.length() - 6)
              .replace('/', '.');
      try (InputStream in = file.openInputStream()) {
        classes.put(name, in.readAllBytes());
      }
    }
    return new ClassLoader(IndexProcessorTest.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
  }
}
