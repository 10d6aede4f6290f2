package dev.tern.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the JMH benchmarks in {@code dev.tern.benchmarks.jmh} and the harness throughput check. */
final class Jmh {
  /** JMH settings; the report states which were used. */
  record Settings(int forks, int warmups, String warmupTime, int iterations, String iterationTime) {
    /**
     * Five warm-up seconds: on two busy cores the adapters' longer call paths were still being
     * compiled after three, so their first measured seconds were interpreted code. Two forks: one
     * fork's JIT decisions moved a ratio by 10-20 % from run to run.
     */
    static final Settings REPORT = new Settings(2, 5, "1s", 5, "1s");

    static final Settings QUICK = new Settings(1, 1, "500ms", 2, "500ms");

    String describe() {
      return forks
          + (forks == 1 ? " fork, " : " forks, ")
          + warmups
          + " × "
          + warmupTime
          + " warm-up, "
          + iterations
          + " × "
          + iterationTime
          + " measurement, heap -Xms512m -Xmx512m, default JIT (C2)";
    }
  }

  /** One benchmark method: mean µs per operation, its 99.9 % error and bytes allocated per op. */
  record Row(String group, String method, double micros, double error, double bytesPerOp) {}

  /**
   * Harness throughput: wall milliseconds of each repetition, for the scenario with retries (the
   * target) and the plain one without failures.
   */
  record Harness(String scenario, List<Double> millis, List<Double> plainMillis) {}

  private Jmh() {}

  static List<Row> run(Layout layout, Path java, Path work, Settings s)
      throws IOException, InterruptedException {
    Path json = work.resolve("jmh.json");
    Files.deleteIfExists(json);
    List<String> command = command(layout, java, "dev\\.tern\\.benchmarks\\.jmh\\..*", s);
    command.addAll(List.of("-prof", "gc", "-rf", "json", "-rff", json.toString()));
    System.out.println("JMH: " + s.describe());
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("jmh.log").toFile())
            .start();
    int exit = p.waitFor();
    if (exit != 0 || !Files.exists(json)) {
      throw new IOException("JMH failed (exit " + exit + "), see " + work.resolve("jmh.log"));
    }
    return rows(new ObjectMapper().readTree(json.toFile()));
  }

  /**
   * The rows of JMH's JSON result file ({@code -rf json}): the group and method from each {@code
   * benchmark} name, the primary score and its error (NaN when JMH had too few iterations to give
   * one), and {@code gc.alloc.rate.norm} when {@code -prof gc} ran.
   */
  static List<Row> rows(JsonNode results) {
    List<Row> rows = new ArrayList<>();
    for (JsonNode b : results) {
      String name = b.path("benchmark").asText();
      String[] parts = name.split("\\.");
      String group = parts[parts.length - 2];
      String method = parts[parts.length - 1];
      JsonNode primary = b.path("primaryMetric");
      JsonNode alloc = b.path("secondaryMetrics").path("gc.alloc.rate.norm");
      rows.add(
          new Row(
              group,
              method,
              primary.path("score").asDouble(),
              primary.path("scoreError").asDouble(Double.NaN),
              alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble()));
    }
    return rows;
  }

  /**
   * A JMH command line for the benchmarks {@code pattern} matches, with {@code s}: average time in
   * µs on a 512 MiB heap. Callers add their profilers and result files.
   */
  static List<String> command(Layout layout, Path java, String pattern, Settings s)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-cp");
    command.add(classpath(layout));
    command.add("org.openjdk.jmh.Main");
    command.add(pattern);
    command.addAll(
        List.of(
            "-f", String.valueOf(s.forks()),
            "-wi", String.valueOf(s.warmups()),
            "-w", s.warmupTime(),
            "-i", String.valueOf(s.iterations()),
            "-r", s.iterationTime(),
            "-tu", "us",
            "-bm", "avgt",
            "-jvmArgs", "-Xms512m -Xmx512m"));
    return command;
  }

  static Harness harness(Layout layout, Path java, Path work)
      throws IOException, InterruptedException {
    List<String> command =
        List.of(
            java.toString(),
            "-Xms512m",
            "-Xmx512m",
            "-cp",
            classpath(layout),
            "dev.tern.benchmarks.jmh.HarnessThroughput");
    System.out.println("harness throughput");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    Files.writeString(work.resolve("harness.log"), out, StandardCharsets.UTF_8);
    if (exit != 0) {
      return new Harness(
          "failed (exit " + exit + "), see " + work.resolve("harness.log"), List.of(), List.of());
    }
    String scenario = "";
    List<Double> millis = new ArrayList<>();
    List<Double> plain = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("scenario: ")) {
        scenario = line.substring("scenario: ".length()).trim();
      } else if (line.startsWith("tern-harness ")) {
        java.util.Map<String, String> kv = ColdStart.parse(line);
        double ms = Double.parseDouble(kv.get("ms"));
        ("plain".equals(kv.get("scenario")) ? plain : millis).add(ms);
      }
    }
    return new Harness(scenario, millis, plain);
  }

  static String classpath(Layout layout) throws IOException {
    List<String> cp = new ArrayList<>();
    cp.add(layout.benchmarksJar().toString());
    for (Path jar : Layout.jars(layout.lib)) {
      cp.add(jar.toString());
    }
    return String.join(File.pathSeparator, cp);
  }
}
