package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import dev.tern.spi.fake.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * codec is found without {@code ServiceLoader}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ColdPathTest {
  @TempDir Path tmp;

  /** The child JVM: one API Gateway HTTP API event through a fresh {@link AwsHandler}. */
  public static void main(String[] args) throws IOException {
    byte[] event;
    try (InputStream in =
        ColdPathTest.class.getResourceAsStream("/aws/http/http-api-v2-get.json")) {
      event = in.readAllBytes();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new AwsHandler().handleRequest(new java.io.ByteArrayInputStream(event), out, (Context) null);
    System.out.println("answer: " + out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aColdHttpInvocationLoadsNeitherJsonFactoryNorDatabind() throws Exception {
    Path log = tmp.resolve("child.log");
    ProcessBuilder builder = ChildJvm.of(log, ColdPathTest.class, "-Xlog:class+load=info");
    builder.environment().put("TERN_FUNCTION", "Echo");
    Process process = builder.start();
    assertThat(process.waitFor(45, TimeUnit.SECONDS)).as("the JVM finished").isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("answer: {\"statusCode\":201,")
        .contains("com.fasterxml.jackson.core.json.UTF8StreamJsonParser ")
        .contains("dev.tern.jackson.JsonBytes ")
        .doesNotContain("com.fasterxml.jackson.core.JsonFactory ")
        .doesNotContain("com.fasterxml.jackson.core.JsonGenerator ")
        .doesNotContain("com.fasterxml.jackson.databind.")
        // tern-jackson's codec is found by name; ServiceLoader would read its file through a Reader
        // stack.
        .doesNotContain("java.util.ServiceLoader ");
  }
}
