package dev.tern.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.azure.Fakes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AzureContextTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01     | 4bf92f3577b34da6a3ce929d0e0e4736",
        "' 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ' | 4bf92f3577b34da6a3ce929d0e0e4736",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7--x     | 4bf92f3577b34da6a3ce929d0e0e4736",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-       | ",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7        | ",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01     | ",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01     | ",
        "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01      | ",
        "4bf92f3577b34da6a3ce929d0e0e4736                            | ",
      })
  void readsTheTraceIdOfAWellFormedTraceparent(String traceparent, String expected) {
    assertThat(AzureContext.traceId(new Fakes.Context("id", "Fn", traceparent)))
        .isEqualTo(expected);
  }
}
