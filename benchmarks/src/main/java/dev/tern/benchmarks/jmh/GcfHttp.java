package dev.tern.benchmarks.jmh;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.tern.benchmarks.handlers.GcpRequest;
import dev.tern.benchmarks.handlers.GcpResponse;
import dev.tern.gcp.GcpHttpFunction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cloud Functions {@code GET /hello?name=Ada}: the request as the Functions Framework parsed it in,
 * the body written to the framework's response out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GcfHttp {
  private GcpHttpFunction tern;
  private final HttpFunction raw = new RawHello();

  /** The hand-written {@code HttpFunction}: query parameter in, JSON out through databind. */
  static final class RawHello implements HttpFunction {
    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
      String name =
          request.getFirstQueryParameter("name").filter(n -> !n.isBlank()).orElse("world");
      response.setContentType("application/json");
      Tern.MAPPER.writeValue(
          response.getOutputStream(),
          Tern.MAPPER.createObjectNode().put("greeting", "Hello, " + name + "!"));
    }
  }

  @Setup
  public void setUp() throws Exception {
    tern = Tern.gcpHttp();
    Tern.expect(
        new String(tern().body(), StandardCharsets.UTF_8).contains("Hello, Ada!"), "tern answers");
    Tern.expect(
        new String(raw().body(), StandardCharsets.UTF_8).contains("Hello, Ada!"), "raw answers");
  }

  @Benchmark
  public GcpResponse tern() throws Exception {
    GcpResponse response = new GcpResponse();
    tern.service(new GcpRequest(), response);
    return response;
  }

  @Benchmark
  public GcpResponse raw() throws Exception {
    GcpResponse response = new GcpResponse();
    raw.service(new GcpRequest(), response);
    return response;
  }
}
