package dev.tern.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code docs/performance.md} from one run's results. Nothing in it is typed in by hand. */
final class Report {
  static final String COMMAND = "benchmarks/compare.sh";

  private final StringBuilder md = new StringBuilder(16 * 1024);
  private final Map<String, ColdResult> cold;

  private Report(Map<String, ColdResult> cold) {
    this.cold = cold;
  }

  static String markdown(
      Machine machine,
      int runs,
      Map<String, ColdResult> cold,
      Map<String, Map<String, Integer>> origins,
      List<Footprint> footprints,
      List<Jmh.Row> jmh,
      Jmh.Settings settings,
      List<Profiles.Profile> profiles,
      Jmh.Harness harness,
      List<String> notes,
      double minutes) {
    Report r = new Report(cold);
    r.header(machine, runs, minutes);
    r.targets(jmh, harness, footprints);
    r.coldTables();
    r.origins(origins);
    r.archives();
    r.jmh(jmh, settings);
    r.profiles(profiles);
    r.harness(harness);
    r.footprints(footprints);
    r.method(notes);
    return r.md.toString();
  }

  private void header(Machine m, int runs, double minutes) {
    line("# Tern performance");
    line();
    line(
        "Written by `"
            + COMMAND
            + "` on "
            + m.date()
            + " at commit `"
            + m.commit()
            + "` (the"
            + " whole run took "
            + Stats.fmt(minutes)
            + " min). Do not edit by hand: rerun the command.");
    line();
    line(
        "- Machine: "
            + m.cpu()
            + ", "
            + m.cpus()
            + " CPUs, "
            + m.memory()
            + " RAM; load average"
            + " before the run "
            + m.loadBefore()
            + ".");
    line(
        "- Load average after the run: "
            + Machine.load()
            + " (1, 5, 15 min; the machine has "
            + m.cpus()
            + " CPUs).");
    line(
        "- JDK 17: "
            + m.java17()
            + ". JDK 25: "
            + m.java25()
            + ". No heap flags in cold runs"
            + " (ergonomics choose).");
    line(
        "- Cold start: "
            + runs
            + " fresh JVMs per configuration after 1 uncounted warm-up,"
            + " configurations interleaved round by round. Medians, min–max in brackets.");
    line();
    line(
        "Absolute milliseconds belong to this machine. **Ratios taken within one run** are what"
            + " carry over to other machines; every ratio below is the median of per-round ratios"
            + " (round *i* of one configuration against round *i* of the other), min–max in brackets.");
    line();
  }

  // ---------------------------------------------------------------- targets

  private void targets(List<Jmh.Row> jmh, Jmh.Harness harness, List<Footprint> footprints) {
    line("## Targets");
    line();
    line("| target | measured | verdict |");
    line("|---|---|---|");
    coldTarget("Tern on AWS ≤ 1.6× the no-op floor", "tern-aws", "noop", 1.6);
    coldTarget("Tern on AWS ≤ 0.5× the databind handler", "tern-aws", "databind", 0.5);
    coldTarget("Tern on AWS ≤ 0.08× Spring Cloud Function", "tern-aws", "scf", 0.08);
    coldTarget("same, C1 only: ≤ 1.6× no-op", "tern-aws-c1", "noop-c1", 1.6);
    coldTarget("same, C1 only: ≤ 0.5× databind", "tern-aws-c1", "databind-c1", 0.5);
    coldTarget("same, C1 only: ≤ 0.08× Spring Cloud Function", "tern-aws-c1", "scf-c1", 0.08);
    coldTarget("same, as Lambda starts it: ≤ 1.6× no-op", "tern-aws-lambda", "noop-lambda", 1.6);
    coldTarget(
        "same, as Lambda starts it: ≤ 0.5× databind", "tern-aws-lambda", "databind-lambda", 0.5);
    for (String group : groups(jmh)) {
      if (!group.endsWith("Http")) {
        continue;
      }
      Jmh.Row t = find(jmh, group, "tern");
      Jmh.Row raw = find(jmh, group, "raw");
      if (t != null && raw != null) {
        double ratio = t.micros() / raw.micros();
        line(
            "| "
                + group
                + " per event ≤ 1.0× raw | "
                + us(t.micros())
                + " vs "
                + us(raw.micros())
                + " µs = **"
                + x(ratio)
                + "** | "
                + verdict(ratio, 1.0, errorRange(t, raw))
                + " |");
      }
    }
    Jmh.Row batch = find(jmh, "SqsBatch", "tern");
    Jmh.Row one = find(jmh, "SqsOne", "tern");
    if (batch != null && one != null) {
      double ratio = batch.micros() / one.micros();
      line(
          "| SQS batch of 10 ≤ 10× one message | "
              + us(batch.micros())
              + " vs "
              + us(one.micros())
              + " µs = **"
              + x(ratio)
              + "** | "
              + verdict(ratio, 10, errorRange(batch, one))
              + " |");
    }
    if (harness != null && !harness.millis().isEmpty()) {
      Stats s = Stats.of(harness.millis());
      line(
          "| harness: 100,000 queue deliveries with retries ≤ 0.5 s | "
              + s.show()
              + " ms | "
              + verdict(s.median() / 500.0, 1.0)
              + " |");
    }
    for (Footprint f : footprints) {
      if (f.label().endsWith("AWS Lambda")) {
        line(
            "| hello deployable for AWS ≤ 1 MiB | "
                + mib(f.bytes())
                + " MiB | "
                + verdict(f.mib(), 1.0)
                + " |");
      }
    }
    line();
    line(
        "A verdict \"missed by N %\" means the measured figure is N % above the target; the"
            + " sections below say what dominates. For a ratio of two JMH scores, the verdict adds \"within"
            + " the error\" and that range when the target lies within the range of the ratio under"
            + " the 99.9 % error of each score: this run cannot tell which side of the target it is on.");
    line();
  }

  private void coldTarget(String what, String a, String b, double target) {
    Stats ratio = pairedRatio(a, b);
    if (ratio == null) {
      line("| " + what + " | not measured (" + why(a, b) + ") | – |");
      return;
    }
    line(
        "| "
            + what
            + " | "
            + Stats.of(cold.get(a).first).showMedian()
            + " vs "
            + Stats.of(cold.get(b).first).showMedian()
            + " ms = **"
            + x(ratio.median())
            + "** ("
            + x(ratio.min())
            + "–"
            + x(ratio.max())
            + ") | "
            + verdict(ratio.median(), target)
            + " |");
  }

  private String why(String a, String b) {
    for (String id : List.of(a, b)) {
      ColdResult r = cold.get(id);
      if (r == null) {
        return id + " is not in the matrix";
      }
      if (!r.ok()) {
        return id + ": " + r.failure;
      }
    }
    return "no data";
  }

  /**
   * The range of {@code a / b} when each score may be anywhere within its 99.9 % error, as {@code
   * [low, high]}, the low end no less than zero (a time is never negative); null when an error is
   * unknown or {@code b}'s reaches zero.
   */
  static double[] errorRange(Jmh.Row a, Jmh.Row b) {
    if (Double.isNaN(a.error()) || Double.isNaN(b.error()) || b.micros() - b.error() <= 0) {
      return null;
    }
    return new double[] {
      Math.max(0, a.micros() - a.error()) / (b.micros() + b.error()),
      (a.micros() + a.error()) / (b.micros() - b.error())
    };
  }

  /** {@link #verdict(double, double)}, saying so when {@code range} straddles the target. */
  static String verdict(double ratio, double target, double[] range) {
    String verdict = verdict(ratio, target);
    if (range == null || Double.isNaN(ratio) || range[0] > target || range[1] <= target) {
      return verdict;
    }
    return verdict + ", within the error (" + x(range[0]) + "–" + x(range[1]) + ")";
  }

  static String verdict(double ratio, double target) {
    if (Double.isNaN(ratio)) {
      return "–";
    }
    if (ratio <= target) {
      return "met";
    }
    return "**missed by " + Math.round((ratio / target - 1) * 100) + " %**";
  }

  /** Median and range of per-round ratios a/b of "JVM start → first response". */
  Stats pairedRatio(String a, String b) {
    return paired(a, b, (x, y) -> x / y);
  }

  /**
   * Round by round, {@code a}'s first response minus {@code b}'s, in ms; null when either failed.
   */
  Stats pairedDifference(String a, String b) {
    return paired(a, b, (x, y) -> x - y);
  }

  /** {@code combine} of a's and b's first responses, round by round; null when either failed. */
  private Stats paired(String a, String b, java.util.function.DoubleBinaryOperator combine) {
    ColdResult ra = cold.get(a);
    ColdResult rb = cold.get(b);
    if (ra == null || rb == null || !ra.ok() || !rb.ok()) {
      return null;
    }
    List<Double> values = new ArrayList<>();
    int n = Math.min(ra.first.size(), rb.first.size());
    for (int i = 0; i < n; i++) {
      values.add(combine.applyAsDouble(ra.first.get(i), rb.first.get(i)));
    }
    return Stats.of(values);
  }

  // ---------------------------------------------------------------- cold start

  private void coldTables() {
    line("## Cold start");
    line();
    line(
        "JVM start (`sun.rt.createVmBeginTime`) → first response written, measured in the JVM by"
            + " the driver; *main* is JVM start → `main`; *load*, *ctor*, *call* split main → first"
            + " response into handler class load + static init, constructor, first call; *wall* is the"
            + " whole process seen from outside, JVM exit included; *classes* is loaded minus unloaded;"
            + " *RSS* is peak resident memory (VmHWM).");
    line();
    line("![cold start per configuration](performance-coldstart.png)");
    line();
    Map<String, List<ColdResult>> byGroup = new LinkedHashMap<>();
    for (ColdResult r : cold.values()) {
      byGroup.computeIfAbsent(r.config.group(), g -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<ColdResult>> e : byGroup.entrySet()) {
      line("### " + e.getKey());
      line();
      line(
          "| configuration | first response ms | main ms | load | ctor | call | wall ms | classes | RSS MiB | × no-op | × databind |");
      line("|---|---|---|---|---|---|---|---|---|---|---|");
      for (ColdResult r : e.getValue()) {
        String label = r.config.tern() ? "**" + r.config.label() + "**" : r.config.label();
        label += " `" + r.config.id() + "`";
        if (!r.ok()) {
          line("| " + label + " | failed: " + r.failure.replace("|", "/") + " |||||||||");
          continue;
        }
        line(
            "| "
                + label
                + " | "
                + Stats.of(r.first).show()
                + " | "
                + Stats.of(r.main).showMedian()
                + " | "
                + Stats.of(r.load).showMedian()
                + " | "
                + Stats.of(r.ctor).showMedian()
                + " | "
                + Stats.of(r.call).showMedian()
                + " | "
                + Stats.of(r.wall).showMedian()
                + " | "
                + Stats.of(r.classes).showMedian()
                + " | "
                + Stats.of(r.rssMib).showMedian()
                + " | "
                + ratioCell(r.config.id(), floorOf(r.config.id(), "noop"))
                + " | "
                + ratioCell(r.config.id(), floorOf(r.config.id(), "databind"))
                + " |");
      }
      line();
    }
  }

  /** The baseline in the same JVM setup: {@code tern-aws-c1} against {@code noop-c1}. */
  private String floorOf(String id, String base) {
    for (String suffix : List.of("-25-aot", "-cds", "-c1", "-lambda", "-25")) {
      if (id.endsWith(suffix)) {
        String candidate = base + suffix;
        return cold.containsKey(candidate)
            ? candidate
            : base + (suffix.equals("-25-aot") ? "-25" : "");
      }
    }
    return base;
  }

  private String ratioCell(String a, String b) {
    if (a.equals(b)) {
      return "1";
    }
    Stats s = pairedRatio(a, b);
    return s == null ? "–" : x(s.median());
  }

  private void origins(Map<String, Map<String, Integer>> origins) {
    if (origins.isEmpty()) {
      return;
    }
    line("### Where the classes come from (JDK 17, one extra run with `-Xlog:class+load`)");
    line();
    List<String> ids = new ArrayList<>(origins.keySet());
    List<String> keys = new ArrayList<>();
    for (Map<String, Integer> m : origins.values()) {
      for (String k : m.keySet()) {
        if (!keys.contains(k)
            && !k.startsWith(ClassOrigins.PARSED_PACKAGE)
            && !k.equals(ClassOrigins.SIGNED_JAR)) {
          keys.add(k);
        }
      }
    }
    StringBuilder head = new StringBuilder("| origin |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String id : ids) {
      head.append(" `").append(id).append("` |");
      rule.append("---|");
    }
    line(head.toString());
    line(rule.toString());
    int[] totals = new int[ids.size()];
    for (String k : keys) {
      StringBuilder row = new StringBuilder("| " + k + " |");
      for (int i = 0; i < ids.size(); i++) {
        int n = origins.get(ids.get(i)).getOrDefault(k, 0);
        totals[i] += n;
        row.append(' ').append(n == 0 ? "" : String.valueOf(n)).append(" |");
      }
      line(row.toString());
    }
    StringBuilder total = new StringBuilder("| total |");
    for (int t : totals) {
      total.append(" ").append(t).append(" |");
    }
    line(total.toString());
    line();
    line(
        "Classes mapped from the JDK's CDS archive are cheap; classes parsed and verified from the"
            + " runtime image, and classes generated at run time (each lambda's first call, each indy"
            + " string concatenation shape, record methods), are what cost milliseconds. The JDK"
            + " packages parsed from the image, largest first:");
    line();
    for (String id : ids) {
      List<String> top = new ArrayList<>();
      origins.get(id).entrySet().stream()
          .filter(e -> e.getKey().startsWith(ClassOrigins.PARSED_PACKAGE))
          .sorted((a, b) -> b.getValue() - a.getValue())
          .limit(6)
          .forEach(
              e ->
                  top.add(
                      "`"
                          + e.getKey().substring(ClassOrigins.PARSED_PACKAGE.length())
                          + "` "
                          + e.getValue()));
      line("- `" + id + "`: " + (top.isEmpty() ? "none" : String.join(", ", top)));
    }
    line();
    line(
        "**What dominates**, per Tern entry (phase medians; classes beyond the no-op floor; the"
            + " costly classes by where they come from):");
    line();
    ColdResult n = cold.get("noop");
    for (String id : List.of("tern-aws", "tern-gcp", "tern-azure")) {
      ColdResult t = cold.get(id);
      if (t == null || n == null || !t.ok() || !n.ok()) {
        continue;
      }
      Map<String, Integer> o = origins.getOrDefault(id, Map.of());
      List<String> costly = new ArrayList<>();
      o.entrySet().stream()
          .filter(e -> e.getKey().startsWith(ClassOrigins.PARSED_PACKAGE))
          .sorted((a, b) -> b.getValue() - a.getValue())
          .limit(3)
          .forEach(
              e -> {
                String pkg = e.getKey().substring(ClassOrigins.PARSED_PACKAGE.length());
                costly.add("`" + pkg + "` " + e.getValue() + meaning(pkg));
              });
      Integer generated = o.get(ClassOrigins.GENERATED);
      if (generated != null) {
        costly.add(generated + " generated at run time");
      }
      String signed =
          o.containsKey(ClassOrigins.SIGNED_JAR)
              ? " The security classes are the JVM checking the signatures of a signed jar on the class"
                  + " path as it loads its first class (`java.util.jar.JarVerifier`): the Azure Functions"
                  + " library jars are signed, so every Java function on Azure pays this, with Tern or"
                  + " without; the worker may already have paid it before the function loads."
              : "";
      String raw = id.equals("tern-gcp") ? "gcp-raw" : id.equals("tern-azure") ? "azure-raw" : null;
      Stats overRaw = raw == null ? null : pairedRatio(id, raw);
      String againstRaw = "";
      if (overRaw != null) {
        double extra = pairedDifference(id, raw).median();
        againstRaw =
            " Against a hand-written function on the same platform types through the same shim (`"
                + raw
                + "`, which pays for those types and nothing else), Tern is **"
                + x(overRaw.median())
                + "** ("
                + x(overRaw.min())
                + "–"
                + x(overRaw.max())
                + "), "
                + (extra >= 0 ? Math.round(extra) + " ms more" : Math.round(-extra) + " ms less")
                + ".";
      }
      line(
          "- `"
              + id
              + "`: "
              + Stats.of(t.load).showMedian()
              + " ms loading and initialising the"
              + " entry class, "
              + Stats.of(t.ctor).showMedian()
              + " ms in its constructor, "
              + Stats.of(t.call).showMedian()
              + " ms in the first call; "
              + Math.round(Stats.of(t.classes).median() - Stats.of(n.classes).median())
              + " classes more than the floor; outside CDS: "
              + String.join(", ", costly)
              + "."
              + signed
              + againstRaw);
    }
    jacksonFloor("", "");
    jacksonFloor("-lambda", ", run as Lambda starts it on one CPU,");
    line();
  }

  /** What a handler reading its event with jackson-core pays, and what Tern adds to that. */
  private void jacksonFloor(String suffix, String where) {
    Stats jackson = pairedRatio("streaming" + suffix, "noop" + suffix);
    Stats overJackson = pairedRatio("tern-aws" + suffix, "streaming" + suffix);
    if (jackson == null || overJackson == null) {
      return;
    }
    // Round by round, as the ratio is: a difference of medians can disagree with it in sign.
    double extra = pairedDifference("tern-aws" + suffix, "streaming" + suffix).median();
    String than = extra >= 0 ? Math.round(extra) + " ms more" : Math.round(-extra) + " ms less";
    line(
        "- The raw jackson-core streaming handler (a `JsonFactory`, its parser and generator) is **"
            + x(jackson.median())
            + "** the no-op floor"
            + where
            + " in this run: jackson-core's classes"
            + " loaded, verified and run once in the interpreter; measured against the 1.6× target, that"
            + " handler alone: "
            + verdict(jackson.median(), 1.6)
            + ". Tern on AWS reads with"
            + " jackson-core's UTF-8 parser alone and writes its answer without a generator, so it loads"
            + " neither `JsonFactory` nor the classes its verification pulls in; it is "
            + x(overJackson.median())
            + " that handler (`tern-aws"
            + suffix
            + "`), "
            + than
            + ", with the function index, routing, the neutral request and response, the function and"
            + " its JSON answer.");
  }

  private void archives() {
    line("### AppCDS (JDK 17) and the AOT cache (JDK 25)");
    line();
    line(
        "Both take one training run of the function and write an archive the JVM maps at start."
            + " The recipe, with the same classpath in training and in production:");
    line();
    line("```sh");
    line("# JDK 17, AppCDS: one training run of the deployment (tern-aws ships the training main)");
    line("java -XX:ArchiveClassesAtExit=tern.jsa -cp function.jar dev.tern.aws.Train");
    line("# then every start, with the same class path:");
    line("JAVA_TOOL_OPTIONS=\"-XX:SharedArchiveFile=tern.jsa -Xshare:auto\"");
    line();
    line("# JDK 25, AOT cache (JEP 483/514): the same training main writes the cache");
    line("java -XX:AOTCacheOutput=tern.aot -cp function.jar dev.tern.aws.Train");
    line("JAVA_TOOL_OPTIONS=\"-XX:AOTCache=tern.aot\"");
    line("```");
    line();
    line(
        "An archive is only used by the exact JDK build that wrote it, with the same class path"
            + " made of jars only; otherwise the JVM silently ignores it (`-Xshare:auto`)."
            + " [docs/deploy/aws.md](deploy/aws.md#cold-start) has the constraints and how to check"
            + " that an archive is used. Here, training is the driver's own run, one call of the"
            + " handler.");
    line();
    line("| archive | without | with | effect | archive size |");
    line("|---|---|---|---|---|");
    archiveRow("tern-aws-cds", "tern-aws", "AppCDS, Tern");
    archiveRow("databind-cds", "databind", "AppCDS, databind handler");
    archiveRow("tern-aws-25-aot", "tern-aws-25", "AOT cache, Tern");
    archiveRow("databind-25-aot", "databind-25", "AOT cache, databind handler");
    line();
  }

  private void archiveRow(String with, String without, String label) {
    ColdResult w = cold.get(with);
    ColdResult wo = cold.get(without);
    if (w == null || wo == null) {
      return;
    }
    if (!w.ok() || !wo.ok()) {
      line("| " + label + " | not measured: " + why(with, without).replace("|", "/") + " ||||");
      return;
    }
    Stats s = pairedRatio(with, without);
    line(
        "| "
            + label
            + " | "
            + Stats.of(wo.first).showMedian()
            + " ms | "
            + Stats.of(w.first).showMedian()
            + " ms | **"
            + x(s.median())
            + "** ("
            + x(s.min())
            + "–"
            + x(s.max())
            + ") | "
            + mib(w.archiveBytes)
            + " MiB |");
  }

  // ---------------------------------------------------------------- JMH

  private void jmh(List<Jmh.Row> rows, Jmh.Settings settings) {
    line("## Per-event cost (JMH)");
    line();
    if (rows.isEmpty()) {
      line("Not run in this report (`--no-jmh`), or no benchmarks ran.");
      line();
      return;
    }
    line(
        "Average time per event in µs (± 99.9 % error) and bytes allocated per event (`-prof gc`,"
            + " `gc.alloc.rate.norm`). Settings: "
            + settings.describe()
            + ". These are fewer forks and"
            + " iterations than a publication would use, to keep the whole comparison within minutes"
            + " on two cores; the error column says how far to trust each figure. Every benchmark"
            + " starts from the native payload bytes and ends with the native answer written, so both"
            + " sides parse and respond.");
    line();
    line("| event | method | µs/event | B/event | × raw | + µs over raw |");
    line("|---|---|---|---|---|---|");
    for (String group : groups(rows)) {
      Jmh.Row raw = find(rows, group, "raw");
      for (Jmh.Row r : rows) {
        if (!r.group().equals(group)) {
          continue;
        }
        String ratio = raw == null || r == raw ? "" : x(r.micros() / raw.micros());
        String added = raw == null || r == raw ? "" : us(r.micros() - raw.micros());
        line(
            "| "
                + group
                + " | "
                + r.method()
                + " | "
                + us(r.micros())
                + " ± "
                + us(r.error())
                + " | "
                + (Double.isNaN(r.bytesPerOp()) ? "–" : String.valueOf(Math.round(r.bytesPerOp())))
                + " | "
                + ratio
                + " | "
                + added
                + " |");
      }
    }
    line();
    line(
        "`raw` is a hand-written handler on Jackson databind (`readTree`, tree answer) doing the"
            + " same parse-and-respond work; `rawStreaming` (where present) does it on jackson-core"
            + " alone; `tern` goes through the adapter's real entry point, routing and the hello or"
            + " benchmark function. On Cloud Functions and Azure the platform hands both sides an"
            + " already parsed request, so `raw` there is only a query lookup and a small JSON write"
            + " (well under a microsecond): the ratio is large by construction, and the added"
            + " microseconds are the figure to watch. Where the error is as large as the score, the"
            + " machine was busy during that benchmark; rerun before drawing conclusions.");
    line();
  }

  /** The HTTP benchmarks whose {@code tern} method misses its ≤ 1.0× raw target in this run. */
  static List<String> missedHttp(List<Jmh.Row> rows) {
    List<String> missed = new ArrayList<>();
    for (String group : groups(rows)) {
      Jmh.Row t = find(rows, group, "tern");
      Jmh.Row raw = find(rows, group, "raw");
      if (group.endsWith("Http") && t != null && raw != null && t.micros() > raw.micros()) {
        missed.add(group);
      }
    }
    return missed;
  }

  private void profiles(List<Profiles.Profile> profiles) {
    if (profiles.isEmpty()) {
      return;
    }
    line("### What dominates the missed per-event targets");
    line();
    line(
        "One more JMH run of each missed benchmark's `tern` method ("
            + Profiles.SETTINGS.describe()
            + ") under Java"
            + " Flight Recorder's method sampling (`-prof jfr`, the `profile` settings), folded into"
            + " a call tree below the benchmark method. A method's share is of all samples in the"
            + " benchmark method and includes what it calls; shares below "
            + "3 % are left out. *Own time* is where the sampled code itself was.");
    line();
    for (Profiles.Profile p : profiles) {
      StringBuilder calls = new StringBuilder();
      for (Profiles.Share c : p.calls()) {
        if (calls.length() > 0) {
          calls.append(", ");
        }
        calls.append('`').append(c.method()).append("` ").append(pct(c.percent()));
        if (!c.parts().isEmpty()) {
          calls.append(" (");
          for (int i = 0; i < c.parts().size(); i++) {
            Profiles.Share part = c.parts().get(i);
            calls.append(i == 0 ? "" : ", ");
            calls.append('`').append(part.method()).append("` ").append(pct(part.percent()));
          }
          calls.append(')');
        }
      }
      StringBuilder own = new StringBuilder();
      for (Map.Entry<String, Double> e : p.self().entrySet()) {
        if (e.getValue() >= 1) {
          own.append(own.length() == 0 ? "" : ", ").append(e.getKey()).append(' ');
          own.append(pct(e.getValue()));
        }
      }
      line(
          "- **"
              + p.group()
              + "** ("
              + p.samples()
              + " samples), below `"
              + p.entry()
              + "`: "
              + calls
              + ". Own time: "
              + own
              + ".");
    }
    line();
  }

  private static String pct(double percent) {
    return Math.round(percent) + " %";
  }

  private void harness(Jmh.Harness h) {
    if (h == null) {
      return;
    }
    line("## Harness throughput");
    line();
    if (h.millis().isEmpty()) {
      line("Not measured: " + h.scenario());
      line();
      return;
    }
    line(h.scenario());
    line();
    line(
        "| scenario | ms per 100,000 deliveries, median (min–max) | first repetition (cold JIT) |");
    line("|---|---|---|");
    line(
        "| retries (the target, ≤ 500 ms) | "
            + Stats.of(h.millis()).show()
            + " | "
            + Stats.fmt(h.millis().get(0))
            + " |");
    if (!h.plainMillis().isEmpty()) {
      line(
          "| plain, nothing fails | "
              + Stats.of(h.plainMillis()).show()
              + " | "
              + Stats.fmt(h.plainMillis().get(0))
              + " |");
    }
    line();
    line(
        "Repetitions run one after the other in one JVM with a 512 MiB heap; every repetition"
            + " builds a fresh harness.");
    line();
  }

  private void footprints(List<Footprint> fs) {
    line("## Footprint");
    line();
    line("| deployable | size MiB | classes | what is counted | largest parts |");
    line("|---|---|---|---|---|");
    for (Footprint f : fs) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < Math.min(4, f.parts().size()); i++) {
        Footprint.Part p = f.parts().get(i);
        parts.add(p.name() + " " + kib(p.bytes()) + " KiB");
      }
      line(
          "| "
              + f.label()
              + " | "
              + mib(f.bytes())
              + " | "
              + f.classes()
              + " | "
              + f.what()
              + " | "
              + String.join(", ", parts)
              + " |");
    }
    line();
  }

  private void method(List<String> notes) {
    line("## Method and caveats");
    line();
    line(
        "- The driver (`benchmarks/src/main/java/dev/tern/benchmarks/coldstart/Driver.java`)"
            + " loads a `RequestStreamHandler` by name, constructs it and calls it once with"
            + " `benchmarks/src/main/resources/events/apigw-v2-hello.json` (API Gateway HTTP API v2,"
            + " `GET /hello?name=Ada`). Before it loads the handler it reads one environment variable, as"
            + " Lambda's runtime client and the Functions Framework invoker do before they load a"
            + " function, so the JVM's environment map is there for every configuration, as on the"
            + " platforms. It reads counters from the JVM's hsperfdata file, not JMX, and"
            + " uses no string concatenation or lambdas, so it adds ~0 classes. The baseline handlers,"
            + " Tern and the sample are compiled alike, with the build's `-XDstringConcat=inline`."
            + " Every run's response must contain `Hello, Ada!` or the configuration fails.");
    line(
        "- Tern's AWS entry loads the first request's classes on a warm-up thread while its"
            + " constructor reads the function index ([docs/deploy/aws.md](deploy/aws.md#cold-start));"
            + " on this two-CPU machine the two overlap. When the JVM sees one CPU, as in the rows run"
            + " as Lambda starts them, the thread is not started. The baselines do all their work on one"
            + " thread.");
    line(
        "- Classpaths hold only what that configuration deploys: the driver, the app and its"
            + " runtime closure as Maven resolves it for the adapter module, as jars.");
    line(
        "- The rows run as Lambda's java17 runtime starts them differ in three ways, each taken"
            + " from how Lambda runs a zip or jar deployment: the deployable is unpacked into a folder"
            + " and the handler loaded through a `URLClassLoader` over it, whose parent, the class"
            + " path, holds the driver and aws-lambda-java-core (Lambda unpacks it into its task root"
            + " and loads it through the runtime client's `CustomerClassLoader`, a `URLClassLoader`"
            + " over that folder and its `lib/` jars), the JVM is pinned to one CPU with `taskset -c"
            + " 0`"
            + " (below 1769 MB of memory a function has less than one vCPU's worth of time; with one"
            + " CPU the JVM's ergonomics also choose the serial collector), and it stops at C1, the"
            + " java17 runtime's default.");
    line(
        "- GCP and Azure run through a small `RequestStreamHandler` shim that hands the adapter"
            + " the request the Functions Framework or the Azure worker would have built (`GET"
            + " /hello?name=Ada`); the platforms' own start-up is not part of these figures. The"
            + " `gcp-raw` and `azure-raw` rows are the same shims around a hand-written function that"
            + " reads the parsed query and answers JSON built by hand: what the platform's types cost"
            + " a function before Tern adds anything.");
    line(
        "- Spring Cloud Function keeps its default per-event INFO log (to a file), as a user gets"
            + " it out of the box. It runs from its jar plus `lib/` (Boot 4.0.7, spring-cloud 2025.1.4).");
    line(
        "- This is not the real Lambda: no Runtime Interface Client and no Runtime API loop (both"
            + " about constant), and outside the one-CPU rows more CPU than a small Lambda. The machine"
            + " may be shared; rows run interleaved so a noisy minute hits all of them.");
    for (String n : notes) {
      line("- " + n);
    }
    line();
  }

  // ---------------------------------------------------------------- helpers

  /** What a JDK package being loaded usually means, for the few that explain a cold start. */
  private static String meaning(String pkg) {
    if (pkg.startsWith("sun.security.ssl") || pkg.startsWith("javax.net.ssl")) {
      return " (TLS)";
    }
    if (pkg.startsWith("jdk.internal.net.http") || pkg.startsWith("java.net.http")) {
      return " (java.net.http client)";
    }
    if (pkg.startsWith("sun.security")
        || pkg.startsWith("java.security")
        || pkg.startsWith("com.sun.crypto")) {
      return " (JCA: signatures, certificates, providers)";
    }
    if (pkg.startsWith("java.lang.invoke")) {
      return " (method handles: lambdas, indy)";
    }
    if (pkg.startsWith("java.util.logging")) {
      return " (java.util.logging)";
    }
    if (pkg.startsWith("java.util.regex")) {
      return " (regular expressions)";
    }
    if (pkg.startsWith("java.time")) {
      return " (java.time)";
    }
    return "";
  }

  private static List<String> groups(List<Jmh.Row> rows) {
    List<String> groups = new ArrayList<>();
    for (Jmh.Row r : rows) {
      if (!groups.contains(r.group())) {
        groups.add(r.group());
      }
    }
    return groups;
  }

  private static Jmh.Row find(List<Jmh.Row> rows, String group, String method) {
    for (Jmh.Row r : rows) {
      if (r.group().equals(group) && r.method().equals(method)) {
        return r;
      }
    }
    return null;
  }

  private static String x(double ratio) {
    return String.format(Locale.ROOT, ratio < 0.1 ? "%.3f×" : "%.2f×", ratio);
  }

  private static String us(double micros) {
    return String.format(Locale.ROOT, micros < 10 ? "%.2f" : "%.1f", micros);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.2f", bytes / (1024.0 * 1024.0));
  }

  private static String kib(long bytes) {
    return String.valueOf(Math.round(bytes / 1024.0));
  }

  private void line(String s) {
    md.append(s).append('\n');
  }

  private void line() {
    md.append('\n');
  }
}
