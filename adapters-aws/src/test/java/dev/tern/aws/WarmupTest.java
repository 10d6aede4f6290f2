package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmupTest {
  @Test
  void walksTheHttpPathWithoutFailing() {
    Warmup warmup = new Warmup();

    warmup.run();

    assertThat(warmup.failure()).isNull();
  }

  @Test
  void startsNoThreadOnASnapStartInit() {
    assertThat(Warmup.start("snap-start")).isNull();
    assertThat(Warmup.start("on-demand")).isNotNull();
  }
}
