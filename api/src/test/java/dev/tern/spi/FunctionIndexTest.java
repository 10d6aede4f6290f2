package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.AuthMoment;
import dev.tern.ConfigurationException;
import dev.tern.ObjectEvent;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionIndexTest {
  private static final List<FunctionDescriptor> ALL_KINDS =
      List.of(
          FunctionDescriptor.http("Hello", "app.Hello", "/hello", List.of("GET", "HEAD")),
          FunctionDescriptor.http("Any", "app.Any", "/files/{path+}", List.of()),
          FunctionDescriptor.queue("Orders", "app.Orders", "${ORDERS_QUEUE}"),
          FunctionDescriptor.storage(
              "Uploads",
              "app.Uploads",
              "uploads-${STAGE}",
              EnumSet.of(
                  ObjectEvent.Kind.DELETED, ObjectEvent.Kind.CREATED, ObjectEvent.Kind.RESTORED)),
          FunctionDescriptor.schedule("Nightly", "app.Jobs$Nightly", "*/15 9-17 * * MON-FRI"),
          FunctionDescriptor.schedule("Report", "app.Report", "0 6 * * *", "${REPORT_RULE}"),
          FunctionDescriptor.auth("SignUp", "app.SignUp", EnumSet.allOf(AuthMoment.class)));

  @Test
  void parsesWhatItFormats() {
    String text = FunctionIndex.format(ALL_KINDS);

    assertThat(FunctionIndex.parse(text, "test")).isEqualTo(ALL_KINDS);
    assertThat(FunctionIndex.format(FunctionIndex.parse(text, "test"))).isEqualTo(text);
  }

  @Test
  void formatsOneTabSeparatedLinePerFunction() {
    assertThat(FunctionIndex.format(ALL_KINDS.subList(0, 1)))
        .isEqualTo(
            "# Tern function index: kind, name, class, settings\nhttp\tHello\tapp.Hello\t/hello\tGET,HEAD\n");
  }

  @Test
  void parsesAndFormatsTheFactoryLine() {
    FunctionIndex index = FunctionIndex.of(ALL_KINDS.subList(2, 3), "app.AppFunctions");
    String text = index.format();

    assertThat(text)
        .isEqualTo(
            "# Tern function index: kind, name, class, settings\n"
                + "factory\tapp.AppFunctions\n"
                + "queue\tOrders\tapp.Orders\t${ORDERS_QUEUE}\n");
    assertThat(FunctionIndex.parseIndex(text, "test").factory()).contains("app.AppFunctions");
    assertThat(FunctionIndex.parseIndex(text, "test").functions())
        .isEqualTo(ALL_KINDS.subList(2, 3));
    // parse() gives the functions alone; an index without a factory line declares none.
    assertThat(FunctionIndex.parse(text, "test")).isEqualTo(ALL_KINDS.subList(2, 3));
    assertThat(FunctionIndex.parseIndex(FunctionIndex.format(ALL_KINDS), "test").factory())
        .isEmpty();
    assertThat(FunctionIndex.of(ALL_KINDS, null).format())
        .isEqualTo(FunctionIndex.format(ALL_KINDS));
  }

  @Test
  void refusesAMalformedFactoryLine() {
    assertThatThrownBy(() -> FunctionIndex.parseIndex("factory\n", "idx"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("idx line 1: expected factory and the factory's class");
    assertThatThrownBy(() -> FunctionIndex.parseIndex("# x\nfactory\tapp.A\tapp.B\n", "idx"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("idx line 2: expected factory and the factory's class");
    assertThatThrownBy(() -> FunctionIndex.parse("factory\tapp.A\nfactory\tapp.B\n", "idx"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("function factories app.A (idx) and app.B (idx) are both declared");
  }

  @Test
  void readsTheFactoryOfTheClassPathAndRefusesTwoDifferentOnes(@TempDir Path dir)
      throws IOException {
    Path functions = write(dir.resolve("functions"), "http\tHello\tapp.Hello\t/hello\tGET\n");
    Path wiring = write(dir.resolve("wiring"), "factory\tapp.AppFunctions\n");
    Path same = write(dir.resolve("same"), "factory\tapp.AppFunctions\n");
    Path other =
        write(dir.resolve("other"), "factory\tapp.OtherFunctions\nqueue\tOrders\tapp.Orders\to\n");

    try (URLClassLoader loader = loader(functions, wiring, same)) {
      FunctionIndex index = FunctionIndex.readDeclared(loader);
      assertThat(index.functions()).extracting(FunctionDescriptor::name).containsExactly("Hello");
      assertThat(index.factory()).contains("app.AppFunctions");
      assertThat(FunctionIndex.declaredFactory(loader)).contains("app.AppFunctions");
      assertThat(FunctionIndex.load(loader)).isEqualTo(index.functions());
    }
    try (URLClassLoader loader = loader(functions)) {
      assertThat(FunctionIndex.read(loader).factory()).isEmpty();
      assertThat(FunctionIndex.declaredFactory(loader)).isEmpty();
    }
    try (URLClassLoader loader = loader(wiring, other)) {
      String conflict =
          "function factories app.AppFunctions ("
              + indexUrl(wiring)
              + ") and app.OtherFunctions ("
              + indexUrl(other)
              + ") are both declared; a deployment has one";
      assertThatThrownBy(() -> FunctionIndex.read(loader))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(conflict);
      assertThatThrownBy(() -> FunctionIndex.declaredFactory(loader))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(conflict);
      assertThatThrownBy(() -> Dispatcher.fromIndex(loader, Settings.of(Map.of())))
          .isInstanceOf(ConfigurationException.class)
          .hasMessage(conflict);
    }
  }

  @Test
  void declaredFactoryReadsOnlyTheFactoryLines(@TempDir Path dir) throws IOException {
    // Functions the harness is not asked to host may conflict or be unreadable to this version.
    Path a = write(dir.resolve("a"), "factory\tapp.AppFunctions\nhttp\tA\tapp.A\t/x\tGET\n");
    Path b = write(dir.resolve("b"), "http\tB\tapp.B\t/x\tGET\ncarrier\tX\tapp.X\tpigeon\n");

    try (URLClassLoader loader = loader(a, b)) {
      assertThat(FunctionIndex.declaredFactory(loader)).contains("app.AppFunctions");
      assertThatThrownBy(() -> FunctionIndex.read(loader))
          .isInstanceOf(ConfigurationException.class);
    }
  }

  @Test
  void skipsCommentsAndBlankLinesAndAcceptsCrLf() {
    String text = "# comment\r\n\r\nqueue\tOrders\tapp.Orders\torders\r\n";

    assertThat(FunctionIndex.parse(text, "test"))
        .containsExactly(FunctionDescriptor.queue("Orders", "app.Orders", "orders"));
  }

  @Test
  void writesAScheduleSourceAsAnOptionalTrailingFieldThatOlderLinesLack() {
    assertThat(FunctionIndex.format(ALL_KINDS.subList(4, 6)))
        .isEqualTo(
            "# Tern function index: kind, name, class, settings\n"
                + "schedule\tNightly\tapp.Jobs$Nightly\t*/15 9-17 * * MON-FRI\n"
                + "schedule\tReport\tapp.Report\t0 6 * * *\t${REPORT_RULE}\n");
    assertThat(
            FunctionIndex.parse("schedule\tNightly\tapp.Nightly\t0 2 * * *\n", "test")
                .get(0)
                .source())
        .isEmpty();
  }

  @Test
  void defaultsStorageKindsToCreated() {
    assertThat(FunctionIndex.parse("storage\tU\tapp.U\tb\n", "test").get(0).objectKinds())
        .containsExactly(ObjectEvent.Kind.CREATED);
  }

  @Test
  void reportsMalformedLinesWithTheirOriginAndNumber() {
    assertThatThrownBy(
            () -> FunctionIndex.parse("# ok\nhttp\tHello\n", "jar:/a.jar!/META-INF/tern/functions"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("jar:/a.jar!/META-INF/tern/functions line 2:");
    assertThatThrownBy(() -> FunctionIndex.parse("carrier\tX\tapp.X\tpigeon\n", "idx"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("idx line 1: unknown trigger kind \"carrier\"");
    assertThatThrownBy(() -> FunctionIndex.parse("auth\tX\tapp.X\tBEFORE_LUNCH\n", "idx"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("BEFORE_LUNCH");
  }

  @Test
  void loadsEveryIndexOnTheClassPathAndRefusesConflictsAcrossThem(@TempDir Path dir)
      throws IOException {
    Path a = write(dir.resolve("a"), "http\tHello\tapp.Hello\t/hello\tGET\n");
    Path b = write(dir.resolve("b"), "queue\tOrders\tapp.Orders\torders\n");
    Path c = write(dir.resolve("c"), "http\tHello2\tapp.Hello2\t/hello\tGET\n");

    try (URLClassLoader loader = loader(a, b)) {
      assertThat(FunctionIndex.load(loader))
          .extracting(FunctionDescriptor::name)
          .containsExactlyInAnyOrder("Hello", "Orders");
    }
    try (URLClassLoader loader = loader(a, c)) {
      assertThatThrownBy(() -> FunctionIndex.load(loader))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("app.Hello and app.Hello2 both serve GET /hello");
    }
    try (URLClassLoader loader = loader()) {
      assertThat(FunctionIndex.load(loader)).isEmpty();
    }
  }

  @Test
  void loadDeclaredRefusesAClassPathWithoutFunctionsAndSaysHowToKeepTheProcessorRunning(
      @TempDir Path dir) throws IOException {
    Path a = write(dir.resolve("a"), "http\tHello\tapp.Hello\t/hello\tGET\n");

    try (URLClassLoader loader = loader(a)) {
      assertThat(FunctionIndex.loadDeclared(loader))
          .extracting(FunctionDescriptor::name)
          .containsExactly("Hello");
    }
    try (URLClassLoader loader = loader()) {
      assertThatThrownBy(() -> FunctionIndex.loadDeclared(loader))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith(
              "no function is declared: no "
                  + FunctionIndex.RESOURCE
                  + " on the class path names one")
          .hasMessageContaining("-proc:full")
          .hasMessageContaining("annotationProcessorPaths must list dev.tern:tern-api");
      assertThatThrownBy(() -> Dispatcher.fromIndex(loader, Settings.of(Map.of())))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageStartingWith("no function is declared");
    }
  }

  @Test
  void readsAnIndexInsideAJarAndOneInAFolderWithSpacesInTheirPaths(@TempDir Path dir)
      throws IOException {
    Path jar = dir.resolve("a function.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(FunctionIndex.RESOURCE));
      out.write("queue\tOrders\tapp.Orders\torders\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Path folder = write(dir.resolve("task root"), "http\tHello\tapp.Hello\t/hello\tGET\n");

    try (URLClassLoader loader = loader(jar, folder)) {
      assertThat(FunctionIndex.load(loader))
          .extracting(FunctionDescriptor::name)
          .containsExactly("Orders", "Hello");
    }
  }

  @Test
  void aDeploymentLoadersIndexesComeAfterThoseOfItsUrlClassLoaderParents(@TempDir Path dir)
      throws IOException {
    Path outer = write(dir.resolve("outer"), "queue\tOrders\tapp.Orders\torders\n");
    Path inner = write(dir.resolve("inner"), "http\tHello\tapp.Hello\t/hello\tGET\n");

    try (URLClassLoader parent = loader(outer);
        URLClassLoader child = new URLClassLoader(new URL[] {url(inner)}, parent)) {
      assertThat(FunctionIndex.locate(child)).containsExactly(indexUrl(outer), indexUrl(inner));
      assertThat(FunctionIndex.load(child))
          .extracting(FunctionDescriptor::name)
          .containsExactly("Orders", "Hello");
    }
  }

  @Test
  void withoutAnIndexInItsUrlsTheLoaderIsAskedAfterAll(@TempDir Path dir) throws IOException {
    Path root = write(dir.resolve("app"), "http\tHello\tapp.Hello\t/hello\tGET\n");
    URL index = indexUrl(root);
    // A parent that is no URLClassLoader, like the JVM's application class loader.
    ClassLoader parent =
        new ClassLoader(ClassLoader.getPlatformClassLoader()) {
          @Override
          protected java.util.Enumeration<URL> findResources(String name) {
            return java.util.Collections.enumeration(
                name.equals(FunctionIndex.RESOURCE) ? List.of(index) : List.<URL>of());
          }
        };

    try (URLClassLoader child = new URLClassLoader(new URL[0], parent)) {
      assertThat(FunctionIndex.load(child))
          .extracting(FunctionDescriptor::name)
          .containsExactly("Hello");
    }
  }

  @Test
  void onTheClassPathFindsTheIndexesOfItsFoldersAndJarsAsAUrlClassLoaderWould(@TempDir Path dir)
      throws IOException {
    Path folder = write(dir.resolve("classes"), "http\tHello\tapp.Hello\t/hello\tGET\n");
    Path jar = jar(dir.resolve("app with space.jar"), null, true);
    Path plain = jar(dir.resolve("lib.jar"), null, false);
    Path empty = Files.createDirectories(dir.resolve("empty"));
    String classPath =
        String.join(
            java.io.File.pathSeparator,
            folder.toString(),
            dir.resolve("missing.jar").toString(),
            plain.toString(),
            empty.toString(),
            jar.toString());

    try (URLClassLoader loader = new URLClassLoader(new URL[] {url(folder), url(jar)}, null)) {
      List<URL> expected = java.util.Collections.list(loader.findResources(FunctionIndex.RESOURCE));
      assertThat(FunctionIndex.onClassPath(classPath))
          .extracting(URL::toString)
          .containsExactlyElementsOf(expected.stream().map(URL::toString).toList());
    }
    assertThat(FunctionIndex.onClassPath(classPath)).hasSize(2);
  }

  @Test
  void onTheClassPathFollowsWhatEachJarAddsToItAsTheLoaderDoes(@TempDir Path dir)
      throws IOException {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Path first = jar(lib.resolve("first.jar"), null, true);
    Path nested = write(lib.resolve("classes"), "http\tHello\tapp.Hello\t/hello\tGET\n");
    Path second = jar(lib.resolve("second.jar"), "classes/", true);
    Path thin =
        jar(dir.resolve("thin.jar"), "lib/first.jar  lib/missing.jar\tlib/second.jar", true);
    Path last = write(dir.resolve("last"), "queue\tJobs\tapp.Jobs\tjobs\n");
    // lib/first.jar comes again after the jar that added it: each place is searched once.
    String classPath =
        String.join(java.io.File.pathSeparator, thin.toString(), first.toString(), last.toString());

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {url(thin), url(first), url(last)}, null)) {
      List<String> expected =
          java.util.Collections.list(loader.findResources(FunctionIndex.RESOURCE)).stream()
              .map(URL::toString)
              .toList();
      assertThat(FunctionIndex.onClassPath(classPath))
          .extracting(URL::toString)
          .containsExactlyElementsOf(expected)
          .containsExactly(
              "jar:" + thin.toFile().toURI() + "!/" + FunctionIndex.RESOURCE,
              "jar:" + first.toFile().toURI() + "!/" + FunctionIndex.RESOURCE,
              "jar:" + second.toFile().toURI() + "!/" + FunctionIndex.RESOURCE,
              nested.resolve(FunctionIndex.RESOURCE).toFile().toURI().toString(),
              last.resolve(FunctionIndex.RESOURCE).toFile().toURI().toString());
    }
  }

  @Test
  void onTheClassPathLeavesWhatOnlyTheLoaderCanTellToIt(@TempDir Path dir) throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.jar"), "not a zip");
    Path remote = jar(dir.resolve("remote.jar"), "https://example.com/more.jar", false);

    assertThat(FunctionIndex.onClassPath(broken.toString())).isNull();
    assertThat(FunctionIndex.onClassPath(remote.toString())).isNull();
  }

  @Test
  void theApplicationClassLoadersIndexesAreThoseItGivesItself() throws IOException {
    ClassLoader app = ClassLoader.getSystemClassLoader();

    assertThat(FunctionIndex.locate(app))
        .containsExactlyElementsOf(
            java.util.Collections.list(app.getResources(FunctionIndex.RESOURCE)));
  }

  /** A jar with a manifest, adding {@code classPath} to the class path when not null. */
  private static Path jar(Path jar, String classPath, boolean index) throws IOException {
    java.util.jar.Manifest manifest = new java.util.jar.Manifest();
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      manifest.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, classPath);
    }
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      if (index) {
        out.putNextEntry(new JarEntry(FunctionIndex.RESOURCE));
        out.write("queue\tOrders\tapp.Orders\torders\n".getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  private static URL url(Path root) throws IOException {
    return root.toUri().toURL();
  }

  private static URL indexUrl(Path root) throws IOException {
    return root.resolve(FunctionIndex.RESOURCE).toUri().toURL();
  }

  @Test
  void aJarEntryThatIsMissingFailsAsTheUrlWould(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("empty.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("other"));
      out.closeEntry();
    }
    URL url = new URL("jar:" + jar.toUri() + "!/" + FunctionIndex.RESOURCE);

    assertThatThrownBy(() -> FunctionIndex.read(url)).isInstanceOf(FileNotFoundException.class);
  }

  private static Path write(Path root, String index) throws IOException {
    Path file = root.resolve(FunctionIndex.RESOURCE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, index, StandardCharsets.UTF_8);
    return root;
  }

  private static URLClassLoader loader(Path... roots) throws IOException {
    URL[] urls = new URL[roots.length];
    for (int i = 0; i < roots.length; i++) {
      urls[i] = roots[i].toUri().toURL();
    }
    return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void checksNamesMethodsAndSources() {
    assertThat(FunctionIndex.name("", "Hello")).isEqualTo("Hello");
    assertThat(FunctionIndex.name("hello-v2_b", "Hello")).isEqualTo("hello-v2_b");
    assertThatThrownBy(() -> FunctionIndex.name("a".repeat(65), "X"))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> FunctionIndex.name("héllo", "X"))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> FunctionIndex.name("a b", "X"))
        .isInstanceOf(ConfigurationException.class);
    assertThat(FunctionIndex.methods(new String[] {"get", "GET", "post"}))
        .containsExactly("GET", "POST");
    assertThatThrownBy(() -> FunctionIndex.methods(new String[] {"GET,POST"}))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> FunctionIndex.methods(new String[] {""}))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> FunctionIndex.methods(new String[] {"GET/"}))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> FunctionIndex.methods(new String[] {"{GET}"}))
        .isInstanceOf(ConfigurationException.class);
    assertThat(FunctionIndex.methods(new String[] {"M-SEARCH", "PROPFIND"}))
        .containsExactly("M-SEARCH", "PROPFIND");
    assertThatThrownBy(() -> FunctionIndex.checkSource("a\tb"))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> FunctionIndex.checkSource("a\nb"))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void findsConflicts() {
    assertThat(FunctionIndex.conflicts(ALL_KINDS)).isEmpty();
    assertThat(
            FunctionIndex.conflicts(
                List.of(
                    FunctionDescriptor.http("A", "app.A", "/x/{id}", List.of()),
                    FunctionDescriptor.http("B", "app.B", "/x/{key}", List.of()))))
        .containsExactly("app.A and app.B both serve every method /x/{id} / /x/{key}");
    assertThat(
            FunctionIndex.conflicts(
                List.of(
                    FunctionDescriptor.http("A", "app.A", "/x/{id}", List.of("GET")),
                    FunctionDescriptor.http("B", "app.B", "/x/{id+}", List.of("GET")),
                    FunctionDescriptor.http("C", "app.C", "/x/y", List.of("GET")))))
        .isEmpty();
  }

  @Test
  void describesFunctionsForMessagesWithKindsAndMomentsInDeclarationOrder() {
    assertThat(ALL_KINDS)
        .extracting(FunctionDescriptor::describe)
        .containsExactly(
            "http Hello GET,HEAD /hello",
            "http Any * /files/{path+}",
            "queue Orders <- ${ORDERS_QUEUE}",
            "storage Uploads <- uploads-${STAGE} [CREATED, DELETED, RESTORED]",
            "schedule Nightly \"*/15 9-17 * * MON-FRI\"",
            "schedule Report \"0 6 * * *\" <- ${REPORT_RULE}",
            "auth SignUp [BEFORE_SIGN_UP, AFTER_SIGN_UP, BEFORE_SIGN_IN, AFTER_SIGN_IN,"
                + " TOKEN_ISSUANCE, USER_DELETED]");
  }

  @Test
  void descriptorsCopyTheirCollections() {
    List<String> methods = new java.util.ArrayList<>(List.of("GET"));
    FunctionDescriptor d = FunctionDescriptor.http("A", "app.A", "/a", methods);
    methods.add("POST");

    assertThat(d.methods()).containsExactly("GET");
    assertThatThrownBy(() -> d.objectKinds().add(ObjectEvent.Kind.CREATED))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(FunctionDescriptor.auth("S", "app.S", Set.of(AuthMoment.USER_DELETED)).moments())
        .containsExactly(AuthMoment.USER_DELETED);
  }
}
