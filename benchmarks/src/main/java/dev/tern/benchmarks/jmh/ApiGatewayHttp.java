package dev.tern.benchmarks.jmh;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.tern.aws.AwsHandler;
import dev.tern.benchmarks.handlers.DatabindHandler;
import dev.tern.benchmarks.handlers.StreamingHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** API Gateway HTTP API {@code GET /hello?name=Ada}: payload bytes in, proxy response bytes out. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ApiGatewayHttp {
  private byte[] payload;
  private AwsHandler tern;

  @Setup
  public void setUp() throws IOException {
    payload = Events.apiGatewayHello();
    tern = Tern.aws();
    Tern.expect(
        new String(tern(), StandardCharsets.UTF_8).contains("Hello, Ada!"),
        "tern answers the greeting");
    Tern.expect(
        new String(raw(), StandardCharsets.UTF_8).contains("Hello, Ada!"),
        "raw answers the greeting");
    Tern.expect(
        new String(rawStreaming(), StandardCharsets.UTF_8).contains("Hello, Ada!"),
        "streaming answers");
  }

  @Benchmark
  public byte[] tern() {
    return tern.handle(payload, Tern.LAMBDA);
  }

  @Benchmark
  public byte[] raw() throws IOException {
    return DatabindHandler.mapper()
        .writeValueAsBytes(DatabindHandler.respond(DatabindHandler.mapper().readTree(payload)));
  }

  @Benchmark
  public byte[] rawStreaming() throws IOException {
    String name;
    try (JsonParser parser = StreamingHandler.factory().createParser(payload)) {
      name = StreamingHandler.queryName(parser);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator generator = StreamingHandler.factory().createGenerator(out)) {
      StreamingHandler.respond(generator, name);
    }
    return out.toByteArray();
  }
}
