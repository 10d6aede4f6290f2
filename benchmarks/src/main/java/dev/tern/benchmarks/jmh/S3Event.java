package dev.tern.benchmarks.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.aws.AwsHandler;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** An S3 {@code ObjectCreated:Put} notification for bucket {@code uploads}, delivered to Lambda. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class S3Event {
  private byte[] payload;
  private AwsHandler tern;
  private long seen;

  @Setup
  public void setUp() throws IOException {
    payload = Events.s3Put();
    tern = Tern.aws();
    tern();
    Tern.expect(raw() > 0, "raw reads the object");
  }

  @Benchmark
  public byte[] tern() {
    return tern.handle(payload, Tern.LAMBDA);
  }

  /** The hand-written handler: {@code readTree}, bucket, form-decoded key, size and kind. */
  @Benchmark
  public long raw() throws IOException {
    JsonNode event = Tern.MAPPER.readTree(payload);
    for (JsonNode record : event.path("Records")) {
      if (!record.path("eventName").asText().startsWith("ObjectCreated:")) {
        continue;
      }
      JsonNode s3 = record.path("s3");
      String bucket = s3.path("bucket").path("name").asText();
      String key =
          URLDecoder.decode(s3.path("object").path("key").asText(), StandardCharsets.UTF_8);
      if (bucket.equals("uploads")) {
        seen += s3.path("object").path("size").asLong() + key.length();
      }
    }
    return seen;
  }
}
