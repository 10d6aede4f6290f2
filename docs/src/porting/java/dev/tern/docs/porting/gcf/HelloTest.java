package dev.tern.docs.porting.gcf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.testing.AcrossClouds;
import dev.tern.testing.Harness;
import dev.tern.testing.TernTest;

/** The ported function answers as the Cloud Functions one did. */
@TernTest(Hello.class)
class HelloTest {
  @AcrossClouds
  void greetsByName(Harness harness) {
    assertThat(harness.get("/hello?name=Ada").body().text())
        .isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
  }
}
