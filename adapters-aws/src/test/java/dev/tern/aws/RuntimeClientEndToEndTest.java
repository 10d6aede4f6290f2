package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link AwsHandler} under the real Lambda runtime interface client (2.10.1) in a child JVM,
 * against a Runtime API written in the test. The handler loads the test functions from the index
 * the annotation processor wrote for the test sources.
 *
 * <p>The client bundles a Linux JNI library and runs only on Linux.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RuntimeClientEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private RuntimeApiServer api;
  private Process child;

  @BeforeEach
  void start() throws IOException {
    assumeTrue(
        System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
        "the Lambda runtime interface client ships JNI code for Linux only");
    api = new RuntimeApiServer();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (child != null && child.isAlive()) {
      child.destroy();
      if (!child.waitFor(5, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    if (api != null) {
      api.close();
    }
  }

  private Process launch(Map<String, String> env, String... jvmArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-Djava.io.tmpdir=" + tmp);
    command.addAll(List.of(jvmArgs));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("com.amazonaws.services.lambda.runtime.api.client.AWSLambda");
    command.add(AwsHandler.class.getName());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(tmp.toFile())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("child.log").toFile());
    Map<String, String> environment = builder.environment();
    environment
        .keySet()
        .removeIf(k -> k.startsWith("AWS_") || k.startsWith("TERN_") || k.startsWith("_"));
    environment.put("AWS_LAMBDA_RUNTIME_API", api.address());
    environment.put("AWS_LAMBDA_FUNCTION_NAME", "tern-e2e");
    environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
    environment.putAll(env);
    child = builder.start();
    return child;
  }

  private String childLog() throws IOException {
    File log = tmp.resolve("child.log").toFile();
    return log.exists() ? Files.readString(log.toPath(), StandardCharsets.UTF_8) : "";
  }

  private RuntimeApiServer.Post next() throws Exception {
    RuntimeApiServer.Post post = api.next(WAIT);
    assertThat(post)
        .as("the runtime client answered within %s; its output:%n%s", WAIT, childLog())
        .isNotNull();
    return post;
  }

  @Test
  void servesHttpSqsAndFailuresUnderTheRealRuntimeClient() throws Exception {
    launch(Map.of("TERN_AWS_BATCH_ITEM_FAILURES", "true"));

    api.enqueue("e2e-http-1", Lambda.fixture("http/http-api-v2-get.json"));
    RuntimeApiServer.Post http = next();
    assertThat(http.kind()).isEqualTo("response");
    assertThat(http.requestId()).isEqualTo("e2e-http-1");
    Map<String, Object> response = Trees.object(http.body());
    assertThat(Trees.at(response, "statusCode")).hasToString("201");
    assertThat(Trees.list(response, "cookies")).containsExactly("seen=42; HttpOnly", "flavour=oat");
    Map<String, Object> body = Trees.object(Trees.text(response, "body"));
    assertThat(body)
        .containsEntry("id", "42")
        .containsEntry("requestId", "e2e-http-1")
        .containsEntry("caller", "jwt:7d8ca528-4931-4254-9273-ea5ee853f271");

    api.enqueue("e2e-sqs-2", Lambda.fixture("sqs/batch.json"));
    RuntimeApiServer.Post sqs = next();
    assertThat(sqs.kind()).isEqualTo("response");
    assertThat(sqs.requestId()).isEqualTo("e2e-sqs-2");
    assertThat(sqs.body()).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}");

    String failingUpload = Lambda.fixtureText("s3/put.json").replace("q1+2024", "fail");
    api.enqueue("e2e-s3-3", failingUpload.getBytes(StandardCharsets.UTF_8));
    RuntimeApiServer.Post error = next();
    assertThat(error.kind()).isEqualTo("error");
    assertThat(error.requestId()).isEqualTo("e2e-s3-3");
    assertThat(error.errorType()).isEqualTo("Runtime.UserException");
    assertThat(Trees.text(Trees.object(error.body()), "errorType"))
        .isEqualTo("dev.tern.FunctionFailedException");

    api.enqueue("e2e-bad-4", "[1,2".getBytes(StandardCharsets.UTF_8));
    RuntimeApiServer.Post bad = next();
    assertThat(bad.kind()).isEqualTo("error");
    assertThat(Trees.text(Trees.object(bad.body()), "errorType"))
        .isEqualTo("dev.tern.UndecodablePayloadException");

    api.stop();
    assertThat(child.waitFor(20, TimeUnit.SECONDS))
        .as("the runtime client exits when /next fails")
        .isTrue();
    String log = childLog();
    assertThat(log).contains("\"AWSRequestId\":\"e2e-s3-3\"").contains("\"level\":\"ERROR\"");
    assertThat(log).doesNotContain("eyJraWQiOiJzZWNyZXQifQ").doesNotContain("abc123");
  }

  @Test
  void primesEveryFunctionBeforeTheSnapStartCheckpoint() throws Exception {
    // As the managed Java runtime starts the client for SnapStart.
    launch(
        Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start", "TERN_AWS_PRIMING", "adapter"),
        "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");

    RuntimeApiServer.Post restore = next();
    assertThat(restore.kind()).isEqualTo("restore/next");
    assertThat(childLog()).contains("SnapStart priming done").contains("\"events\":11");

    api.enqueue("e2e-after-restore", Lambda.fixture("http/http-api-v2-get.json"));
    RuntimeApiServer.Post http = next();
    assertThat(http.kind()).isEqualTo("response");
    assertThat(Trees.at(Trees.object(http.body()), "statusCode")).hasToString("201");
  }

  @Test
  void reportsAThrowingConstructorAsAnInitError() throws Exception {
    launch(Map.of("TERN_TEST_BREAK_INIT", "true"));

    RuntimeApiServer.Post init = next();
    assertThat(init.kind()).isEqualTo("init/error");
    assertThat(init.body()).contains("configuration missing: DATABASE_URL");
    assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isNotZero();
  }
}
