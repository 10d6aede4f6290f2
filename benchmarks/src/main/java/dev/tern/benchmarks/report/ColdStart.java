package dev.tern.benchmarks.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs every cold-start configuration in fresh JVMs, interleaved: round 0 runs each configuration
 * once uncounted (page cache, archives), then every round runs each configuration once more. A slow
 * minute on a shared machine therefore hits all rows alike, and ratios taken within the run stay
 * fair.
 */
final class ColdStart {
  static final String DRIVER = "dev.tern.benchmarks.coldstart.Driver";
  static final String EXPECTED = "Hello, Ada!";

  private final Path event;
  private final Path work;
  private final int runs;

  ColdStart(Path event, Path work, int runs) {
    this.event = event;
    this.work = work;
    this.runs = runs;
  }

  Map<String, ColdResult> run(List<ColdConfig> configs) throws IOException, InterruptedException {
    Files.createDirectories(work);
    Map<String, ColdResult> results = new LinkedHashMap<>();
    for (ColdConfig c : configs) {
      ColdResult r = new ColdResult(c);
      results.put(c.id(), r);
      if (!c.training().isEmpty()) {
        train(c, r);
      }
    }
    for (int round = 0; round <= runs; round++) {
      System.out.println(
          "cold start: round " + round + " of " + runs + (round == 0 ? " (warm-up)" : ""));
      for (ColdConfig c : configs) {
        ColdResult r = results.get(c.id());
        if (r.failure != null) {
          continue;
        }
        once(c, r, c.flags(), round > 0);
      }
    }
    return results;
  }

  private void train(ColdConfig c, ColdResult r) throws IOException, InterruptedException {
    Path archive = archiveOf(c);
    Files.deleteIfExists(archive);
    once(c, r, c.training(), false);
    if (r.failure == null && !Files.exists(archive)) {
      r.failure = "training wrote no archive " + archive.getFileName();
    }
    if (r.failure == null) {
      r.archiveBytes = Files.size(archive);
    }
  }

  /** Where a configuration's archive lives; flags refer to it as {@code @ARCHIVE@}. */
  Path archiveOf(ColdConfig c) {
    return work.resolve(c.id() + (c.java().toString().contains("25") ? ".aot" : ".jsa"));
  }

  private void once(ColdConfig c, ColdResult r, List<String> flags, boolean counted)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(c.launcher());
    command.add(c.java().toString());
    for (String f : flags) {
      command.add(f.replace("@ARCHIVE@", archiveOf(c).toString()));
    }
    command.add("-cp");
    StringBuilder cp = new StringBuilder();
    for (Path p : c.classpath()) {
      if (cp.length() > 0) {
        cp.append(java.io.File.pathSeparatorChar);
      }
      cp.append(p);
    }
    command.add(cp.toString());
    command.add(DRIVER);
    command.add(c.handler());
    command.add(event.toString());

    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(work.resolve(c.id() + ".log").toFile()));
    long start = System.nanoTime();
    Process p = pb.start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      r.failure = "timed out";
      return;
    }
    double wallMs = (System.nanoTime() - start) / 1e6;
    Files.writeString(
        work.resolve(c.id() + ".log"),
        out,
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    String line = null;
    for (String l : out.split("\n")) {
      if (l.startsWith("tern-coldstart ")) {
        line = l;
      }
    }
    if (p.exitValue() != 0 || line == null) {
      r.failure = "exit " + p.exitValue() + ", see " + work.resolve(c.id() + ".log");
      return;
    }
    Map<String, String> kv = parse(line);
    String response = kv.getOrDefault("response", "");
    if (!response.contains(EXPECTED)) {
      r.failure = "unexpected response: " + response;
      return;
    }
    r.response = response;
    if (!counted) {
      return;
    }
    r.first.add(Double.parseDouble(kv.get("first")));
    r.main.add(Double.parseDouble(kv.get("main")));
    r.load.add(Double.parseDouble(kv.get("load")));
    r.ctor.add(Double.parseDouble(kv.get("ctor")));
    r.call.add(Double.parseDouble(kv.get("call")));
    r.classes.add(Double.parseDouble(kv.get("classes")));
    r.rssMib.add(Double.parseDouble(kv.get("hwm")) / 1024.0);
    r.wall.add(wallMs);
  }

  /** {@code key=value} pairs; {@code response} takes the rest of the line. */
  static Map<String, String> parse(String line) {
    Map<String, String> kv = new LinkedHashMap<>();
    int at = line.indexOf(" response=");
    String head = at < 0 ? line : line.substring(0, at);
    if (at >= 0) {
      kv.put("response", line.substring(at + " response=".length()));
    }
    for (String part : head.split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        kv.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return kv;
  }
}
