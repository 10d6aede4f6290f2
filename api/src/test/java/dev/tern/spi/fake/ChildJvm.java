package dev.tern.spi.fake;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh JVM for one class's {@code main}, for tests of what a cold start does: it runs this JVM's
 * {@code java} on the test's class path, writes everything it prints to a file, and inherits no
 * {@code AWS_} or {@code TERN_} variables from whoever runs the tests.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * A process builder for {@code main} with {@code flags} (such as {@code -Xlog:class+load=info})
   * before the class path; set more environment on it, then start it.
   */
  public static ProcessBuilder of(Path output, Class<?> main, String... flags) {
    return of(output, List.of(), main, flags);
  }

  /** The same, with {@code first} ahead of the test's class path. */
  public static ProcessBuilder of(Path output, List<Path> first, Class<?> main, String... flags) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(flags));
    command.add("-cp");
    List<String> classPath = new ArrayList<>();
    for (Path p : first) {
      classPath.add(p.toString());
    }
    classPath.add(System.getProperty("java.class.path"));
    command.add(String.join(File.pathSeparator, classPath));
    command.add(main.getName());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("TERN_"));
    return builder;
  }
}
