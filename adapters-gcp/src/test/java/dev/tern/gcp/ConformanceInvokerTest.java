package dev.tern.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tern.jackson.TernJson;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The conformance events replayed live against {@link GcpEventFunction} under the real invoker
 * 1.4.1, as the conformance client sends them: the legacy input, and the CloudEvent input in binary
 * and in structured mode. Each form must reach the function as the same neutral event (the summary
 * the test function logs), or fail the same way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ConformanceInvokerTest {
  private static final Set<String> MAPPED =
      Set.of("storage", "pubsub_text", "pubsub_binary", "legacy_pubsub", "firebase-auth");

  /** Keys that differ per delivery rather than per event. */
  private static final Set<String> PER_DELIVERY = Set.of("time", "executionId");

  private Invoker invoker;

  @AfterAll
  void stop() {
    if (invoker != null) {
      invoker.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> legacyBinaryAndStructuredFormsReachTheFunctionAlike() throws Exception {
    Path conformance = SharedFixtures.gcp("conformance");
    List<String> names = ConformanceTest.events(conformance);
    return names.stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      if (invoker == null) {
                        invoker =
                            Invoker.start(
                                GcpEventFunction.class.getName(),
                                Map.of(GcpSettings.PROJECT, "my-project-id"));
                      }
                      byte[] legacy =
                          Files.readAllBytes(conformance.resolve(name + "-legacy-input.json"));
                      JsonNode structured =
                          ConformanceTest.read(
                              conformance.resolve(name + "-cloudevent-input.json"));
                      Object viaLegacy =
                          deliver(
                              HttpRequest.newBuilder(invoker.uri("/"))
                                  .header("Content-Type", "application/json")
                                  .POST(HttpRequest.BodyPublishers.ofByteArray(legacy)));
                      Object viaStructured =
                          deliver(
                              HttpRequest.newBuilder(invoker.uri("/"))
                                  .header("Content-Type", "application/cloudevents+json")
                                  .POST(
                                      HttpRequest.BodyPublishers.ofByteArray(
                                          TernJson.mapper().writeValueAsBytes(structured))));
                      HttpRequest.Builder binary =
                          HttpRequest.newBuilder(invoker.uri("/"))
                              .header("Content-Type", "application/json")
                              .POST(
                                  HttpRequest.BodyPublishers.ofByteArray(
                                      TernJson.mapper().writeValueAsBytes(structured.get("data"))));
                      structured
                          .properties()
                          .forEach(
                              e -> {
                                if (!e.getKey().equals("data")
                                    && !e.getKey().equals("datacontenttype")) {
                                  binary.header("ce-" + e.getKey(), e.getValue().asText());
                                }
                              });
                      Object viaBinary = deliver(binary);
                      if (MAPPED.contains(name)) {
                        assertThat(viaStructured).as(name + " structured").isInstanceOf(Map.class);
                      } else {
                        assertThat(viaStructured).as(name + " structured").isEqualTo(500);
                      }
                      assertThat(viaLegacy)
                          .as(name + ": legacy vs structured")
                          .isEqualTo(viaStructured);
                      assertThat(viaBinary)
                          .as(name + ": binary vs structured")
                          .isEqualTo(viaStructured);
                    }));
  }

  /** The function's logged summary without per-delivery keys, or the status when it failed. */
  private Object deliver(HttpRequest.Builder request) throws Exception {
    int before = invoker.output.size();
    int status = invoker.send(request).statusCode();
    if (status != 200) {
      return status;
    }
    String line =
        invoker.awaitLineAfter(
            before, l -> l.startsWith("{") && l.contains("\"message\":\"tern-test "));
    ObjectNode node = (ObjectNode) TernJson.mapper().readTree(line);
    Map<String, String> summary = new TreeMap<>();
    node.properties()
        .forEach(
            e -> {
              if (!PER_DELIVERY.contains(e.getKey())) {
                summary.put(e.getKey(), e.getValue().asText());
              }
            });
    return summary;
  }
}
