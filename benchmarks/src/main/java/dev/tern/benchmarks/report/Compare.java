package dev.tern.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the whole comparison and writes {@code docs/performance.md} with its chart: cold start in
 * fresh JVMs, per-event cost under JMH, harness throughput and deployable footprint. {@code
 * benchmarks/compare.sh} builds what this needs and then calls it.
 *
 * <p>Options: {@code --root <repo>} (default: the working directory), {@code --runs <n>} counted
 * cold starts per configuration (default 10), {@code --java25 <path to java>}, {@code --no-jmh},
 * {@code --quick} (3 cold runs, shortest JMH settings: to try the pipeline, not to publish).
 */
public final class Compare {
  private Compare() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(".");
    int runs = 10;
    boolean jmh = true;
    boolean quick = false;
    Path java25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--java25" -> java25 = Path.of(args[++i]);
        case "--no-jmh" -> jmh = false;
        case "--quick" -> quick = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (quick) {
      runs = Math.min(runs, 3);
    }
    long began = System.nanoTime();
    Layout layout = new Layout(root);
    Path work = layout.target.resolve("compare");
    Files.createDirectories(work);
    Path java17 = Path.of(System.getProperty("java.home"), "bin", "java");
    Path event = layout.root.resolve("benchmarks/src/main/resources/events/apigw-v2-hello.json");

    Machine machine =
        Machine.describe(layout.root, java17, Files.isExecutable(java25) ? java25 : null);
    List<ColdConfig> configs =
        Configs.all(layout, java17, Files.isExecutable(java25) ? java25 : null, work);
    List<String> notes = new ArrayList<>(Configs.NOTES);

    ColdStart cold = new ColdStart(event, work, runs);
    Map<String, ColdResult> results = cold.run(configs);
    Map<String, Map<String, Integer>> origins = new LinkedHashMap<>();
    for (String id : List.of("tern-aws", "tern-gcp", "tern-azure", "databind", "streaming")) {
      ColdResult r = results.get(id);
      if (r != null && r.ok()) {
        origins.put(id, ClassOrigins.measure(r.config, event, work));
      }
    }

    List<Footprint> footprints = Footprints.all(layout, notes);

    List<Jmh.Row> jmhRows = List.of();
    Jmh.Settings settings = quick ? Jmh.Settings.QUICK : Jmh.Settings.REPORT;
    Jmh.Harness harness = null;
    List<Profiles.Profile> profiles = new ArrayList<>();
    if (jmh) {
      jmhRows = Jmh.run(layout, java17, work, settings);
      for (String group : Report.missedHttp(jmhRows)) {
        Profiles.Profile profile = Profiles.run(layout, java17, work, group);
        if (profile == null) {
          notes.add(
              "The JFR profile of "
                  + group
                  + ".tern failed; see benchmarks/target/compare/jfr-"
                  + group
                  + ".log.");
        } else {
          profiles.add(profile);
        }
      }
      harness = Jmh.harness(layout, java17, work);
    }

    double minutes = (System.nanoTime() - began) / 60e9;
    Path docs = layout.root.resolve("docs");
    Files.createDirectories(docs);
    Chart.coldStart(results, docs.resolve("performance-coldstart.png"));
    String md =
        Report.markdown(
            machine,
            runs,
            results,
            origins,
            footprints,
            jmhRows,
            settings,
            profiles,
            harness,
            notes,
            minutes);
    Files.writeString(docs.resolve("performance.md"), md, StandardCharsets.UTF_8);
    System.out.println(
        "wrote " + docs.resolve("performance.md") + " in " + Stats.fmt(minutes) + " min");
  }

  static void require(boolean condition, String message) throws IOException {
    if (!condition) {
      throw new IOException(message);
    }
  }
}
