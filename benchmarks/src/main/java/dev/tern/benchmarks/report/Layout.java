package dev.tern.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the built jars are, relative to the repository root, after {@code compare.sh} has run
 * {@code dependency:copy-dependencies} over the build: the driver and baseline handlers, every
 * runtime jar the benchmarks use ({@code benchmarks/target/dependency}), each adapter's own runtime
 * closure ({@code target/dependency} of that adapter's module) and the Spring baseline.
 */
final class Layout {
  final Path root;
  final Path target;
  final Path lib;

  Layout(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.target = this.root.resolve("benchmarks/target");
    this.lib = target.resolve("dependency");
  }

  Path driverJar() throws IOException {
    return single(target, "tern-benchmarks-", "-driver.jar");
  }

  Path handlersJar() throws IOException {
    return single(target, "tern-benchmarks-", "-handlers.jar");
  }

  Path benchmarksJar() throws IOException {
    return single(target, "tern-benchmarks-", "-SNAPSHOT.jar");
  }

  /** A jar from benchmarks/target/lib by artifact id ({@code jackson-core}). */
  Path lib(String artifactId) throws IOException {
    return single(lib, artifactId + "-", ".jar");
  }

  /** The hello sample's thin jar. */
  Path helloJar() throws IOException {
    return single(root.resolve("samples/hello/target"), "tern-sample-hello-", "-SNAPSHOT.jar");
  }

  /**
   * The hello sample's own deployable for a cloud ({@code aws}, {@code gcp}, {@code azure}): a jar
   * or zip under {@code samples/hello/target} whose name carries the cloud, or null while the
   * sample does not package for it.
   */
  Path helloDeployable(String cloud) {
    Path dir = root.resolve("samples/hello/target");
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Stream<Path> s = Files.walk(dir, 2)) {
      return s.filter(Files::isRegularFile)
          .filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith("hello-" + cloud) && (n.endsWith(".jar") || n.endsWith(".zip"));
              })
          .sorted()
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** An adapter's jar and its runtime dependencies, as Maven resolved them for that module. */
  List<Path> adapterClosure(String folder, String artifactId) throws IOException {
    Path moduleTarget = root.resolve(folder).resolve("target");
    List<Path> jars = new ArrayList<>();
    jars.add(single(moduleTarget, artifactId + "-", "-SNAPSHOT.jar"));
    jars.addAll(jars(moduleTarget.resolve("dependency")));
    return jars;
  }

  /** The Spring Cloud Function baseline: its jar and lib/. */
  List<Path> springClosure() throws IOException {
    Path t = root.resolve("benchmarks/spring-baseline/target");
    List<Path> jars = new ArrayList<>();
    jars.add(single(t, "tern-benchmarks-spring-baseline-", ".jar"));
    jars.addAll(jars(t.resolve("lib")));
    return jars;
  }

  /** Deletes {@code dir} and everything in it, if it exists. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  static List<Path> jars(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    }
  }

  static Path single(Path dir, String prefix, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + " does not exist; run benchmarks/compare.sh, which builds it");
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> found =
          s.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(prefix)
                        && n.endsWith(suffix)
                        && !n.endsWith("-sources.jar")
                        && !n.endsWith("-javadoc.jar")
                        && !n.endsWith("-tests.jar")
                        && (suffix.startsWith("-SNAPSHOT")
                            ? n.equals(prefix + version(n, prefix) + suffix)
                            : true);
                  })
              .toList();
      if (found.size() != 1) {
        throw new IOException(
            "expected one " + prefix + "*" + suffix + " in " + dir + ", found " + found);
      }
      return found.get(0);
    }
  }

  /** The version part of {@code prefix<version>-SNAPSHOT...}, with no classifier dash in it. */
  private static String version(String name, String prefix) {
    String rest = name.substring(prefix.length());
    int dash = rest.indexOf("-SNAPSHOT");
    return dash < 0 ? rest : rest.substring(0, dash);
  }
}
