package dev.tern.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tern.TernException;
import dev.tern.jackson.TernJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutated native payloads through both entries: truncation, wrong types, missing and duplicated
 * keys, deep nesting, huge strings, invalid base64 and UTF-8. The event entry may only throw Tern's
 * typed exceptions; the HTTP entry may only answer with a status, never let an exception out, and
 * never reach its "unexpected exception" path. Each case must finish quickly.
 */
class FuzzTest {
  static final int CASES_PER_ENTRY = 10_000;
  private static final long SEED = 20261127L;
  private static final long MAX_CASE_MILLIS = 2_000;
  private static final Set<Integer> STATUSES = Set.of(200, 201, 204, 400, 401, 404, 405, 413, 500);
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Random random = new Random(SEED);

  /** CloudEvent seeds: this module's fixtures, and the shared ones when present. */
  private static List<JsonNode> eventSeeds() throws Exception {
    List<JsonNode> seeds = new ArrayList<>();
    for (Path file : CloudEventFixturesTest.fixtures()) {
      seeds.add(TernJson.mapper().readTree(Files.readAllBytes(file)));
    }
    Path shared =
        Path.of(System.getProperty("tern.repositoryRoot", "."))
            .resolve("../shared/fixtures/gcp/conformance");
    if (Files.isDirectory(shared)) {
      try (Stream<Path> files = Files.list(shared)) {
        for (Path p :
            files.filter(p -> p.toString().endsWith("-cloudevent-input.json")).sorted().toList()) {
          seeds.add(TernJson.mapper().readTree(Files.readAllBytes(p)));
        }
      }
    }
    return seeds;
  }

  /** HTTP body seeds: a push envelope, a blocking request, an HTTP JSON body. */
  private static List<byte[]> httpSeeds() throws Exception {
    Path root = CloudEventFixturesTest.root();
    return List.of(
        Files.readAllBytes(root.resolve("push/envelope.json")),
        Files.readAllBytes(root.resolve("identity-platform/before-create-emulator.json")),
        Tokens.body(Tokens.sign(Tokens.claims("beforeCreate", "ada@example.com").build()))
            .getBytes(StandardCharsets.UTF_8),
        "{\"message\":{\"data\":\"eA==\",\"messageId\":\"1\",\"attributes\":{\"a\":\"b\"}},\"subscription\":\"projects/p/subscriptions/Nightly\",\"deliveryAttempt\":1}"
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theEventEntryOnlyEverThrowsTypedTernExceptions() throws Exception {
    Deployment deployment = Deployment.all();
    List<JsonNode> seeds = eventSeeds();
    long slowest = 0;
    int typed = 0;
    for (int i = 0; i < CASES_PER_ENTRY; i++) {
      JsonNode seed = seeds.get(random.nextInt(seeds.size())).deepCopy();
      Fakes.Event event = mutateEvent(seed);
      long start = System.nanoTime();
      try {
        deployment.events.accept(event);
      } catch (TernException e) {
        typed++;
        assertThat(e.getMessage()).as("case %d", i).isNotBlank();
      } catch (RuntimeException | Error e) {
        throw new AssertionError(
            "case " + i + " threw " + e.getClass().getName() + ": " + e.getMessage(), e);
      }
      slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
    }
    assertThat(slowest).as("slowest case in ms").isLessThan(MAX_CASE_MILLIS);
    assertThat(typed).as("mutations that were refused").isGreaterThan(CASES_PER_ENTRY / 10);
    System.out.printf(
        "gcp fuzz: %d CloudEvents, %d refused with a typed exception, slowest %d ms%n",
        CASES_PER_ENTRY, typed, slowest);
  }

  @Test
  void theHttpEntryOnlyEverAnswersWithAStatus() throws Exception {
    Deployment deployment =
        new Deployment(
            Map.of(GcpSettings.INSECURE_UNSIGNED_TOKENS, "true", GcpSettings.PROJECT, "project_id"),
            Tokens.FIXTURE_TIME,
            TestFunctions.Echo.class,
            TestFunctions.Orders.class,
            TestFunctions.Nightly.class,
            TestFunctions.Accounts.class);
    List<byte[]> seeds = httpSeeds();
    long slowest = 0;
    int[] counts = new int[600];
    for (int i = 0; i < CASES_PER_ENTRY; i++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] body = random.nextInt(3) == 0 ? mutateBytes(seed) : mutateJsonBytes(seed);
      Fakes.Request request =
          Fakes.request("POST", random.nextInt(10) == 0 ? "/echo/f?x=" + i : "/")
              .body(body, random.nextInt(8) == 0 ? "text/plain" : "application/json");
      if (random.nextInt(10) == 0) {
        request
            .header("X-CloudScheduler", "true")
            .header("X-CloudScheduler-JobName", randomText(12))
            .header(
                "X-CloudScheduler-ScheduleTime",
                random.nextBoolean() ? "2024-01-01T00:00:00Z" : randomText(8));
      }
      long start = System.nanoTime();
      Fakes.Response response;
      try {
        response = deployment.call(request);
      } catch (Exception | Error e) {
        throw new AssertionError(
            "case " + i + " threw " + e.getClass().getName() + ": " + e.getMessage(), e);
      }
      slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
      assertThat(STATUSES).as("case %d status", i).contains(response.status);
      counts[response.status]++;
      if (response.status >= 400) {
        assertThat(response.text())
            .as("case %d body", i)
            .doesNotContain("Exception")
            .doesNotContain("\tat ");
      }
    }
    assertThat(deployment.logs)
        .as("unexpected exceptions")
        .noneSatisfy(
            l -> assertThat(l).contains("\"severity\":\"ERROR\",\"message\":\"request failed\""));
    assertThat(slowest).as("slowest case in ms").isLessThan(MAX_CASE_MILLIS);
    assertThat(counts[400]).isPositive();
    System.out.printf(
        "gcp fuzz: %d HTTP requests: 2xx %d, 400 %d, 401 %d, 404 %d, 500 %d; slowest %d ms%n",
        CASES_PER_ENTRY,
        counts[200] + counts[201] + counts[204],
        counts[400],
        counts[401],
        counts[404],
        counts[500],
        slowest);
  }

  private Fakes.Event mutateEvent(JsonNode seed) throws Exception {
    ObjectNode ce = (ObjectNode) (seed.has("headers") ? seed : seed);
    int what = random.nextInt(10);
    if (what == 0 && ce.has("type")) {
      ce.put("type", random.nextBoolean() ? randomText(20) : ce.get("type").asText() + "x");
    } else if (what == 1) {
      ce.put(
          "source",
          random.nextBoolean()
              ? "//storage.googleapis.com/"
              : "//pubsub.googleapis.com/" + Integer.toHexString(random.nextInt()));
    } else if (what == 2) {
      ce.remove(random.nextBoolean() ? "subject" : "time");
    }
    JsonNode data = ce.get("data");
    Fakes.Event event = Structured.read(withoutData(ce));
    if (data == null) {
      return event.data(
          random.nextBoolean() ? null : mutateBytes("{}".getBytes(StandardCharsets.UTF_8)));
    }
    byte[] bytes = TernJson.mapper().writeValueAsBytes(data);
    return event.data(random.nextInt(4) == 0 ? mutateBytes(bytes) : mutateJsonBytes(bytes));
  }

  private static JsonNode withoutData(ObjectNode ce) {
    ObjectNode copy = ce.deepCopy();
    copy.remove("data");
    copy.remove("data_base64");
    return copy;
  }

  /** Structural mutations on the JSON tree; sometimes several. */
  private byte[] mutateJsonBytes(byte[] json) throws Exception {
    JsonNode tree;
    try {
      tree = TernJson.mapper().readTree(json);
    } catch (Exception e) {
      return mutateBytes(json);
    }
    int rounds = 1 + random.nextInt(3);
    for (int r = 0; r < rounds; r++) {
      tree = mutateTree(tree);
    }
    byte[] out = TernJson.mapper().writeValueAsBytes(tree);
    if (random.nextInt(12) == 0) {
      out = duplicateKey(out);
    }
    return out;
  }

  private JsonNode mutateTree(JsonNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    if (containers.isEmpty()) {
      return randomValue();
    }
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target.isObject()) {
      ObjectNode object = (ObjectNode) target;
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      if (names.isEmpty()) {
        object.set(randomText(4), randomValue());
        return root;
      }
      String name = names.get(random.nextInt(names.size()));
      switch (random.nextInt(5)) {
        case 0:
          object.remove(name);
          break;
        case 1:
          object.set(name, randomValue());
          break;
        case 2:
          object.set(name, deep(random.nextInt(400)));
          break;
        case 3:
          object.put(name, random.nextBoolean() ? "%%%not-base64%%%" : "\uD800broken-surrogate");
          break;
        default:
          object.set(randomText(6), randomValue());
      }
    } else {
      ArrayNode array = (ArrayNode) target;
      if (array.isEmpty() || random.nextBoolean()) {
        array.add(randomValue());
      } else {
        array.set(random.nextInt(array.size()), randomValue());
      }
    }
    return root;
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        collect(it.next(), out);
      }
    }
  }

  private JsonNode randomValue() {
    switch (random.nextInt(10)) {
      case 0:
        return F.nullNode();
      case 1:
        return F.numberNode(random.nextLong());
      case 2:
        return F.numberNode(random.nextDouble() * 1e300);
      case 3:
        return F.booleanNode(random.nextBoolean());
      case 4:
        return F.arrayNode().add(randomText(3));
      case 5:
        return F.objectNode().put(randomText(3), randomText(3));
      case 6:
        return F.textNode(
            random.nextInt(20) == 0 ? "x".repeat(1 << 20) : randomText(random.nextInt(40)));
      case 7:
        return F.textNode("2024-02-30T25:61:00Z");
      case 8:
        return F.textNode("-" + random.nextInt(1000));
      default:
        return F.textNode(randomText(8));
    }
  }

  private static JsonNode deep(int depth) {
    JsonNode node = F.textNode("bottom");
    for (int i = 0; i < depth; i++) {
      node = i % 2 == 0 ? F.arrayNode().add(node) : F.objectNode().set("d", node);
    }
    return node;
  }

  /** Byte-level mutations: truncation, flipped bytes, invalid UTF-8, a BOM, garbage. */
  private byte[] mutateBytes(byte[] bytes) {
    byte[] out = bytes.clone();
    switch (random.nextInt(6)) {
      case 0:
        return java.util.Arrays.copyOf(out, out.length == 0 ? 0 : random.nextInt(out.length));
      case 1:
        for (int i = 0; i < 1 + random.nextInt(4) && out.length > 0; i++) {
          out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
      case 2:
        if (out.length > 0) {
          out[random.nextInt(out.length)] = (byte) (0x80 | random.nextInt(0x40));
        }
        return out;
      case 3:
        {
          byte[] bom = new byte[out.length + 3];
          bom[0] = (byte) 0xEF;
          bom[1] = (byte) 0xBB;
          bom[2] = (byte) 0xBF;
          System.arraycopy(out, 0, bom, 3, out.length);
          return bom;
        }
      case 4:
        {
          byte[] garbage = new byte[random.nextInt(64)];
          random.nextBytes(garbage);
          return garbage;
        }
      default:
        return "[".repeat(5000).getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** Repeats the first key of the document: {@code {"a":1,...}} → {@code {"a":0,"a":1,...}}. */
  private static byte[] duplicateKey(byte[] json) {
    String text = new String(json, StandardCharsets.UTF_8);
    int colon = text.indexOf("\":");
    if (!text.startsWith("{\"") || colon < 0) {
      return json;
    }
    String key = text.substring(1, colon + 1);
    return ("{" + key + ":0," + text.substring(1)).getBytes(StandardCharsets.UTF_8);
  }

  private String randomText(int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append((char) (0x20 + random.nextInt(0x5e)));
    }
    return out.toString();
  }
}
