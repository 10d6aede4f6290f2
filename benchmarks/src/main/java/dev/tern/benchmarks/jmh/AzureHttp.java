package dev.tern.benchmarks.jmh;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import dev.tern.azure.AzureAdapter;
import dev.tern.benchmarks.handlers.AzureExecution;
import dev.tern.benchmarks.handlers.AzureRequest;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Azure Functions {@code GET /api/hello?name=Ada}: the request the Java worker bound in, the
 * worker's response value out (what the generated entry returns).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AzureHttp {
  private AzureAdapter tern;
  private final AzureExecution context = new AzureExecution();

  @Setup
  public void setUp() throws Exception {
    tern = Tern.azure();
    Tern.expect(text(tern().getBody()).contains("Hello, Ada!"), "tern answers");
    Tern.expect(text(raw().getBody()).contains("Hello, Ada!"), "raw answers");
  }

  private static String text(Object body) {
    return body instanceof byte[]
        ? new String((byte[]) body, java.nio.charset.StandardCharsets.UTF_8)
        : String.valueOf(body);
  }

  @Benchmark
  public HttpResponseMessage tern() {
    return tern.http(new AzureRequest(), context, "Hello");
  }

  /** The hand-written Azure function: query parameter in, JSON string body out through databind. */
  @Benchmark
  public HttpResponseMessage raw() throws Exception {
    AzureRequest request = new AzureRequest();
    String name = request.getQueryParameters().getOrDefault("name", "world");
    return request
        .createResponseBuilder(HttpStatus.OK)
        .header("Content-Type", "application/json")
        .body(
            Tern.MAPPER.writeValueAsString(
                Tern.MAPPER.createObjectNode().put("greeting", "Hello, " + name + "!")))
        .build();
  }
}
