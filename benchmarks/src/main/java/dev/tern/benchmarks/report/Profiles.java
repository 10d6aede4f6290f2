package dev.tern.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a per-event benchmark's {@code tern} method spends its time: one more JMH run of it under
 * Java Flight Recorder's method sampling, folded into a call tree below the benchmark method. The
 * report shows it for each per-event target the run misses, so that "what dominates" is measured
 * rather than guessed.
 */
final class Profiles {
  /** A method and the share of the benchmark's samples spent in it and below it. */
  record Share(String method, double percent, List<Share> parts) {}

  /**
   * One benchmark's profile: the method where the work first splits, its callees, and the samples'
   * own (top-of-stack) time by where the code comes from.
   */
  record Profile(
      String group, int samples, String entry, List<Share> calls, Map<String, Double> self) {}

  /** One fork, enough samples for shares to a few percent. */
  static final Jmh.Settings SETTINGS = new Jmh.Settings(1, 3, "1s", 3, "3s");

  /** Callees below this share of the samples are left out. */
  private static final double SHOWN = 3.0;

  /** Callees from this share of the samples up are broken down one level further. */
  private static final double EXPANDED = 15.0;

  private Profiles() {}

  /** Runs {@code <group>.tern} under JFR and folds its samples; null if the run failed. */
  static Profile run(Layout layout, Path java, Path work, String group)
      throws IOException, InterruptedException {
    Path dir = work.resolve("jfr-" + group);
    Layout.deleteTree(dir);
    Files.createDirectories(dir);
    List<String> command =
        Jmh.command(
            layout, java, "dev\\.tern\\.benchmarks\\.jmh\\." + group + "\\.tern$", SETTINGS);
    command.addAll(List.of("-prof", "jfr:dir=" + dir + ";configName=profile"));
    System.out.println("profiling " + group + ".tern");
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("jfr-" + group + ".log").toFile())
            .start();
    if (p.waitFor() != 0) {
      return null;
    }
    Path recording;
    try (Stream<Path> files = Files.walk(dir)) {
      recording = files.filter(f -> f.toString().endsWith(".jfr")).findFirst().orElse(null);
    }
    return recording == null ? null : fold(group, recording);
  }

  /** Folds the execution samples of {@code recording} below {@code <group>.tern}. */
  static Profile fold(String group, Path recording) throws IOException {
    String benchmark = "dev.tern.benchmarks.jmh." + group + ".tern";
    Node root = new Node(group + ".tern");
    Map<String, Integer> self = new LinkedHashMap<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
      if (!"jdk.ExecutionSample".equals(e.getEventType().getName()) || e.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      int at = -1;
      for (int i = frames.size() - 1; i >= 0 && at < 0; i--) {
        if (qualified(frames.get(i)).equals(benchmark)) {
          at = i;
        }
      }
      if (at < 0) {
        continue;
      }
      root.samples++;
      Node node = root;
      for (int i = at - 1; i >= 0; i--) {
        node = node.child(simple(frames.get(i)));
        node.samples++;
      }
      self.merge(origin(frames.get(0)), 1, Integer::sum);
    }
    // Skip the hops that only pass the work on (the entry point calling its one implementation).
    Node entry = root;
    while (entry.dominant() != null) {
      entry = entry.dominant();
    }
    List<Share> calls = new ArrayList<>();
    for (Node child : entry.sorted()) {
      double percent = root.percent(child);
      if (percent < SHOWN) {
        break;
      }
      List<Share> parts = new ArrayList<>();
      if (percent >= EXPANDED) {
        for (Node part : child.sorted()) {
          double p = root.percent(part);
          if (p < SHOWN || parts.size() == 4) {
            break;
          }
          parts.add(new Share(part.method, p, List.of()));
        }
      }
      calls.add(new Share(child.method, percent, parts));
    }
    Map<String, Double> selfShares = new LinkedHashMap<>();
    self.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(
            s ->
                selfShares.put(
                    s.getKey(), root.samples == 0 ? 0 : 100.0 * s.getValue() / root.samples));
    return new Profile(group, root.samples, entry.method, calls, selfShares);
  }

  /** Where a frame's code comes from, for the top-of-stack breakdown. */
  static String origin(RecordedFrame frame) {
    String type = frame.getMethod().getType().getName();
    if (type.startsWith("dev.tern.benchmarks.")) {
      return "the platform's request and response as the benchmark builds them";
    }
    if (type.startsWith("dev.tern.")) {
      return "Tern";
    }
    if (type.startsWith("com.fasterxml.jackson.")) {
      return "Jackson";
    }
    if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
      return "JDK";
    }
    return "platform libraries";
  }

  private static String qualified(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  /** {@code Class.method} without the package; a lambda's generated class is named by its host. */
  private static String simple(RecordedFrame frame) {
    String type = frame.getMethod().getType().getName();
    type = type.substring(type.lastIndexOf('.') + 1);
    int lambda = type.indexOf("$$Lambda");
    if (lambda > 0) {
      type = type.substring(0, lambda) + "$lambda";
    }
    return type + "." + frame.getMethod().getName();
  }

  /** A call-tree node: a method reached along one path from the benchmark method. */
  private static final class Node {
    final String method;
    int samples;
    final Map<String, Node> children = new LinkedHashMap<>();

    Node(String method) {
      this.method = method;
    }

    Node child(String name) {
      return children.computeIfAbsent(name, Node::new);
    }

    /** The one callee that holds nearly all of this node's samples, if the work does not split. */
    Node dominant() {
      for (Node c : children.values()) {
        if (c.samples >= 0.9 * samples && !c.children.isEmpty()) {
          return c;
        }
      }
      return null;
    }

    List<Node> sorted() {
      List<Node> list = new ArrayList<>(children.values());
      list.sort(Comparator.comparingInt((Node n) -> n.samples).reversed());
      return list;
    }

    double percent(Node n) {
      return samples == 0 ? 0 : 100.0 * n.samples / samples;
    }
  }
}
