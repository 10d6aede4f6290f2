package dev.tern.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.spi.Warmup;
import org.junit.jupiter.api.Test;

class WarmupTest {
  @Test
  void theEventFunctionsWarmUpReadsAnEnvelopeIntoAMessage() {
    assertThat(Warmup.runHere(new GcpEventFunction.EventWarmup()).failure()).isNull();
  }

  @Test
  void theHttpFunctionsWarmUpCompletesOnTheAdaptersClasspath() {
    assertThat(Warmup.runHere(Warmup.neutralHttp()).failure()).isNull();
  }
}
