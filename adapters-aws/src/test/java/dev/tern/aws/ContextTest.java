package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.HttpRequest;
import dev.tern.aws.fns.Recorder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContextTest {
  @BeforeEach
  void clear() {
    Recorder.clear();
  }

  @Test
  void exposesRequestIdDeadlineTraceAndTheNativeContext() {
    Lambda lambda = Lambda.with(Map.of("TERN_AWS_BATCH_ITEM_FAILURES", "true", "GREETING", "hi"));
    FakeLambdaContext native_ = new FakeLambdaContext("c0ffee-42", 12_345);
    lambda.invoke(Lambda.fixture("http/http-api-v2-get.json"), native_);

    Context context = Recorder.calls().get(0).context();
    assertThat(context.invocationId()).isEqualTo("c0ffee-42");
    assertThat(context.functionName()).isEqualTo("Echo");
    assertThat(context.cloud()).isEqualTo(Cloud.AWS);
    assertThat(context.deadline()).contains(Lambda.NOW.plusMillis(12_345));
    assertThat(context.traceId())
        .contains("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
    assertThat(context.setting("GREETING")).contains("hi");
    assertThat(context.unwrap(com.amazonaws.services.lambda.runtime.Context.class))
        .containsSame(native_);
    assertThat(context.unwrap(String.class)).isEmpty();
    assertThat(Duration.ofMillis(12_345)).isPositive();
  }

  @Test
  void logsJsonLinesTaggedWithTheRequestId() {
    Lambda lambda = Lambda.standard();
    lambda.invoke(Lambda.fixture("http/http-api-v2-get.json"), new FakeLambdaContext("r-77"));
    Context context = Recorder.calls().get(0).context();
    context.log().info("order accepted", Map.of("orderId", "42"));

    assertThat(lambda.logLines).hasSize(1);
    Map<String, Object> line = Trees.object(lambda.logLines.get(0));
    assertThat(line)
        .containsEntry("AWSRequestId", "r-77")
        .containsEntry("level", "INFO")
        .containsEntry("message", "order accepted")
        .containsEntry("orderId", "42")
        .containsEntry("functionName", "Echo")
        .containsKey("timestamp");
  }

  @Test
  void logLevelSettingDropsLowerLevels() {
    Lambda lambda = Lambda.with(Map.of("TERN_LOG_LEVEL", "warn"));
    lambda.invokeFixture("http/http-api-v2-get.json");
    Context context = Recorder.calls().get(0).context();
    context.log().info("quiet");
    context.log().warn("loud");

    assertThat(lambda.logLines).hasSize(1);
    assertThat(lambda.logLines.get(0)).contains("loud");
  }

  @Test
  void logsNeverCarryAuthorizationCookiesOrBodies() {
    Lambda lambda = Lambda.standard();
    String boom =
        Lambda.fixtureText("http/http-api-v2-get.json").replace("\"/echo/42\"", "\"/boom\"");
    lambda.invoke(boom.getBytes(StandardCharsets.UTF_8));
    String badBody =
        Lambda.fixtureText("http/rest-v1-lambda-authorizer-post.json").replace("/echo/9", "/boom");
    lambda.invoke(badBody.getBytes(StandardCharsets.UTF_8));
    lambda.invokeFixture("sqs/batch.json");

    assertThat(lambda.logLines).isNotEmpty();
    for (String line : lambda.logLines) {
      assertThat(line)
          .doesNotContain("eyJraWQiOiJzZWNyZXQifQ")
          .doesNotContain("Bearer")
          .doesNotContain("abc123")
          .doesNotContain("session=")
          .doesNotContain("hello from REST")
          .doesNotContain("fail please")
          .doesNotContain("{\\\"order\\\":1}");
    }
    assertThat(Recorder.events(HttpRequest.class)).isEmpty();
  }
}
