package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.FunctionFailedException;
import dev.tern.HttpRequest;
import dev.tern.aws.fns.Recorder;
import dev.tern.spi.Dispatcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Nothing lost, nothing leaked, nothing mixed up between concurrent invocations. */
class ReliabilityTest {
  @BeforeEach
  void clear() {
    Recorder.clear();
  }

  @Test
  void concurrentInvocationsNeverCrossTalk() throws Exception {
    Lambda lambda = Lambda.standard();
    String template = Lambda.fixtureText("http/http-api-v2-get.json");
    int threads = 8;
    int perThread = 400;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    String id = thread + "-" + i;
                    byte[] payload =
                        template
                            .replace("/echo/42", "/echo/" + id)
                            .getBytes(StandardCharsets.UTF_8);
                    Map<String, Object> body =
                        Trees.object(
                            Trees.text(
                                Trees.object(
                                    lambda.invoke(payload, new FakeLambdaContext("req-" + id))),
                                "body"));
                    assertThat(body)
                        .containsEntry("id", id)
                        .containsEntry("requestId", "req-" + id);
                  }
                  return perThread;
                }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
    assertThat(Recorder.calls())
        .hasSize(threads * perThread)
        .allSatisfy(
            call -> {
              HttpRequest request = (HttpRequest) call.event();
              assertThat(call.context().invocationId())
                  .isEqualTo("req-" + request.pathParam("id").orElseThrow());
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http/http-api-v2-post-base64.json",
        "http/rest-v1-lambda-authorizer-post.json",
        "http/alb-single.json",
        "http/alb-multi.json"
      })
  void callerCannotBeSpoofedWithHeaders(String fixture) {
    // Strip whatever authorizer the fixture has, then add every header a client might forge.
    Map<String, Object> event = Trees.editable(Lambda.fixtureText(fixture));
    @SuppressWarnings("unchecked")
    Map<String, Object> rc = (Map<String, Object>) event.get("requestContext");
    rc.remove("authorizer");
    if (rc.get("identity") instanceof Map) {
      rc.put("identity", Map.of("sourceIp", "192.0.2.1"));
    }
    Map<String, Object> forged =
        Map.of(
            "authorization",
            "Bearer forged",
            "x-amzn-oidc-identity",
            "admin",
            "x-amzn-oidc-data",
            "forged",
            "x-apigateway-authorizer",
            "{\"principalId\":\"admin\"}",
            "x-ms-client-principal",
            "YWRtaW4=",
            "x-user",
            "admin");
    if (event.get("multiValueHeaders") instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> headers = (Map<String, Object>) event.get("multiValueHeaders");
      forged.forEach((k, v) -> headers.put(k, List.of(v)));
    }
    if (event.get("headers") instanceof Map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> headers = (Map<String, Object>) event.get("headers");
      headers.putAll(forged);
    }
    byte[] payload = dev.tern.aws.internal.Json.toBytes(event);
    Lambda.standard().invoke(payload.length > 0 ? payload : new byte[0]);

    List<HttpRequest> requests = Recorder.events(HttpRequest.class);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).caller()).isEmpty();
    assertThat(requests.get(0).header("x-amzn-oidc-identity")).contains("admin");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cognito/presignup.json",
        "cognito/preauthentication-locked.json",
        "cognito/pretokengen-v1.json",
        "cognito/pretokengen-v2.json"
      })
  void cognitoFailsClosedWhenTheFunctionThrows(String fixture) {
    String explode =
        Lambda.fixtureText(fixture).replace("\"userName\": \"ada\"", "\"userName\": \"explode\"");

    assertThatThrownBy(() -> Lambda.standard().invoke(explode.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessage(Dispatcher.AUTH_FAILED);
  }
}
