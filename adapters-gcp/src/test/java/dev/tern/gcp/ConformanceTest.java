package dev.tern.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.TernException;
import dev.tern.gcp.internal.Ce;
import dev.tern.gcp.internal.Events;
import dev.tern.jackson.TernJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A JUnit port of the Functions Framework conformance validation
 * (GoogleCloudPlatform/functions-framework-conformance {@code events/validators.go}) over {@code
 * ../shared/fixtures/gcp/conformance/}: each event's CloudEvent input, and the CloudEvents the real
 * invoker 1.4.1 delivered for its legacy, binary and structured forms ({@code invoker-observed/}),
 * must match the expected CloudEvent output attribute by attribute with data compared as JSON, and
 * must all normalize to the same neutral event (or the same typed error).
 */
class ConformanceTest {
  /**
   * Conformance events that Tern maps to a neutral event; the rest (Firestore, RTDB) are
   * unsupported.
   */
  private static final Set<String> MAPPED =
      Set.of("storage", "pubsub_text", "pubsub_binary", "legacy_pubsub", "firebase-auth");

  private static final List<String> MODES =
      List.of("legacy-to-cloudeventfn", "binaryce-to-cloudeventfn", "structuredce-to-cloudeventfn");

  static List<String> events(Path conformance) throws Exception {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(conformance)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith("-cloudevent-input.json"))
          .map(n -> n.substring(0, n.length() - "-cloudevent-input.json".length()))
          .sorted()
          .forEach(names::add);
    }
    return names;
  }

  @Test
  void coversAllSeventeenConformanceEvents() throws Exception {
    List<String> names = events(SharedFixtures.gcp("conformance"));
    assertThat(names).hasSize(17).containsAll(MAPPED);
  }

  @TestFactory
  Stream<DynamicTest> everyFormOfAnEventNormalizesToTheSameNeutralEvent() throws Exception {
    Path conformance = SharedFixtures.gcp("conformance");
    Path observed = SharedFixtures.gcp("invoker-observed");
    return events(conformance).stream()
        .map(
            name ->
                DynamicTest.dynamicTest(
                    name,
                    () -> {
                      JsonNode expected =
                          read(conformance.resolve(name + "-cloudevent-output.json"));
                      Ce input =
                          Ce.from(
                              Structured.read(
                                  conformance.resolve(name + "-cloudevent-input.json")));
                      validate(input, expected, name + " cloudevent input");
                      Object outcome = outcome(input);
                      if (MAPPED.contains(name)) {
                        assertThat(outcome).as(name).isInstanceOf(Map.class);
                      } else {
                        assertThat(outcome).as(name).isEqualTo("UnsupportedEventException");
                      }
                      int forms = 0;
                      for (String mode : MODES) {
                        Path file = observed.resolve(name + "--" + mode + ".json");
                        if (!Files.exists(file)) {
                          continue;
                        }
                        Ce delivered = Ce.from(observedEvent(read(file).get("received")));
                        validate(delivered, expected, name + " " + mode);
                        assertThat(outcome(delivered)).as(name + " " + mode).isEqualTo(outcome);
                        forms++;
                      }
                      assertThat(forms).as(name + ": forms checked").isEqualTo(3);
                    }));
  }

  /** The neutral view, or the simple name of the typed exception. */
  static Object outcome(Ce ce) {
    try {
      return NeutralView.of(Events.normalize(ce));
    } catch (TernException e) {
      return e.getClass().getSimpleName();
    }
  }

  /** validators.go: id, source, subject, type, time, datacontenttype, and data compared as JSON. */
  static void validate(Ce actual, JsonNode expected, String what) throws Exception {
    assertThat(actual.id()).as(what + " id").isEqualTo(text(expected, "id"));
    assertThat(actual.source()).as(what + " source").isEqualTo(text(expected, "source"));
    assertThat(actual.subject()).as(what + " subject").isEqualTo(text(expected, "subject"));
    assertThat(actual.type()).as(what + " type").isEqualTo(text(expected, "type"));
    assertThat(actual.time())
        .as(what + " time")
        .isEqualTo(OffsetDateTime.parse(text(expected, "time")).toInstant());
    assertThat(actual.dataContentType())
        .as(what + " datacontenttype")
        .isEqualTo(text(expected, "datacontenttype"));
    JsonNode data = TernJson.mapper().readTree(actual.data());
    if (data.isObject() && data.has("subscription") && !expected.get("data").has("subscription")) {
      // The expected outputs are what the legacy conversion yields, and a legacy Pub/Sub event has
      // no
      // subscription; a CloudEvent input carries one, which the comparison leaves out.
      ((com.fasterxml.jackson.databind.node.ObjectNode) data).remove("subscription");
    }
    assertThat(data).as(what + " data").isEqualTo(expected.get("data"));
  }

  private static Fakes.Event observedEvent(JsonNode received) {
    Fakes.Event event =
        Fakes.event(text(received, "type"), text(received, "source"), text(received, "id"));
    if (text(received, "subject") != null) {
      event.subject(text(received, "subject"));
    }
    event.time(text(received, "time"));
    event.data(Base64.getDecoder().decode(text(received, "data_base64")));
    received
        .get("extensions")
        .properties()
        .forEach(e -> event.extension(e.getKey(), e.getValue().asText()));
    return event;
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v == null || v.isNull() ? null : v.asText();
  }

  static JsonNode read(Path file) throws Exception {
    return TernJson.mapper().readTree(Files.readAllBytes(file));
  }
}
