package dev.tern.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What the numbers were measured on. */
record Machine(
    String date,
    String cpu,
    int cpus,
    String memory,
    String java17,
    String java25,
    String commit,
    String loadBefore) {

  static Machine describe(Path root, Path java17, Path java25) {
    String date =
        ZonedDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    String cpu = "unknown CPU";
    String memory = "unknown";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("MemTotal:")) {
          long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
          memory = Math.round(kib / 1024.0 / 1024.0) + " GiB";
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: leave the defaults.
    }
    return new Machine(
        date,
        cpu,
        Runtime.getRuntime().availableProcessors(),
        memory,
        version(java17),
        java25 == null ? "not found" : version(java25),
        run(root, List.of("git", "rev-parse", "--short", "HEAD")).trim(),
        load());
  }

  static String load() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String version(Path java) {
    String out = run(null, List.of(java.toString(), "-version"));
    String[] lines = out.split("\n");
    return lines.length > 1 ? lines[1].trim() : out.trim();
  }

  static String run(Path dir, List<String> command) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out;
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
