package dev.tern.benchmarks.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and range of a handful of samples. */
record Stats(double median, double min, double max, int n) {
  static Stats of(List<Double> samples) {
    if (samples.isEmpty()) {
      return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    List<Double> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Stats(median, sorted.get(0), sorted.get(n - 1), n);
  }

  boolean empty() {
    return n == 0;
  }

  /** {@code 312 (300–326)}. */
  String show() {
    return empty() ? "–" : fmt(median) + " (" + fmt(min) + "–" + fmt(max) + ")";
  }

  String showMedian() {
    return empty() ? "–" : fmt(median);
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return Math.abs(v) >= 100 || v == Math.rint(v)
        ? String.valueOf(Math.round(v))
        : String.format(java.util.Locale.ROOT, "%.1f", v);
  }
}
