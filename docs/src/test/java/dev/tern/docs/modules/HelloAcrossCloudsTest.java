package dev.tern.docs.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.docs.readme.Hello;
import dev.tern.testing.AcrossClouds;
import dev.tern.testing.Harness;
import dev.tern.testing.TernTest;

// snippet: testing-readme-hello
@TernTest(Hello.class)
class HelloAcrossCloudsTest {
  @AcrossClouds
  void greetsByName(Harness harness) {
    assertThat(harness.get("/hello?name=Ada").body().text())
        .isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
  }
}
// end snippet
