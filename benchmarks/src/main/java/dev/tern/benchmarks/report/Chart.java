package dev.tern.benchmarks.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The cold-start chart: median JVM start → first response per configuration, log scale. */
final class Chart {
  private Chart() {}

  static void coldStart(Map<String, ColdResult> results, Path png) throws IOException {
    List<String> names = new ArrayList<>();
    List<Double> medians = new ArrayList<>();
    for (ColdResult r : results.values()) {
      if (!r.ok()) {
        continue;
      }
      double median = Stats.of(r.first).median();
      names.add(r.config.tern() ? "[Tern] " + r.config.id() : r.config.id());
      medians.add(median);
    }
    if (names.isEmpty()) {
      return;
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1200)
            .height(640)
            .title(
                "Cold start: JVM start to first response (median ms, log scale; lower is better)")
            .xAxisTitle("configuration")
            .yAxisTitle("ms")
            .build();
    Styler s = chart.getStyler();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setYAxisMin(10.0);
    chart.getStyler().setXAxisLabelRotation(35);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
    chart.getStyler().setLabelsFontColor(Color.DARK_GRAY);
    chart.getStyler().setDecimalPattern("#");
    s.setLegendVisible(false);
    s.setChartBackgroundColor(Color.WHITE);
    s.setSeriesColors(new Color[] {new Color(0x1f77b4)});
    chart.addSeries("median", names, medians);
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
