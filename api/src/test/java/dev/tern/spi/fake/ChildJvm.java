package dev.tern.spi.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

  /**
   * Starts {@code builder} (made by {@link #of}), waits up to 45 seconds for it to finish with exit
   * code 0, and returns everything it printed.
   */
  public static String run(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process = builder.start();
    assertThat(process.waitFor(45, TimeUnit.SECONDS)).as("the JVM finished").isTrue();
    String output =
        Files.readString(builder.redirectOutput().file().toPath(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
