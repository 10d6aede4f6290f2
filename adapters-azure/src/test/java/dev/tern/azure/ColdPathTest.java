package dev.tern.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.functions.ExecutionContext;
import dev.tern.spi.fake.ChildJvm;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cold HTTP invocation loads, seen from a fresh JVM: a request without App Service's
 * principal header loads nothing of databind, and a function that writes no log line sets up no
 * {@code java.util.logging}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ColdPathTest {
  @TempDir Path tmp;

  /** The child JVM: one GET through a fresh adapter. */
  public static void main(String[] args) {
    Fakes.Response response =
        Fakes.response(
            TestApp.adapter()
                .http(
                    Fakes.text("GET", "https://demo.azurewebsites.net/api/greet/ada?tag=a", null)
                        .header("X-Forwarded-For", "203.0.113.17:50123"),
                    new QuietContext(),
                    "Greet"));
    System.out.println("answer: " + response.getStatusCode() + " " + response.text());
  }

  /** A context whose logger is never made, so only Tern could set up logging. */
  private static final class QuietContext implements ExecutionContext {
    @Override
    public Logger getLogger() {
      return null;
    }

    @Override
    public String getInvocationId() {
      return "inv-cold";
    }

    @Override
    public String getFunctionName() {
      return "Greet";
    }
  }

  @Test
  void aColdHttpInvocationLoadsNoDatabindAndNoLogging() throws Exception {
    Path log = tmp.resolve("child.log");
    String output = ChildJvm.run(ChildJvm.of(log, ColdPathTest.class, "-Xlog:class+load=info"));

    assertThat(output)
        .contains("answer: 201 {\"name\":\"ada\",\"tags\":[\"a\"]")
        .contains("dev.tern.azure.internal.HttpMapper ")
        .doesNotContain("dev.tern.azure.internal.AppServicePrincipal ")
        .doesNotContain("com.fasterxml.jackson.databind.")
        .doesNotContain("java.util.logging.LogManager ");
  }
}
