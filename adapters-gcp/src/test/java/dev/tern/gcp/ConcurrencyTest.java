package dev.tern.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.Message;
import dev.tern.jackson.TernJson;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One instance of each entry serving many threads at once, as on Cloud Functions 2nd gen: every
 * answer, message and context belongs to its own request.
 */
class ConcurrencyTest {
  static final int THREADS = 16;
  static final int PER_THREAD = 250;

  @Test
  @Timeout(120)
  void servesConcurrentRequestsAndEventsWithoutCrossTalk() throws Exception {
    Deployment deployment = Deployment.all();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        results.add(
            pool.submit(
                (Callable<Integer>)
                    () -> {
                      int checked = 0;
                      for (int i = 0; i < PER_THREAD; i++) {
                        String id = thread + "-" + i;
                        String trace = String.format("%032x", (long) thread * 100_000 + i + 1);
                        if (i % 2 == 0) {
                          Fakes.Response response =
                              deployment.call(
                                  Fakes.request("POST", "/echo/" + id + "?id=" + id)
                                      .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                                      .header("Function-Execution-Id", "exec-" + id)
                                      .body(id, "text/plain"));
                          JsonNode body = TernJson.mapper().readTree(response.bytes());
                          assertThat(response.status).isEqualTo(200);
                          assertThat(body.get("rest").asText()).isEqualTo(id);
                          assertThat(body.get("query").get("id").get(0).asText()).isEqualTo(id);
                          assertThat(
                                  new String(Base64.getDecoder().decode(body.get("body").asText())))
                              .isEqualTo(id);
                          assertThat(body.get("invocationId").asText()).isEqualTo("exec-" + id);
                          assertThat(body.get("traceId").asText()).isEqualTo(trace);
                        } else {
                          deployment.events.accept(
                              Fakes.event(
                                      "google.cloud.pubsub.topic.v1.messagePublished",
                                      "//pubsub.googleapis.com/projects/p/topics/orders",
                                      "ce-" + id)
                                  .time("2024-03-01T10:15:30Z")
                                  .extension("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                                  .data(
                                      "{\"message\":{\"messageId\":\""
                                          + id
                                          + "\",\"data\":\""
                                          + Base64.getEncoder().encodeToString(id.getBytes())
                                          + "\"}}"));
                        }
                        checked++;
                      }
                      return checked;
                    }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(100, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(THREADS * PER_THREAD);
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
    TestFunctions.Orders orders = deployment.instance(TestFunctions.Orders.class);
    assertThat(orders.seen).hasSize(THREADS * PER_THREAD / 2);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < orders.seen.size(); i++) {
      Message message = orders.seen.get(i);
      ids.add(message.id());
      assertThat(message.body().text()).isEqualTo(message.id());
    }
    assertThat(ids).hasSize(THREADS * PER_THREAD / 2);
    for (String pair : orders.pairs) {
      String[] p = pair.split("\\|", -1);
      String[] parts = p[0].split("-");
      String trace =
          String.format("%032x", Long.parseLong(parts[0]) * 100_000 + Long.parseLong(parts[1]) + 1);
      assertThat(p[1]).as("invocation of %s", p[0]).isEqualTo("ce-" + p[0]);
      assertThat(p[2]).as("trace of %s", p[0]).isEqualTo(trace);
    }
    System.out.printf(
        "gcp stress: %d threads x %d invocations, no cross-talk%n", THREADS, PER_THREAD);
  }
}
