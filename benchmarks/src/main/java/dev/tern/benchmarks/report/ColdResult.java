package dev.tern.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/** The counted runs of one configuration, or why it could not run. */
final class ColdResult {
  final ColdConfig config;
  final List<Double> first = new ArrayList<>();
  final List<Double> main = new ArrayList<>();
  final List<Double> load = new ArrayList<>();
  final List<Double> ctor = new ArrayList<>();
  final List<Double> call = new ArrayList<>();
  final List<Double> wall = new ArrayList<>();
  final List<Double> classes = new ArrayList<>();
  final List<Double> rssMib = new ArrayList<>();
  String failure;
  String response = "";
  long archiveBytes = -1;

  ColdResult(ColdConfig config) {
    this.config = config;
  }

  boolean ok() {
    return failure == null && !first.isEmpty();
  }

  Stats stats(List<Double> samples) {
    return Stats.of(samples);
  }
}
