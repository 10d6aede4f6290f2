package dev.tern.benchmarks.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.benchmarks.functions.Order;
import dev.tern.gcp.GcpEventFunction;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A Pub/Sub {@code messagePublished} CloudEvent from topic {@code orders}, as Eventarc delivers it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PubSubEvent {
  private CloudEvent event;
  private GcpEventFunction tern;
  private double total;

  @Setup
  public void setUp() throws IOException {
    event = new PubSubCloudEvent(Events.pubSubData());
    tern = Tern.gcpEvents();
    tern();
    Tern.expect(raw() > 0, "raw binds the order");
  }

  @Benchmark
  public CloudEvent tern() {
    tern.accept(event);
    return event;
  }

  /** The hand-written {@code CloudEventsFunction}: {@code readTree} the data, base64, bind. */
  @Benchmark
  public double raw() throws IOException {
    JsonNode data = Tern.MAPPER.readTree(event.getData().toBytes());
    byte[] body = Base64.getDecoder().decode(data.path("message").path("data").asText());
    total += Tern.MAPPER.readValue(body, Order.class).amount();
    return total;
  }
}
