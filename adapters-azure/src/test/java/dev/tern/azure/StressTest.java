package dev.tern.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Message;
import dev.tern.QueueFunction;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One adapter serving many threads at once, as one worker process does: every answer and every
 * context belongs to its own invocation.
 */
class StressTest {
  private static final int THREADS = 16;
  private static final int PER_THREAD = 400;
  static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  /** Answers with its caller's marker and its own invocation id. */
  public static final class Echo implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text(
              request.pathParam("marker").orElse("?")
                  + "|"
                  + context.invocationId()
                  + "|"
                  + request.body().text())
          .withHeader("X-Marker", request.header("X-Marker").orElse("?"));
    }
  }

  /** Records which invocation handled which message. */
  public static final class Sink implements QueueFunction {
    @Override
    public void handle(Message message, Context context) {
      SEEN.put(message.id(), context.invocationId() + "|" + message.body().text());
    }
  }

  @Test
  void keepsInvocationsApartUnderConcurrency() throws Exception {
    Dispatcher dispatcher =
        Dispatcher.create(
            Router.create(
                List.of(
                    FunctionDescriptor.http(
                        "Echo", Echo.class.getName(), "/echo/{marker}", List.of("POST")),
                    FunctionDescriptor.queue("Sink", Sink.class.getName(), "stress")),
                Settings.of(Map.of())),
            FunctionFactory.reflective(),
            getClass().getClassLoader());
    AzureAdapter adapter = AzureAdapter.create(dispatcher, Settings.of(Map.of()));
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      results.add(
          pool.submit(
              () -> {
                int checked = 0;
                for (int i = 0; i < PER_THREAD; i++) {
                  String marker = "t" + thread + "-" + i;
                  Fakes.Response response =
                      Fakes.response(
                          adapter.http(
                              Fakes.text("POST", "https://h/api/echo/" + marker, "body-" + marker)
                                  .header("X-Marker", marker),
                              new Fakes.Context("inv-" + marker, "Echo", null),
                              "Echo"));
                  assertThat(response.text())
                      .isEqualTo(marker + "|inv-" + marker + "|body-" + marker);
                  assertThat(response.getHeader("X-Marker")).isEqualTo(marker);
                  adapter.storageQueue(
                      ("msg-" + marker).getBytes(StandardCharsets.UTF_8),
                      "id-" + marker,
                      "1",
                      null,
                      new Fakes.Context("q-" + marker, "Sink", null),
                      "Sink");
                  checked++;
                }
                return checked;
              }));
    }
    int total = 0;
    for (Future<Integer> result : results) {
      total += result.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(total).isEqualTo(THREADS * PER_THREAD);
    assertThat(SEEN).hasSize(THREADS * PER_THREAD);
    SEEN.forEach(
        (id, value) -> {
          String marker = id.substring("id-".length());
          assertThat(value).isEqualTo("q-" + marker + "|msg-" + marker);
        });
  }
}
