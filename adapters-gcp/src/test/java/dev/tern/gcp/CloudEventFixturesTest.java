package dev.tern.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.jackson.TernJson;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every CloudEvent fixture under {@code src/test/resources/gcp/} goes through {@link
 * GcpEventFunction} and must produce the neutral event (or the typed error) of its {@code
 * .expected.json} pair.
 */
class CloudEventFixturesTest {
  static Path root() throws URISyntaxException {
    return Path.of(CloudEventFixturesTest.class.getResource("/gcp").toURI());
  }

  static List<Path> fixtures() throws Exception {
    List<Path> out = new ArrayList<>();
    for (String dir : List.of("pubsub", "storage", "firebase-auth", "unsupported")) {
      try (Stream<Path> files = Files.list(root().resolve(dir))) {
        files
            .filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".expected.json"))
            .sorted()
            .forEach(out::add);
      }
    }
    return out;
  }

  @Test
  void hasAFixtureForEveryMappedTypeAndBadInput() throws Exception {
    assertThat(fixtures()).hasSizeGreaterThanOrEqualTo(16);
  }

  @TestFactory
  Stream<DynamicTest> eachFixtureGivesItsPairedResult() throws Exception {
    Path root = root();
    return fixtures().stream()
        .map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), () -> check(file)));
  }

  private static void check(Path file) throws Exception {
    Path pair = Path.of(file.toString().replace(".json", ".expected.json"));
    JsonNode expected = TernJson.mapper().readTree(Files.readAllBytes(pair));
    Deployment deployment = Deployment.all();
    Fakes.Event event = Structured.read(file);
    if (expected.has("error")) {
      Throwable thrown = catchThrowable(() -> deployment.events.accept(event));
      assertThat(thrown).isNotNull();
      assertThat(thrown.getClass().getSimpleName()).isEqualTo(expected.get("error").asText());
      assertThat(thrown.getMessage()).startsWith("gcp: ");
      for (JsonNode mention : expected.get("mentions")) {
        assertThat(thrown.getMessage()).contains(mention.asText());
      }
      return;
    }
    deployment.events.accept(event);
    List<Object> seen = new ArrayList<>();
    seen.addAll(deployment.instance(TestFunctions.Orders.class).seen);
    seen.addAll(deployment.instance(TestFunctions.Uploads.class).seen);
    seen.addAll(deployment.instance(TestFunctions.Accounts.class).seen);
    assertThat(seen).hasSize(1);
    Map<String, String> want = new TreeMap<>();
    expected.get("neutral").properties().forEach(e -> want.put(e.getKey(), e.getValue().asText()));
    assertThat(NeutralView.of(seen.get(0))).isEqualTo(want);
  }
}
