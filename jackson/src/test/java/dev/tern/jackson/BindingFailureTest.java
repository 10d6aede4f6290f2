package dev.tern.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Log;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.JsonLog;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a client sees when its JSON body cannot be bound, with the real codec behind Body.as. */
class BindingFailureTest {
  public record Order(String id, int quantity) {}

  public static final class PlaceOrder implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      Order order = request.body().as(Order.class);
      return HttpResponse.json(order).withStatus(201);
    }
  }

  private final List<String> lines = new ArrayList<>();
  private final Dispatcher dispatcher =
      Dispatcher.create(
          Router.create(
              List.of(
                  FunctionDescriptor.http(
                      "PlaceOrder", PlaceOrder.class.getName(), "/orders", List.of("POST"))),
              Settings.of(Map.of())),
          FunctionFactory.reflective(),
          getClass().getClassLoader());

  private HttpResponse post(String json) {
    return dispatcher.http(HttpRequest.postJson("/orders", json), function -> new LogOnly(lines));
  }

  @Test
  void bindsAWellFormedBody() {
    HttpResponse response = post("{\"id\":\"42\",\"quantity\":2,\"note\":\"extra\"}");

    assertThat(response.status()).isEqualTo(201);
    assertThat(response.body().text()).isEqualTo("{\"id\":\"42\",\"quantity\":2}");
  }

  @Test
  void answers400WithoutEchoingTheBody() throws Exception {
    HttpResponse response = post("{\"id\":\"42\",\"quantity\":\"<script>hunter2</script>\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().text())
        .startsWith("Bad Request")
        .doesNotContain("hunter2")
        .doesNotContain("<script>");
    assertThat(lines).singleElement().asString().doesNotContain("hunter2");
    assertThat(TernJson.mapper().readTree(lines.get(0)).get("level").asText()).isEqualTo("WARN");
  }

  @Test
  void answers400ForAnEmptyBody() {
    assertThat(post("").status()).isEqualTo(400);
  }

  private static final class LogOnly implements Context {
    private final Log log;

    LogOnly(List<String> lines) {
      this.log = JsonLog.builder(lines::add).timeKey(null).build();
    }

    @Override
    public String invocationId() {
      return "inv-1";
    }

    @Override
    public String functionName() {
      return "PlaceOrder";
    }

    @Override
    public Cloud cloud() {
      return Cloud.LOCAL;
    }

    @Override
    public Optional<Instant> deadline() {
      return Optional.empty();
    }

    @Override
    public Optional<String> traceId() {
      return Optional.empty();
    }

    @Override
    public Log log() {
      return log;
    }

    @Override
    public Optional<String> setting(String name) {
      return Optional.empty();
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
      return Optional.empty();
    }
  }
}
