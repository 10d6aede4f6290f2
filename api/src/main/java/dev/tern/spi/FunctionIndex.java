package dev.tern.spi;

import static java.util.Objects.requireNonNull;

import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.ConfigurationException;
import dev.tern.Cron;
import dev.tern.HttpFunction;
import dev.tern.ObjectEvent;
import dev.tern.OnAuth;
import dev.tern.OnHttp;
import dev.tern.OnQueue;
import dev.tern.OnSchedule;
import dev.tern.OnStorage;
import dev.tern.QueueFunction;
import dev.tern.ScheduleFunction;
import dev.tern.StorageFunction;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The compile-time index of declared functions, which the api's annotation processor writes to
 * {@value #RESOURCE} so that no adapter scans the classpath at cold start.
 *
 * <p>The file has one function per line, tab-separated: kind, name, class, then the trigger's
 * settings. Lines starting with {@code #} are comments. A setting added later is an optional
 * trailing field, written only when declared, so an older reader still reads the line (a schedule's
 * source is one: such a reader routes the schedule by its name).
 *
 * <pre>
 * http      Hello     com.example.Hello     /hello    GET
 * queue     Orders    com.example.Orders    ${ORDERS_QUEUE}
 * storage   Uploads   com.example.Uploads   uploads   CREATED,DELETED
 * schedule  Nightly   com.example.Nightly   0 2 * * *
 * schedule  Report    com.example.Report    0 6 * * *     ${REPORT_RULE}
 * auth      SignUp    com.example.SignUp    BEFORE_SIGN_UP,TOKEN_ISSUANCE
 * </pre>
 *
 * <p>A compilation that declares a {@linkplain dev.tern.CreatesFunctions function factory} adds one
 * line of two fields, the kind {@code factory} and the factory's class, which every adapter then
 * creates the functions with:
 *
 * <pre>
 * factory   com.example.AppFunctions
 * </pre>
 *
 * <p>An instance is what the indexes of a class path, or one index's text, declare: the functions
 * and the factory, if any.
 *
 * @since 0.1
 */
public final class FunctionIndex {
  /** Where the index lives in a jar. */
  public static final String RESOURCE = "META-INF/tern/functions";

  /** The kind of the line naming the declared function factory. */
  static final String FACTORY = "factory";

  private final List<FunctionDescriptor> functions;
  private final String factory;

  private FunctionIndex(List<FunctionDescriptor> functions, String factory) {
    this.functions = functions;
    this.factory = factory;
  }

  /** An index of these functions and, if not null, this factory class. */
  public static FunctionIndex of(List<FunctionDescriptor> functions, String factory) {
    return new FunctionIndex(List.copyOf(requireNonNull(functions, "functions == null")), factory);
  }

  /** The declared functions, in the order of the indexes and their lines. */
  public List<FunctionDescriptor> functions() {
    return functions;
  }

  /** The binary name of the declared function factory's class, if one is declared. */
  public Optional<String> factory() {
    return Optional.ofNullable(factory);
  }

  /** This index in the index format. */
  public String format() {
    String text = format(functions);
    if (factory == null) {
      return text;
    }
    // After the header, ahead of the functions, so that a reader of the file sees it first.
    int body = text.indexOf('\n') + 1;
    return text.substring(0, body) + FACTORY + "\t" + factory + "\n" + text.substring(body);
  }

  /**
   * Reads every index on {@code loader}'s classpath.
   *
   * @throws ConfigurationException if an index cannot be read or declares conflicting functions
   */
  public static List<FunctionDescriptor> load(ClassLoader loader) {
    return read(loader).functions();
  }

  /**
   * Reads every index on {@code loader}'s classpath: the functions as {@link #load} gives them, and
   * the function factory they declare.
   *
   * @throws ConfigurationException if an index cannot be read or declares conflicting functions, or
   *     two indexes declare different factories
   */
  public static FunctionIndex read(ClassLoader loader) {
    return readAll(loader, true);
  }

  /**
   * Every index on {@code loader}'s classpath, merged; with {@code functions} false only their
   * factory lines are read, so that a function line cannot fail the read.
   */
  private static FunctionIndex readAll(ClassLoader loader, boolean functions) {
    requireNonNull(loader, "loader == null");
    List<FunctionDescriptor> all = new ArrayList<>();
    String factory = null;
    String factoryAt = null;
    List<String> problems = new ArrayList<>();
    try {
      for (URL url : locate(loader)) {
        // Bytes, then a string: no Reader stack to load at cold start.
        FunctionIndex one =
            parseIndex(new String(read(url), StandardCharsets.UTF_8), url.toString(), functions);
        all.addAll(one.functions);
        if (one.factory == null || one.factory.equals(factory)) {
          continue;
        }
        if (factory == null) {
          factory = one.factory;
          factoryAt = url.toString();
        } else {
          problems.add(factoryConflict(factory, factoryAt, one.factory, url.toString()));
        }
      }
    } catch (IOException e) {
      throw new ConfigurationException("cannot read the function index " + RESOURCE, e);
    }
    problems.addAll(conflicts(all));
    if (!problems.isEmpty()) {
      throw new ConfigurationException(String.join("; ", problems));
    }
    return new FunctionIndex(List.copyOf(all), factory);
  }

  private static String factoryConflict(String first, String firstAt, String other, String at) {
    return "function factories "
        + first
        + " ("
        + firstAt
        + ") and "
        + other
        + " ("
        + at
        + ") are both declared; a deployment has one";
  }

  /**
   * Reads every index as {@link #load} does, and refuses a class path that declares no function: a
   * deployment that would answer every event with "no function" is a build problem, reported when
   * the adapter starts.
   *
   * @throws ConfigurationException if no index declares a function, saying how the processor is
   *     kept running; or as {@link #load}
   */
  public static List<FunctionDescriptor> loadDeclared(ClassLoader loader) {
    return readDeclared(loader).functions();
  }

  /**
   * Reads every index as {@link #read} does, and refuses a class path that declares no function as
   * {@link #loadDeclared} does.
   *
   * @throws ConfigurationException as {@link #loadDeclared} and {@link #read}
   */
  public static FunctionIndex readDeclared(ClassLoader loader) {
    FunctionIndex index = read(loader);
    if (index.functions.isEmpty()) {
      throw new ConfigurationException(
          "no function is declared: no "
              + RESOURCE
              + " on the class path names one. tern-api's annotation processor writes that index"
              + " when it compiles a class annotated"
              + " @OnHttp, @OnQueue, @OnStorage, @OnSchedule or @OnAuth. If the app has such a"
              + " class, the processor did not run: from JDK 23 javac runs processors found on the"
              + " class path only with -proc:full (maven-compiler-plugin: <proc>full</proc>), and"
              + " a build that sets annotationProcessorPaths must list dev.tern:tern-api there");
    }
    return index;
  }

  /**
   * The function factory the indexes on {@code loader}'s classpath declare, read from their {@code
   * factory} lines alone: the harness uses this when handed function classes, whatever functions
   * the class path's indexes declare.
   *
   * @throws ConfigurationException if an index cannot be read, or two declare different factories
   */
  public static Optional<String> declaredFactory(ClassLoader loader) {
    return readAll(loader, false).factory();
  }

  /**
   * Where the indexes are, in the order {@link ClassLoader#getResources} gives them (parents
   * first).
   *
   * <p>A platform that loads a deployment through a {@link URLClassLoader} of its own (Lambda's
   * runtime client, the Functions Framework invoker) puts the functions there, so the indexes are
   * looked for in that loader's own URLs and those of its {@code URLClassLoader} parents. Asking
   * the loader instead would first make each of the JDK's built-in loaders above it search all of
   * its modules for a name that no module holds: several milliseconds on a cold JVM. Where those
   * loaders end at the JVM's application class loader, and they hold no index (or there are none,
   * as when a function runs on {@code java -cp}), the class path is looked at the same way. When
   * none of these holds an index, the loader is asked after all.
   */
  static List<URL> locate(ClassLoader loader) throws IOException {
    List<URL> found = new ArrayList<>();
    ClassLoader l = loader;
    for (; l instanceof URLClassLoader; l = l.getParent()) {
      Enumeration<URL> own = ((URLClassLoader) l).findResources(RESOURCE);
      int parentsAt = 0;
      while (own.hasMoreElements()) {
        found.add(parentsAt++, own.nextElement()); // ahead of what the loaders below it hold
      }
    }
    if (found.isEmpty() && isApplicationClassLoader(l)) {
      List<URL> onClassPath = onClassPath(System.getProperty("java.class.path", ""));
      if (onClassPath != null) {
        found.addAll(onClassPath);
      }
    }
    if (found.isEmpty()) {
      Enumeration<URL> all = loader.getResources(RESOURCE);
      while (all.hasMoreElements()) {
        found.add(all.nextElement());
      }
    }
    return found;
  }

  /**
   * Whether {@code loader} is the JDK's own application class loader, which finds classes and
   * resources on {@code java.class.path} (after the platform's modules), rather than one set with
   * {@code -Djava.system.class.loader}.
   */
  private static boolean isApplicationClassLoader(ClassLoader loader) {
    return loader != null
        && loader == ClassLoader.getSystemClassLoader()
        && loader.getParent() == ClassLoader.getPlatformClassLoader()
        && loader.getClass().getName().equals("jdk.internal.loader.ClassLoaders$AppClassLoader");
  }

  /**
   * The indexes in the folders and jars of {@code classPath} (entries separated by {@link
   * File#pathSeparator}, an empty one standing for the working directory), in the order the
   * application class loader finds them: each entry, then what its jar's manifest adds to the class
   * path ({@code Class-Path}, relative to the jar), depth first, each place once; what does not
   * exist is skipped. Null when only that loader can tell: a jar or manifest that cannot be read,
   * or a manifest that adds a place other than a file.
   *
   * <p>Each jar is opened as a {@link ZipFile}, which shares the archive the loader already holds
   * open rather than reading it again.
   */
  static List<URL> onClassPath(String classPath) {
    List<URL> found = new ArrayList<>();
    try {
      Deque<URI> unopened = new ArrayDeque<>();
      for (String entry : classPath.split(File.pathSeparator, -1)) {
        // As the loader names them: canonical, a folder's name ending in a slash.
        unopened.add(new File(entry).getCanonicalFile().toURI());
      }
      Set<URI> seen = new HashSet<>();
      while (!unopened.isEmpty()) {
        URI place = unopened.removeFirst();
        if (!seen.add(place)) {
          continue;
        }
        if (!"file".equals(place.getScheme())) {
          return null;
        }
        File file = new File(place);
        if (place.getPath().endsWith("/")) {
          File index = new File(file, RESOURCE);
          if (index.isFile()) {
            found.add(index.toURI().toURL());
          }
        } else if (file.isFile()) {
          try (ZipFile jar = new ZipFile(file)) {
            if (jar.getEntry(RESOURCE) != null) {
              found.add(URI.create("jar:" + place + "!/" + RESOURCE).toURL());
            }
            List<URI> added = addedToClassPath(place, jar);
            for (int i = added.size() - 1; i >= 0; i--) {
              unopened.addFirst(added.get(i)); // right after this jar, in order
            }
          }
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      return null; // not for this method to judge: the loader is asked
    }
    return found;
  }

  /** What {@code jar}'s manifest adds to the class path, resolved against where it is. */
  private static List<URI> addedToClassPath(URI where, ZipFile jar) throws IOException {
    ZipEntry manifest = jar.getEntry(JarFile.MANIFEST_NAME);
    if (manifest == null) {
      return List.of();
    }
    String value;
    try (InputStream in = jar.getInputStream(manifest)) {
      value = new Manifest(in).getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    }
    if (value == null) {
      return List.of();
    }
    List<URI> added = new ArrayList<>();
    // Split as the JDK's class path splits it: at spaces, tabs and line ends.
    for (StringTokenizer entries = new StringTokenizer(value); entries.hasMoreTokens(); ) {
      // A URL with a scheme other than file makes onClassPath leave the search to the loader.
      added.add(where.resolve(entries.nextToken()));
    }
    return added;
  }

  /**
   * Reads an index without {@code URL.openStream} where it can: that would first load the JDK's
   * {@code URLConnection} stack, seven classes for a folder and twelve for a jar, which a cold JVM
   * has not met yet. A folder on the class path (Lambda's task root, a build's classes) is read as
   * a file; an entry of a jar file as a zip entry, through the archive the class loader already
   * holds open. Anything else, such as a jar inside a jar, opens its URL.
   */
  static byte[] read(URL url) throws IOException {
    String protocol = url.getProtocol();
    File file = "file".equals(protocol) ? file(url.toString()) : null;
    if (file != null) {
      try (InputStream in = new FileInputStream(file)) {
        return in.readAllBytes();
      }
    }
    String path = url.getPath();
    int separator = path.indexOf("!/");
    File jar =
        "jar".equals(protocol) && separator > 0 && path.indexOf("!/", separator + 2) < 0
            ? file(path.substring(0, separator))
            : null;
    if (jar != null) {
      // The entry's bytes are not checked against a jar signature; the classes the index names
      // are, as they load.
      try (ZipFile zip = new ZipFile(jar)) {
        ZipEntry entry = zip.getEntry(path.substring(separator + 2));
        if (entry != null) {
          try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
          }
        }
      }
    }
    try (InputStream in = url.openStream()) {
      return in.readAllBytes();
    }
  }

  /** The file a {@code file:} URL names, or null when it is not a plain file name. */
  private static File file(String url) {
    if (!url.startsWith("file:")) {
      return null;
    }
    try {
      return new File(URI.create(url));
    } catch (IllegalArgumentException e) { // also what URI.create makes of a URISyntaxException
      return null;
    }
  }

  /**
   * Parses index text into its functions, skipping a {@code factory} line; {@code where} names its
   * origin in error messages.
   */
  public static List<FunctionDescriptor> parse(String text, String where) {
    return parseIndex(text, where).functions;
  }

  /**
   * Parses index text into its functions and factory; {@code where} names its origin in error
   * messages.
   *
   * @throws ConfigurationException for a malformed line, or two {@code factory} lines naming
   *     different classes
   */
  public static FunctionIndex parseIndex(String text, String where) {
    return parseIndex(text, where, true);
  }

  /** As {@link #parseIndex(String, String)}; with {@code functions} false, factory lines only. */
  private static FunctionIndex parseIndex(String text, String where, boolean functions) {
    List<FunctionDescriptor> out = new ArrayList<>();
    String factory = null;
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      String at = where + " line " + (n + 1);
      if (f[0].equalsIgnoreCase(FACTORY)) {
        String named = factoryName(f, at);
        if (factory != null && !factory.equals(named)) {
          throw new ConfigurationException(factoryConflict(factory, where, named, where));
        }
        factory = named;
        continue;
      }
      if (!functions) {
        continue;
      }
      if (f.length < 4) {
        throw new ConfigurationException(at + ": expected kind, name, class and settings");
      }
      try {
        out.add(parseLine(f));
      } catch (RuntimeException e) {
        throw new ConfigurationException(at + ": " + e.getMessage(), e);
      }
    }
    return new FunctionIndex(List.copyOf(out), factory);
  }

  /** The class a {@code factory} line names. */
  private static String factoryName(String[] f, String at) {
    if (f.length != 2 || f[1].isBlank()) {
      throw new ConfigurationException(at + ": expected factory and the factory's class");
    }
    return f[1];
  }

  private static FunctionDescriptor parseLine(String[] f) {
    // The kind's name as written by format(), matched as text: TriggerKind.valueOf and a switch on
    // the enum would each cost a cold JVM more classes.
    switch (f[0].toLowerCase(Locale.ROOT)) {
      case "http":
        return FunctionDescriptor.http(f[1], f[2], f[3], f.length > 4 ? list(f[4]) : List.of());
      case "queue":
        return FunctionDescriptor.queue(f[1], f[2], f[3]);
      case "storage":
        EnumSet<ObjectEvent.Kind> kinds = EnumSet.noneOf(ObjectEvent.Kind.class);
        for (String k : list(f.length > 4 ? f[4] : "CREATED")) {
          kinds.add(ObjectEvent.Kind.valueOf(k));
        }
        return FunctionDescriptor.storage(f[1], f[2], f[3], kinds);
      case "schedule":
        return FunctionDescriptor.schedule(f[1], f[2], f[3], f.length > 4 ? f[4] : "");
      case "auth":
        EnumSet<AuthMoment> moments = EnumSet.noneOf(AuthMoment.class);
        for (String m : list(f[3])) {
          moments.add(AuthMoment.valueOf(m));
        }
        return FunctionDescriptor.auth(f[1], f[2], moments);
      default:
        throw new IllegalArgumentException("unknown trigger kind \"" + f[0] + "\"");
    }
  }

  private static List<String> list(String text) {
    return text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
  }

  /** Writes descriptors in the index format. */
  public static String format(List<FunctionDescriptor> functions) {
    StringBuilder out = new StringBuilder("# Tern function index: kind, name, class, settings\n");
    for (FunctionDescriptor d : functions) {
      out.append(d.kind().name().toLowerCase(Locale.ROOT))
          .append('\t')
          .append(d.name())
          .append('\t')
          .append(d.className())
          .append('\t');
      switch (d.kind()) {
        case HTTP:
          out.append(d.route()).append('\t').append(String.join(",", d.methods()));
          break;
        case QUEUE:
          out.append(d.source());
          break;
        case STORAGE:
          out.append(d.source()).append('\t').append(join(d.objectKinds()));
          break;
        case SCHEDULE:
          out.append(d.cron());
          if (!d.source().isEmpty()) {
            out.append('\t').append(d.source());
          }
          break;
        default:
          out.append(join(d.moments()));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String join(Set<? extends Enum<?>> values) {
    List<String> names = new ArrayList<>();
    values.stream().sorted().forEach(v -> names.add(v.name()));
    return String.join(",", names);
  }

  /**
   * Reads a function class's declaration by reflection, with the same checks as the annotation
   * processor. The harness uses this when handed classes rather than an index.
   *
   * @throws ConfigurationException naming the class and what is wrong
   */
  public static FunctionDescriptor describe(Class<?> type) {
    return describe(type, true);
  }

  /**
   * Reads a function class's declaration as {@link #describe(Class)} does; without {@code
   * needsConstructor} the class needs no public no-argument constructor, as when a {@link
   * FunctionFactory} of the app's own creates it.
   *
   * @throws ConfigurationException naming the class and what is wrong
   */
  public static FunctionDescriptor describe(Class<?> type, boolean needsConstructor) {
    requireNonNull(type, "type == null");
    List<Object> annotations = new ArrayList<>();
    for (Class<? extends java.lang.annotation.Annotation> a :
        List.of(OnHttp.class, OnQueue.class, OnStorage.class, OnSchedule.class, OnAuth.class)) {
      if (type.getAnnotation(a) != null) {
        annotations.add(type.getAnnotation(a));
      }
    }
    String problem =
        checkShape(
            type.getName(),
            Stream.of(
                    HttpFunction.class,
                    QueueFunction.class,
                    StorageFunction.class,
                    ScheduleFunction.class,
                    AuthFunction.class)
                .filter(i -> i.isAssignableFrom(type))
                .map(Class::getSimpleName)
                .toList(),
            annotations.size(),
            annotations.isEmpty() ? null : annotationKind(annotations.get(0)),
            Modifier.isPublic(type.getModifiers())
                && !Modifier.isAbstract(type.getModifiers())
                && (type.getEnclosingClass() == null || Modifier.isStatic(type.getModifiers())),
            !needsConstructor || hasPublicNoArgConstructor(type));
    if (problem != null) {
      throw new ConfigurationException(problem);
    }
    Object a = annotations.get(0);
    String simple = type.getSimpleName();
    try {
      if (a instanceof OnHttp) {
        OnHttp http = (OnHttp) a;
        RouteTemplate.parse(http.route());
        return FunctionDescriptor.http(
            name(http.name(), simple), type.getName(), http.route(), methods(http.methods()));
      } else if (a instanceof OnQueue) {
        OnQueue queue = (OnQueue) a;
        return FunctionDescriptor.queue(
            name(queue.name(), simple), type.getName(), checkSource(queue.value()));
      } else if (a instanceof OnStorage) {
        OnStorage storage = (OnStorage) a;
        if (storage.kinds().length == 0) {
          throw new ConfigurationException("names no object event kind");
        }
        return FunctionDescriptor.storage(
            name(storage.name(), simple),
            type.getName(),
            checkSource(storage.bucket()),
            Set.of(storage.kinds()));
      } else if (a instanceof OnSchedule) {
        OnSchedule schedule = (OnSchedule) a;
        // With single spaces, as written to the index, whose fields a tab or line break would
        // split.
        String cron = Cron.parse(schedule.cron()).expression();
        return FunctionDescriptor.schedule(
            name(schedule.name(), simple),
            type.getName(),
            cron,
            schedule.source().isEmpty() ? "" : checkSource(schedule.source()));
      } else {
        OnAuth auth = (OnAuth) a;
        if (auth.value().length == 0) {
          throw new ConfigurationException("names no auth moment");
        }
        return FunctionDescriptor.auth(
            name(auth.name(), simple), type.getName(), Set.of(auth.value()));
      }
    } catch (RuntimeException e) {
      throw new ConfigurationException(type.getName() + ": " + e.getMessage(), e);
    }
  }

  private static boolean hasPublicNoArgConstructor(Class<?> type) {
    try {
      return Modifier.isPublic(type.getConstructor().getModifiers());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static String annotationKind(Object annotation) {
    return ((java.lang.annotation.Annotation) annotation).annotationType().getSimpleName();
  }

  /**
   * Checks a function class's shape; returns every problem found, joined with {@code "; "}, or null
   * when it is fine, so that one compile names all that is wrong with a class. Shared by the
   * reflective reader and the annotation processor so both say the same.
   *
   * @param interfaces simple names of the function interfaces the class implements
   * @param annotations how many trigger annotations it carries
   * @param annotation the simple name of the (first) trigger annotation
   */
  public static String checkShape(
      String className,
      List<String> interfaces,
      int annotations,
      String annotation,
      boolean publicConcrete,
      boolean noArgConstructor) {
    if (annotations == 0) {
      return className
          + " carries no trigger annotation (@OnHttp, @OnQueue, @OnStorage, @OnSchedule, @OnAuth)";
    }
    List<String> problems = new ArrayList<>();
    if (annotations > 1) {
      problems.add(
          className + " carries more than one trigger annotation; declare one function per class");
    }
    String expected = expectedInterface(annotation);
    if (interfaces.isEmpty()) {
      problems.add(
          className
              + " is annotated @"
              + annotation
              + " but implements none of the function interfaces; implement "
              + expected);
    } else if (interfaces.size() > 1) {
      problems.add(
          className
              + " implements "
              + String.join(" and ", interfaces)
              + "; a function implements exactly one");
    } else if (annotations == 1 && !interfaces.get(0).equals(expected)) {
      problems.add(
          className
              + " is annotated @"
              + annotation
              + " but implements "
              + interfaces.get(0)
              + "; implement "
              + expected);
    }
    if (!publicConcrete) {
      // A class made public gets a public implicit constructor, so its constructor is judged then.
      problems.add(className + " must be a public, non-abstract top-level or static nested class");
    } else if (!noArgConstructor) {
      problems.add(className + " needs a public no-argument constructor");
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  private static String expectedInterface(String annotation) {
    switch (annotation) {
      case "OnHttp":
        return "HttpFunction";
      case "OnQueue":
        return "QueueFunction";
      case "OnStorage":
        return "StorageFunction";
      case "OnSchedule":
        return "ScheduleFunction";
      default:
        return "AuthFunction";
    }
  }

  /** Upper-cases and checks declared methods. */
  public static List<String> methods(String[] declared) {
    Set<String> methods = new LinkedHashSet<>();
    for (String m : declared) {
      // An HTTP token (RFC 9110): no separators, so "GET,POST" or "GET/" is refused.
      if (m.isEmpty()
          || !m.chars()
              .allMatch(c -> c > ' ' && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0)) {
        throw new ConfigurationException("HTTP method \"" + m + "\" is not a token");
      }
      methods.add(m.toUpperCase(Locale.ROOT));
    }
    return List.copyOf(methods);
  }

  /** The declared name, or the class's simple name. Checked to be usable on every cloud. */
  public static String name(String declared, String simpleName) {
    String name = declared.isEmpty() ? simpleName : declared;
    if (name.isEmpty()
        || name.length() > 64
        || !Character.isLetter(name.charAt(0))
        || !name.chars()
            .allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
      throw new ConfigurationException(
          "function name \""
              + name
              + "\" must start with a letter and have at most 64 letters, digits, - or _");
    }
    return name;
  }

  /** Checks a queue, topic, bucket, rule or job name: no tabs or line breaks, not empty. */
  public static String checkSource(String source) {
    if (source.isBlank() || source.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) {
      throw new ConfigurationException(
          "source name \"" + source + "\" is empty or contains a tab or line break");
    }
    return source;
  }

  /**
   * Finds functions that cannot live in one deployment: two with the same name, two HTTP functions
   * for the same route shape and method.
   */
  public static List<String> conflicts(List<FunctionDescriptor> functions) {
    List<String> problems = new ArrayList<>();
    Map<String, FunctionDescriptor> names = new HashMap<>();
    for (FunctionDescriptor d : functions) {
      FunctionDescriptor before = names.putIfAbsent(d.name(), d);
      if (before != null) {
        problems.add(
            "functions "
                + before.className()
                + " and "
                + d.className()
                + " are both named "
                + d.name());
      }
    }
    for (int i = 0; i < functions.size(); i++) {
      FunctionDescriptor a = functions.get(i);
      if (a.kind() != TriggerKind.HTTP) {
        continue;
      }
      for (int j = i + 1; j < functions.size(); j++) {
        FunctionDescriptor b = functions.get(j);
        if (b.kind() != TriggerKind.HTTP
            || !RouteTemplate.parse(a.route()).sameShape(RouteTemplate.parse(b.route()))) {
          continue;
        }
        Set<String> shared = new LinkedHashSet<>(a.methods());
        if (a.methods().isEmpty()) {
          shared = new LinkedHashSet<>(b.methods());
        } else if (!b.methods().isEmpty()) {
          shared.retainAll(b.methods());
        }
        if (a.methods().isEmpty() || b.methods().isEmpty() || !shared.isEmpty()) {
          problems.add(
              a.className()
                  + " and "
                  + b.className()
                  + " both serve "
                  + (shared.isEmpty() ? "every method" : String.join(",", shared))
                  + " "
                  + a.route()
                  + (a.route().equals(b.route()) ? "" : " / " + b.route()));
        }
      }
    }
    return problems;
  }
}
