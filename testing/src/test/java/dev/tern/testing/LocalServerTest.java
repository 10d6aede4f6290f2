package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LocalServerTest {
  @Test
  void enqueuesOverTheAdminEndpointAndLogsEachAttemptAndTheDeadLetterOnce() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Harness harness = Harness.builder()
        .functions(HarnessTest.Consumer.class)
        .setting("HARNESS_QUEUE", "orders")
        .delivery(DeliveryPolicy.azureQueue().withMaxAttempts(3))
        .build();
    LocalServer server = LocalServer.start(harness, 0, new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/_tern/queues/orders"))
              .POST(HttpRequest.BodyPublishers.ofString("poison pill")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("\"id\":\"m-1\"", "\"deadLettered\":true");
      String log = printed.toString(StandardCharsets.UTF_8);
      assertThat(log).contains("queue HarnessConsumer m-1 attempt 1 FAILED", "attempt 2 FAILED", "attempt 3 FAILED");
      assertThat(log.split("dead-lettered m-1 after 3 attempts", -1)).hasSize(2);
      assertThat(log).doesNotContain("after 1 attempts", "after 2 attempts");
    } finally {
      server.stop();
    }
  }
}
