package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AppCDS recipe end to end: {@link Train} writes an archive in one JVM, and the next JVM,
 * started with {@code -Xshare:on} (which refuses to start on an unusable archive), maps Tern's
 * classes from it. CDS archives classes from jars only, so the test first packs the compiled main
 * and test classes into one jar, as a deployment would.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TrainTest {
  @TempDir Path tmp;

  @Test
  void trainsAnArchiveThatTheNextJvmMapsTernFrom() throws Exception {
    List<String> classpath = new ArrayList<>();
    List<Path> folders = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (Files.isDirectory(Path.of(entry))) {
        folders.add(Path.of(entry));
      } else if (!entry.isEmpty()) {
        classpath.add(entry);
      }
    }
    Path jar = tmp.resolve("function.jar");
    pack(folders, jar);
    classpath.add(0, jar.toString());
    String cp = String.join(File.pathSeparator, classpath);
    Path archive = tmp.resolve("tern.jsa");

    Result training =
        java(List.of("-XX:ArchiveClassesAtExit=" + archive, "-cp", cp, Train.class.getName()));
    assertThat(training.exit).as(training.output).isZero();
    assertThat(training.output).contains("tern: trained on 1 synthetic events");
    assertThat(archive).isRegularFile();

    Result run =
        java(
            List.of(
                "-XX:SharedArchiveFile=" + archive,
                "-Xshare:on",
                "-Xlog:class+load=info",
                "-cp",
                cp,
                Train.class.getName()));
    assertThat(run.exit).as(run.output).isZero();
    assertThat(run.output)
        .contains("dev.tern.aws.AwsHandler source: shared objects file (top)")
        .contains("dev.tern.aws.internal.HttpMapper source: shared objects file (top)")
        .contains(
            "com.fasterxml.jackson.core.json.UTF8StreamJsonParser source: shared objects file (top)")
        .contains("dev.tern.jackson.JsonBytes source: shared objects file (top)");
  }

  private record Result(int exit, String output) {}

  private Result java(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(args);
    Path log = tmp.resolve("java-" + System.nanoTime() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("TERN_"));
    builder.environment().put("TERN_FUNCTION", "Echo");
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the JVM finished").isTrue();
    return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Packs the class folders into one jar; the first folder wins a name present in several. */
  private static void pack(List<Path> folders, Path jar) throws IOException {
    List<String> written = new ArrayList<>();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Path folder : folders) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
          String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
          if (written.contains(name)) {
            continue;
          }
          written.add(name);
          out.putNextEntry(new JarEntry(name));
          Files.copy(file, out);
          out.closeEntry();
        }
      }
    }
  }
}
