package dev.tern.internal;

import dev.tern.ConfigurationException;
import dev.tern.CreatesFunctions;
import dev.tern.Cron;
import dev.tern.InvalidValueException;
import dev.tern.OnAuth;
import dev.tern.OnHttp;
import dev.tern.OnQueue;
import dev.tern.OnSchedule;
import dev.tern.OnStorage;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionIndex;
import dev.tern.spi.RouteTemplate;
import java.io.IOException;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the {@linkplain FunctionIndex function index} of a compilation and fails the compile for
 * declarations that cannot work, naming the class: a class implementing none or two function
 * interfaces, a missing public no-argument constructor, a malformed route or cron expression, two
 * functions on the same route and method. It also checks and records the {@linkplain
 * CreatesFunctions function factory} the compilation declares; with one, functions need no public
 * no-argument constructor.
 *
 * <p>It is registered in {@code tern-api}'s {@code META-INF/services}, so javac runs it whenever
 * {@code tern-api} is on the classpath (JDK 23 and later need {@code -proc:full} or the jar on the
 * processor path).
 */
public final class IndexProcessor extends AbstractProcessor {
  private static final List<Class<? extends Annotation>> TRIGGERS =
      List.of(OnHttp.class, OnQueue.class, OnStorage.class, OnSchedule.class, OnAuth.class);
  private static final List<String> INTERFACES =
      List.of(
          "dev.tern.HttpFunction",
          "dev.tern.QueueFunction",
          "dev.tern.StorageFunction",
          "dev.tern.ScheduleFunction",
          "dev.tern.AuthFunction");

  private final Map<String, FunctionDescriptor> found = new LinkedHashMap<>();
  private final Map<String, Element> elements = new LinkedHashMap<>();

  /**
   * Functions whose only problem is a missing public no-argument constructor: judged when the
   * compilation ends, since a factory declared in a later round creates them.
   */
  private final Map<String, Element> withoutConstructor = new LinkedHashMap<>();

  /** The class annotated {@code @CreatesFunctions}, and its binary name; null until one is seen. */
  private Element factory;

  private String factoryName;
  private boolean failed;

  /**
   * Every type, not only the trigger annotations: a class that implements a function interface but
   * carries no annotation must be seen too. The processor claims nothing, so other processors still
   * see every annotation.
   */
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
    // The factory first: with one, this round's functions need no no-argument constructor.
    for (Element element : round.getElementsAnnotatedWith(CreatesFunctions.class)) {
      declareFactory(element);
    }
    Set<Element> annotated = new LinkedHashSet<>();
    for (Class<? extends Annotation> trigger : TRIGGERS) {
      annotated.addAll(round.getElementsAnnotatedWith(trigger));
    }
    for (Element root : round.getRootElements()) {
      warnIfUnannotated(root);
    }
    for (Element element : annotated) {
      if (element.getKind() != ElementKind.CLASS) {
        error(
            element,
            "Tern trigger annotations belong on classes, not on "
                + element.getKind().toString().toLowerCase(java.util.Locale.ROOT));
        continue;
      }
      TypeElement type = (TypeElement) element;
      try {
        FunctionDescriptor d = describe(type);
        found.put(d.className(), d);
        elements.put(d.className(), type);
      } catch (ConfigurationException | InvalidValueException e) {
        error(type, e.getMessage());
      }
    }
    if (round.processingOver() && factory == null) {
      withoutConstructor.forEach(
          (className, element) ->
              error(element, className + " needs a public no-argument constructor"));
    }
    if (round.processingOver() && (!found.isEmpty() || factory != null)) {
      // Conflicts among the well-formed functions come with the other errors of the compile, not
      // in a later one after those are fixed; the index is written only when there is none.
      List<FunctionDescriptor> all = new ArrayList<>(found.values());
      for (String conflict : FunctionIndex.conflicts(all)) {
        error(elements.get(all.get(0).className()), conflict);
      }
      if (!failed) {
        write(FunctionIndex.of(all, factoryName));
      }
    }
    return false;
  }

  /**
   * Checks a class annotated {@code @CreatesFunctions}: a public, non-abstract top-level or static
   * nested class with a public no-argument constructor that implements {@code FunctionFactory}, and
   * the only one of the compilation, since an adapter creates its functions with one factory.
   */
  private void declareFactory(Element element) {
    TypeElement type = (TypeElement) element; // @Target(TYPE): a class, interface, enum or record
    String className = processingEnv.getElementUtils().getBinaryName(type).toString();
    if (factory != null) {
      error(
          element,
          className
              + " and "
              + factoryName
              + " are both annotated @CreatesFunctions; an app declares one function factory");
      return;
    }
    factory = element;
    factoryName = className;
    List<String> problems = new ArrayList<>();
    if (type.getKind() != ElementKind.CLASS
        || !type.getModifiers().contains(Modifier.PUBLIC)
        || type.getModifiers().contains(Modifier.ABSTRACT)
        || (type.getNestingKind() != NestingKind.TOP_LEVEL
            && !type.getModifiers().contains(Modifier.STATIC))) {
      problems.add(className + " must be a public, non-abstract top-level or static nested class");
    } else if (!hasPublicNoArgConstructor(type)) {
      problems.add(className + " needs a public no-argument constructor");
    }
    TypeElement spi =
        processingEnv.getElementUtils().getTypeElement("dev.tern.spi.FunctionFactory");
    if (spi != null
        && !processingEnv
            .getTypeUtils()
            .isAssignable(
                processingEnv.getTypeUtils().erasure(type.asType()),
                processingEnv.getTypeUtils().erasure(spi.asType()))) {
      problems.add(
          className + " is annotated @CreatesFunctions but does not implement FunctionFactory");
    }
    if (!problems.isEmpty()) {
      error(element, String.join("; ", problems));
    }
  }

  private static boolean hasPublicNoArgConstructor(TypeElement type) {
    for (ExecutableElement c : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Warns about a public concrete top-level class that implements a function interface but has no
   * trigger annotation: it is left out of the index, so no adapter would ever call it.
   * {@code @SuppressWarnings("tern")} silences it for a class that is meant that way.
   */
  private void warnIfUnannotated(Element element) {
    if (!(element instanceof TypeElement)) {
      return;
    }
    TypeElement type = (TypeElement) element;
    if (type.getKind() != ElementKind.CLASS
        || type.getNestingKind() != NestingKind.TOP_LEVEL
        || !type.getModifiers().contains(Modifier.PUBLIC)
        || type.getModifiers().contains(Modifier.ABSTRACT)
        || suppressed(type)) {
      return;
    }
    for (Class<? extends Annotation> trigger : TRIGGERS) {
      if (type.getAnnotation(trigger) != null) {
        return;
      }
    }
    List<String> implemented = implemented(type);
    if (implemented.isEmpty()) {
      return;
    }
    List<String> annotations = new ArrayList<>();
    for (String name : implemented) {
      annotations.add("@On" + name.replace("Function", ""));
    }
    processingEnv
        .getMessager()
        .printMessage(
            Diagnostic.Kind.WARNING,
            processingEnv.getElementUtils().getBinaryName(type)
                + " implements "
                + String.join(" and ", implemented)
                + " but has no "
                + String.join(" or ", annotations)
                + " annotation, so it is not in the function index and no adapter will call it;"
                + " annotate it, or add @SuppressWarnings(\"tern\") if that is intended",
            type);
  }

  private static boolean suppressed(Element element) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings s = e.getAnnotation(SuppressWarnings.class);
      if (s != null && java.util.Arrays.asList(s.value()).contains("tern")) {
        return true;
      }
    }
    return false;
  }

  /** The simple names of the function interfaces {@code type} implements. */
  private List<String> implemented(TypeElement type) {
    List<String> implemented = new ArrayList<>();
    TypeMirror mirror = processingEnv.getTypeUtils().erasure(type.asType());
    for (String name : INTERFACES) {
      TypeElement fn = processingEnv.getElementUtils().getTypeElement(name);
      if (fn != null
          && processingEnv
              .getTypeUtils()
              .isAssignable(mirror, processingEnv.getTypeUtils().erasure(fn.asType()))) {
        implemented.add(fn.getSimpleName().toString());
      }
    }
    return implemented;
  }

  private FunctionDescriptor describe(TypeElement type) {
    String className = processingEnv.getElementUtils().getBinaryName(type).toString();
    List<Annotation> present = new ArrayList<>();
    for (Class<? extends Annotation> trigger : TRIGGERS) {
      Annotation a = type.getAnnotation(trigger);
      if (a != null) {
        present.add(a);
      }
    }
    List<String> implemented = implemented(type);
    boolean publicConcrete =
        type.getModifiers().contains(Modifier.PUBLIC)
            && !type.getModifiers().contains(Modifier.ABSTRACT)
            && (type.getNestingKind() == NestingKind.TOP_LEVEL
                || type.getModifiers().contains(Modifier.STATIC));
    boolean noArg = hasPublicNoArgConstructor(type);
    String annotation = present.isEmpty() ? null : present.get(0).annotationType().getSimpleName();
    String problem =
        FunctionIndex.checkShape(
            className,
            implemented,
            present.size(),
            annotation,
            publicConcrete,
            noArg || factory != null);
    if (problem != null
        && !noArg
        && FunctionIndex.checkShape(
                className, implemented, present.size(), annotation, publicConcrete, true)
            == null) {
      // The constructor alone: a factory declared in a later round may create the class.
      withoutConstructor.put(className, type);
    } else if (problem != null) {
      throw new ConfigurationException(problem);
    }
    String simple = type.getSimpleName().toString();
    Annotation a = present.get(0);
    try {
      if (a instanceof OnHttp) {
        OnHttp http = (OnHttp) a;
        RouteTemplate.parse(http.route());
        return FunctionDescriptor.http(
            FunctionIndex.name(http.name(), simple),
            className,
            http.route(),
            FunctionIndex.methods(http.methods()));
      } else if (a instanceof OnQueue) {
        OnQueue queue = (OnQueue) a;
        return FunctionDescriptor.queue(
            FunctionIndex.name(queue.name(), simple),
            className,
            FunctionIndex.checkSource(queue.value()));
      } else if (a instanceof OnStorage) {
        OnStorage storage = (OnStorage) a;
        if (storage.kinds().length == 0) {
          throw new ConfigurationException("names no object event kind");
        }
        return FunctionDescriptor.storage(
            FunctionIndex.name(storage.name(), simple),
            className,
            FunctionIndex.checkSource(storage.bucket()),
            Set.of(storage.kinds()));
      } else if (a instanceof OnSchedule) {
        OnSchedule schedule = (OnSchedule) a;
        // With single spaces: a tab or line break between the fields would split the index line.
        String cron = Cron.parse(schedule.cron()).expression();
        return FunctionDescriptor.schedule(
            FunctionIndex.name(schedule.name(), simple),
            className,
            cron,
            schedule.source().isEmpty() ? "" : FunctionIndex.checkSource(schedule.source()));
      } else {
        OnAuth auth = (OnAuth) a;
        if (auth.value().length == 0) {
          throw new ConfigurationException("names no auth moment");
        }
        return FunctionDescriptor.auth(
            FunctionIndex.name(auth.name(), simple), className, Set.of(auth.value()));
      }
    } catch (ConfigurationException | InvalidValueException e) {
      throw new ConfigurationException(className + ": " + e.getMessage());
    }
  }

  private void write(FunctionIndex index) {
    try {
      FileObject file =
          processingEnv
              .getFiler()
              .createResource(
                  StandardLocation.CLASS_OUTPUT, "", FunctionIndex.RESOURCE, originating());
      try (Writer writer = file.openWriter()) {
        writer.write(index.format());
      }
    } catch (IOException e) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              "cannot write " + FunctionIndex.RESOURCE + ": " + e.getMessage());
    }
  }

  /** The elements the index is written from: the functions and the factory. */
  private Element[] originating() {
    List<Element> all = new ArrayList<>(elements.values());
    if (factory != null) {
      all.add(factory);
    }
    return all.toArray(new Element[0]);
  }

  private void error(Element element, String message) {
    failed = true;
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
