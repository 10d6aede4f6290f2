package dev.tern.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.spi.Warmup;
import org.junit.jupiter.api.Test;

/**
 * With tern-jackson on the classpath, as every adapter has it, the neutral warm-up runs through.
 */
class WarmupWithCodecTest {
  @Test
  void theNeutralHttpWorkCompletes() {
    assertThat(Warmup.runHere(Warmup.neutralHttp()).failure()).isNull();
  }
}
