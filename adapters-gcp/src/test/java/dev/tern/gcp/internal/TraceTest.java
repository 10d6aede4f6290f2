package dev.tern.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01     | 4bf92f3577b34da6a3ce929d0e0e4736",
        "' 00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01 ' | 4bf92f3577b34da6a3ce929d0e0e4736",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-       | 4bf92f3577b34da6a3ce929d0e0e4736",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7        | ",
        "000-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01    | ",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01     | ",
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01      | ",
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01     | ",
        // Fullwidth and Arabic-Indic digits are digits to Character.digit, but not hex.
        "00-4bf92f3577b34da6a3ce929d0e0e473\uFF11-00f067aa0ba902b7-01 | ",
        "00-4bf92f3577b34da6a3ce929d0e0e473\u0661-00f067aa0ba902b7-01 | ",
      })
  void readsTraceparent(String value, String expected) {
    assertThat(Trace.fromTraceparent(value).orElse(null)).isEqualTo(expected);
  }

  @Test
  void prefersTraceparentAndFallsBackToCloudTraceContext() {
    String cloud = "105445aa7843bc8bf206b12000100000/1;o=1";

    assertThat(Trace.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", cloud))
        .contains("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(Trace.of("00-bad-00f067aa0ba902b7-01", cloud))
        .contains("105445aa7843bc8bf206b12000100000");
    assertThat(Trace.of(null, null)).isEmpty();
    assertThat(Trace.fromCloudTraceContext("105445AA7843BC8BF206B12000100000/1"))
        .contains("105445aa7843bc8bf206b12000100000");
    assertThat(Trace.fromCloudTraceContext("105445aa7843bc8bf206b1200010000\uFF11/1")).isEmpty();
  }
}
