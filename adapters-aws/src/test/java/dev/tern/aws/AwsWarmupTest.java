package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.spi.Warmup;
import org.junit.jupiter.api.Test;

class AwsWarmupTest {
  @Test
  void walksTheHttpPathWithoutFailing() {
    assertThat(Warmup.runHere(AwsWarmup.HTTP).failure()).isNull();
  }

  @Test
  void startsNoThreadOnASnapStartInit() {
    assertThat(AwsWarmup.start("snap-start")).isNull();
    assertThat(AwsWarmup.start("on-demand")).isNotNull();
  }
}
