package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.spi.Warmup;
import org.junit.jupiter.api.Test;

class AwsWarmupTest {
  @Test
  void walksTheHttpPathWithoutFailing() {
    assertThat(Warmup.runHere(new AwsWarmup()).failure()).isNull();
  }

  @Test
  void startsNoThreadOnASnapStartInit() {
    assertThat(AwsHandler.warmUnlessSnapStart("snap-start")).isTrue();
    assertThat(AwsHandler.warmUnlessSnapStart("on-demand")).isFalse();
  }
}
