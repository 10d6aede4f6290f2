package dev.tern.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The arithmetic and parsing behind the report's tables and verdicts. */
class ReportLogicTest {
  @Test
  void statsTakeTheMedianAndRange() {
    assertThat(Stats.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Stats(2, 1, 3, 3));
    assertThat(Stats.of(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
    assertThat(Stats.of(List.of()).empty()).isTrue();
    assertThat(Stats.of(List.of()).show()).isEqualTo("–");
    assertThat(Stats.of(List.of(85.5, 76.0, 100.0)).show()).isEqualTo("85.5 (76–100)");
  }

  @Test
  void numbersAreShownWholeFromAHundredOrWhenWhole() {
    assertThat(Stats.fmt(312.4)).isEqualTo("312");
    assertThat(Stats.fmt(42.0)).isEqualTo("42");
    assertThat(Stats.fmt(1.26)).isEqualTo("1.3");
    assertThat(Stats.fmt(Double.NaN)).isEqualTo("–");
  }

  @Test
  void aVerdictSaysByHowMuchATargetIsMissed() {
    assertThat(Report.verdict(0.96, 1.0)).isEqualTo("met");
    assertThat(Report.verdict(1.0, 1.0)).isEqualTo("met");
    assertThat(Report.verdict(1.29, 1.0)).isEqualTo("**missed by 29 %**");
    assertThat(Report.verdict(1.99, 1.6)).isEqualTo("**missed by 24 %**");
    assertThat(Report.verdict(Double.NaN, 1.0)).isEqualTo("–");
  }

  @Test
  void aVerdictSaysWhenTheTargetLiesWithinTheErrors() {
    assertThat(Report.verdict(0.96, 1.0, new double[] {0.88, 1.04}))
        .isEqualTo("met, within the error (0.88×–1.04×)");
    assertThat(Report.verdict(1.05, 1.0, new double[] {0.73, 1.73}))
        .isEqualTo("**missed by 5 %**, within the error (0.73×–1.73×)");
    assertThat(Report.verdict(1.51, 1.0, new double[] {1.41, 1.62}))
        .isEqualTo("**missed by 51 %**");
    assertThat(Report.verdict(0.5, 1.0, new double[] {0.4, 1.0})).isEqualTo("met");
    assertThat(Report.verdict(1.2, 1.0, null)).isEqualTo("**missed by 20 %**");
  }

  @Test
  void theErrorRangeOfARatioTakesEachScoreAtItsBounds() {
    Jmh.Row tern = new Jmh.Row("GcfHttp", "tern", 0.44, 0.04, 1184);
    Jmh.Row raw = new Jmh.Row("GcfHttp", "raw", 0.34, 0.02, 1048);

    double[] range = Report.errorRange(tern, raw);

    assertThat(range[0]).isCloseTo(0.40 / 0.36, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(range[1]).isCloseTo(0.48 / 0.32, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Report.errorRange(tern, new Jmh.Row("GcfHttp", "raw", 0.3, 0.3, 0))).isNull();
    assertThat(Report.errorRange(tern, new Jmh.Row("GcfHttp", "raw", 0.3, Double.NaN, 0))).isNull();
    assertThat(Report.errorRange(new Jmh.Row("GcfHttp", "tern", 0.2, 0.5, 0), raw)[0])
        .as("a time is never negative")
        .isZero();
  }

  @Test
  void readsJmhResultRows() throws Exception {
    String json =
        "[{\"benchmark\":\"dev.tern.benchmarks.jmh.GcfHttp.raw\","
            + "\"primaryMetric\":{\"score\":0.34,\"scoreError\":0.02},"
            + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":1048.0}}},"
            + "{\"benchmark\":\"dev.tern.benchmarks.jmh.SqsOne.tern\","
            + "\"primaryMetric\":{\"score\":3.84,\"scoreError\":\"NaN\"},"
            + "\"secondaryMetrics\":{}}]";

    List<Jmh.Row> rows = Jmh.rows(new ObjectMapper().readTree(json));

    assertThat(rows.get(0)).isEqualTo(new Jmh.Row("GcfHttp", "raw", 0.34, 0.02, 1048));
    assertThat(rows.get(1).group()).isEqualTo("SqsOne");
    assertThat(rows.get(1).method()).isEqualTo("tern");
    assertThat(rows.get(1).error()).isNaN();
    assertThat(rows.get(1).bytesPerOp()).isNaN();
  }

  @Test
  void theMissedHttpTargetsAreTheHttpGroupsWhereTernIsSlower() {
    List<Jmh.Row> rows =
        List.of(
            new Jmh.Row("ApiGatewayHttp", "raw", 5.46, 0.2, 0),
            new Jmh.Row("ApiGatewayHttp", "tern", 5.21, 0.2, 0),
            new Jmh.Row("AzureHttp", "raw", 0.34, 0.02, 0),
            new Jmh.Row("AzureHttp", "tern", 0.51, 0.02, 0),
            new Jmh.Row("SqsOne", "raw", 3.18, 0.2, 0),
            new Jmh.Row("SqsOne", "tern", 3.84, 0.2, 0));

    assertThat(Report.missedHttp(rows)).containsExactly("AzureHttp");
  }

  @Test
  void aDriverLineKeepsItsResponseWhole() {
    Map<String, String> kv =
        ColdStart.parse(
            "tern-coldstart first=85.5 main=39 classes=712 response={\"greeting\": \"Hello, Ada!\"}");

    assertThat(kv)
        .containsEntry("first", "85.5")
        .containsEntry("main", "39")
        .containsEntry("classes", "712")
        .containsEntry("response", "{\"greeting\": \"Hello, Ada!\"}");
  }
}
