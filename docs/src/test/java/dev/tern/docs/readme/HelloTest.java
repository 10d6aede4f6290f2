package dev.tern.docs.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.HttpResponse;
import dev.tern.testing.Harness;
import dev.tern.testing.TernTest;
import org.junit.jupiter.api.Test;

// snippet: readme-hello-test
@TernTest(Hello.class)
class HelloTest {
  @Test
  void greetsByName(Harness harness) {
    HttpResponse response = harness.get("/hello?name=Ada");
    assertThat(response.body().text()).isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
  }
}
// end snippet
