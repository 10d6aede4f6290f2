package dev.tern.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which libraries the classes of one cold start come from: one extra, uncounted run with {@code
 * -Xlog:class+load}, grouped by package prefix. This is what says where a cold start goes.
 */
final class ClassOrigins {
  static final String PARSED = "JDK, parsed from the runtime image";
  static final String GENERATED = "generated at run time (lambdas, indy, method handles)";

  /** Keys starting with this count one JDK package parsed from the image (not CDS-mapped). */
  static final String PARSED_PACKAGE = "parsed package ";

  /**
   * Present (as 1) when the JVM checked a signed jar's signatures, which it does when it first
   * loads a class from one: the security classes that follows are that check's, not the handler's.
   */
  static final String SIGNED_JAR = "signed jar verified";

  private ClassOrigins() {}

  static Map<String, Integer> measure(ColdConfig c, Path event, Path work)
      throws IOException, InterruptedException {
    Path log = work.resolve(c.id() + ".classes.log");
    Files.deleteIfExists(log);
    List<String> command = new ArrayList<>();
    command.add(c.java().toString());
    command.addAll(c.flags().stream().filter(f -> !f.contains("@ARCHIVE@")).toList());
    command.add("-Xlog:class+load=info:file=" + log);
    command.add("-cp");
    command.add(
        String.join(
            java.io.File.pathSeparator, c.classpath().stream().map(Path::toString).toList()));
    command.add(ColdStart.DRIVER);
    command.add(c.handler());
    command.add(event.toString());
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.waitFor();
    Map<String, Integer> counts = new TreeMap<>();
    if (!Files.exists(log)) {
      return counts;
    }
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      int tag = line.indexOf("[class,load]");
      if (tag < 0) {
        continue;
      }
      String rest = line.substring(tag + "[class,load]".length()).trim();
      int space = rest.indexOf(' ');
      String name = space < 0 ? rest : rest.substring(0, space);
      int source = rest.indexOf("source: ");
      String origin = origin(name, source < 0 ? "" : rest.substring(source + 8));
      counts.merge(origin, 1, Integer::sum);
      if (name.equals("java.util.jar.JarVerifier")) {
        counts.put(SIGNED_JAR, 1);
      }
      if (origin.equals(PARSED)) {
        int dot = name.lastIndexOf('.');
        counts.merge(PARSED_PACKAGE + (dot < 0 ? name : name.substring(0, dot)), 1, Integer::sum);
      }
    }
    // Largest first.
    Map<String, Integer> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted((a, b) -> b.getValue() - a.getValue())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** {@code com.fasterxml.jackson.databind.node.ObjectNode} → {@code jackson-databind}. */
  static String origin(String className, String source) {
    if (className.contains("$$Lambda")
        || className.contains("LambdaForm$")
        || className.contains("/0x")) {
      // Spun at run time: lambdas, indy string concatenation, record methods, method handles.
      return GENERATED;
    }
    if (className.startsWith("java.")
        || className.startsWith("javax.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.startsWith("com.sun.")) {
      return source.startsWith("shared objects file") ? "JDK, from the CDS archive" : PARSED;
    }
    if (className.startsWith("dev.tern.benchmarks.handlers")) {
      return "the handler or shim";
    }
    if (className.startsWith("dev.tern.benchmarks.coldstart")) {
      return "the driver";
    }
    if (className.startsWith("com.amazonaws.")) {
      return "aws-lambda-java-core";
    }
    String[] parts = className.split("\\.");
    if (className.startsWith("com.fasterxml.jackson.") && parts.length > 4) {
      return "jackson-" + parts[3];
    }
    if (className.startsWith("dev.tern.samples.")) {
      return "the hello sample";
    }
    if (className.startsWith("dev.tern.")) {
      String module = parts.length > 3 ? parts[2] : "api";
      return "tern " + (module.equals("spi") || module.equals("internal") ? "api" : module);
    }
    int dot = className.lastIndexOf('.');
    String[] pkg = (dot < 0 ? className : className.substring(0, dot)).split("\\.");
    return String.join(".", java.util.Arrays.copyOf(pkg, Math.min(3, pkg.length)));
  }
}
