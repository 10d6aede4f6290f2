package dev.tern.benchmarks.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.aws.AwsHandler;
import dev.tern.benchmarks.functions.Order;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The SQS work both ways; {@link SqsOne} and {@link SqsBatch} differ only in batch size. */
abstract class Sqs {
  byte[] payload;
  AwsHandler tern;
  double total;

  void setUp(int messages) throws IOException {
    payload = Events.sqs(messages);
    tern = Tern.aws();
    Tern.expect(
        new String(tern.handle(payload, Tern.LAMBDA), StandardCharsets.UTF_8)
            .contains("batchItemFailures"),
        "tern answers batchItemFailures");
    raw();
  }

  byte[] tern() {
    return tern.handle(payload, Tern.LAMBDA);
  }

  /**
   * The hand-written handler: {@code readTree} on the event, each body bound to {@link Order}, the
   * amounts added up, an empty partial-batch answer written.
   */
  byte[] raw() throws IOException {
    JsonNode event = Tern.MAPPER.readTree(payload);
    for (JsonNode record : event.path("Records")) {
      total += Tern.MAPPER.readValue(record.path("body").asText(), Order.class).amount();
    }
    return Tern.MAPPER.writeValueAsBytes(Map.of("batchItemFailures", java.util.List.of()));
  }
}
