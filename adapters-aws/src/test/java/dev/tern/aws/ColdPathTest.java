package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import dev.tern.spi.fake.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a cold HTTP invocation loads, seen from a fresh JVM: the event is read by jackson-core's
 * UTF-8 parser alone and the answer written by {@code JsonBytes}, so neither {@code JsonFactory}
 * (whose verification loads about forty classes) nor anything of databind is loaded, and the JSON
 * codec is found without {@code ServiceLoader}, nor the function index by searching the JDK's
 * modules.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ColdPathTest {
  /** The environment variable that names the event file for the child JVM. */
  private static final String EVENT = "COLD_PATH_EVENT";

  @TempDir Path tmp;

  /** The child JVM: one API Gateway HTTP API event through a fresh {@link AwsHandler}. */
  public static void main(String[] args) throws IOException {
    // Read as a file named by the test: a class path resource would be searched for in the JDK's
    // modules first, which is what Tern avoids on this path.
    byte[] event = Files.readAllBytes(Path.of(System.getenv(EVENT)));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new AwsHandler().handleRequest(new java.io.ByteArrayInputStream(event), out, (Context) null);
    System.out.println("answer: " + out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aColdHttpInvocationLoadsNeitherJsonFactoryNorDatabind() throws Exception {
    Path log = tmp.resolve("child.log");
    ProcessBuilder builder = ChildJvm.of(log, ColdPathTest.class, "-Xlog:class+load=info");
    builder.environment().put("TERN_FUNCTION", "Echo");
    builder
        .environment()
        .put(
            EVENT,
            Path.of(ColdPathTest.class.getResource("/aws/http/http-api-v2-get.json").toURI())
                .toString());
    String output = ChildJvm.run(builder);

    assertThat(output)
        .contains("answer: {\"statusCode\":201,")
        .contains("com.fasterxml.jackson.core.json.UTF8StreamJsonParser ")
        .contains("dev.tern.jackson.JsonBytes ")
        .doesNotContain("com.fasterxml.jackson.core.JsonFactory ")
        .doesNotContain("com.fasterxml.jackson.core.JsonGenerator ")
        .doesNotContain("com.fasterxml.jackson.databind.")
        // tern-jackson's codec is found by name; ServiceLoader would read its file through a Reader
        // stack.
        .doesNotContain("java.util.ServiceLoader ")
        // The function index is read from the class path's folders and jars themselves: asking the
        // class loader would first search every module of the JDK's runtime image.
        .doesNotContain("jdk.internal.jimage.ImageReader ");
  }
}
