package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.TernException;
import dev.tern.aws.conformance.SharedFixtures;
import dev.tern.aws.fns.Recorder;
import dev.tern.aws.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Mutates native payloads — truncation, wrong types, missing and duplicated keys, deep nesting,
 * huge strings, invalid base64 and UTF-8 — and runs each through {@link AwsHandler}: the only
 * exceptions allowed are Tern's typed ones, and no case may take long.
 */
class FuzzTest {
  static final int CASES = 12_000;
  static final long SEED = 20261127L;
  static final long MAX_MILLIS_PER_CASE = 2_000;

  @Test
  void mutatedPayloadsYieldOnlyTypedErrors() throws Exception {
    List<byte[]> seeds = seeds();
    assertThat(seeds).hasSizeGreaterThan(30);
    Lambda lambda = Lambda.with(Map.of("TERN_AWS_BATCH_ITEM_FAILURES", "true"));
    Lambda pinned = Lambda.with(Map.of("TERN_FUNCTION", "Orders"));
    Random random = new Random(SEED);
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    long slowest = 0;
    for (int i = 0; i < CASES; i++) {
      byte[] seed = seeds.get(random.nextInt(seeds.size()));
      byte[] mutated = mutate(seed, random);
      Lambda target = i % 10 == 0 ? pinned : lambda;
      long start = System.nanoTime();
      String outcome;
      try {
        target.handler.handle(mutated, new FakeLambdaContext("fuzz-" + i));
        outcome = "answered";
      } catch (TernException e) {
        outcome = e.getClass().getSimpleName();
        assertThat(e.getMessage()).as("case %d", i).isNotBlank();
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError(
            "case "
                + i
                + " (seed "
                + SEED
                + ") threw "
                + e
                + " for payload: "
                + new String(mutated, 0, Math.min(mutated.length, 400), StandardCharsets.UTF_8),
            e);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      slowest = Math.max(slowest, millis);
      assertThat(millis).as("case %d took too long", i).isLessThan(MAX_MILLIS_PER_CASE);
      outcomes.merge(outcome, 1, Integer::sum);
      if (i % 500 == 0) {
        Recorder.clear();
      }
    }
    Recorder.clear();
    System.out.println(
        "aws fuzz: "
            + CASES
            + " cases from "
            + seeds.size()
            + " seeds, outcomes "
            + outcomes
            + ", slowest "
            + slowest
            + " ms");
    assertThat(outcomes.get("answered")).isPositive();
    assertThat(outcomes.keySet()).contains("UndecodablePayloadException");
  }

  private static List<byte[]> seeds() throws IOException, URISyntaxException {
    List<byte[]> seeds = new ArrayList<>();
    Path own = Path.of(FuzzTest.class.getResource("/aws").toURI());
    try (Stream<Path> files = Files.walk(own)) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        seeds.add(Files.readAllBytes(p));
      }
    }
    Path shared = sharedOrNull();
    if (shared != null) {
      try (Stream<Path> files = Files.list(shared)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
          seeds.add(Files.readAllBytes(p));
        }
      }
    }
    try (InputStream in = FuzzTest.class.getResourceAsStream("/aws/http/http-api-v2-get.json")) {
      seeds.add(in.readAllBytes());
    }
    return seeds;
  }

  private static Path sharedOrNull() {
    try {
      return SharedFixtures.folder("aws");
    } catch (TestAbortedException e) {
      return null; // outside CI the own fixtures suffice
    }
  }

  static byte[] mutate(byte[] seed, Random random) {
    int kind = random.nextInt(10);
    if (kind < 3) {
      return bytes(seed, random);
    }
    Object tree;
    try {
      tree = Json.parse(seed);
    } catch (TernException e) {
      return bytes(seed, random);
    }
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      tree = mutateTree(tree, random, 0);
    }
    byte[] out = Json.toBytes(tree);
    if (kind == 9) {
      // A duplicated key: repeat the first member of the root object.
      String text = new String(out, StandardCharsets.UTF_8);
      int colon = text.indexOf(':');
      int comma = text.indexOf(',');
      if (text.startsWith("{") && colon > 0 && comma > colon) {
        out =
            ("{" + text.substring(1, comma) + "," + text.substring(1))
                .getBytes(StandardCharsets.UTF_8);
      }
    }
    return out;
  }

  private static byte[] bytes(byte[] seed, Random random) {
    byte[] copy = seed.clone();
    switch (random.nextInt(4)) {
      case 0:
        return java.util.Arrays.copyOf(copy, random.nextInt(copy.length + 1));
      case 1:
        for (int i = 0; i < 1 + random.nextInt(8); i++) {
          copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
      case 2:
        {
          int at = random.nextInt(copy.length);
          byte[] out = new byte[copy.length + 2];
          System.arraycopy(copy, 0, out, 0, at);
          out[at] = (byte) 0xC3; // a UTF-8 lead byte followed by an invalid continuation
          out[at + 1] = (byte) 0x28;
          System.arraycopy(copy, at, out, at + 2, copy.length - at);
          return out;
        }
      default:
        return new byte[] {'{', '"', 'a', '"', ':', '['};
    }
  }

  @SuppressWarnings("unchecked")
  private static Object mutateTree(Object node, Random random, int depth) {
    if (node instanceof Map && !((Map<?, ?>) node).isEmpty() && random.nextInt(4) != 0) {
      Map<String, Object> map = new LinkedHashMap<>((Map<String, Object>) node);
      List<String> keys = new ArrayList<>(map.keySet());
      String key = keys.get(random.nextInt(keys.size()));
      // Headers are read field by field, each with its own parsing: aim there a third of the time.
      for (String headers : List.of("headers", "multiValueHeaders")) {
        if (map.containsKey(headers) && random.nextInt(3) == 0) {
          key = headers;
        }
      }
      if (random.nextInt(5) == 0) {
        map.remove(key);
      } else {
        map.put(key, mutateTree(map.get(key), random, depth + 1));
      }
      return map;
    }
    if (node instanceof List && !((List<?>) node).isEmpty() && random.nextInt(4) != 0) {
      List<Object> list = new ArrayList<>((List<Object>) node);
      int i = random.nextInt(list.size());
      if (random.nextInt(6) == 0) {
        list.add(list.get(i));
      } else {
        list.set(i, mutateTree(list.get(i), random, depth + 1));
      }
      return list;
    }
    if (node instanceof String && random.nextBoolean()) {
      String s = (String) node;
      switch (random.nextInt(6)) {
        case 0:
          return s.isEmpty() ? "%" : s.substring(0, random.nextInt(s.length()));
        case 1:
          return "x".repeat(1 + random.nextInt(200_000));
        case 2:
          return "!!not base64%zz\r\n" + s;
        case 3:
          return "%E0%A4%A";
        case 4:
          // Only the separators that list-valued fields and headers are split at.
          return List.of(",", ", ,", ";", "=", ":", "[", "[]", " ").get(random.nextInt(8));
        default:
          return "\u0000\uFFFF" + s;
      }
    }
    switch (random.nextInt(8)) {
      case 0:
        return null;
      case 1:
        return new Json.Num(Long.toString(random.nextLong()));
      case 2:
        return new Json.Num("1e999999");
      case 3:
        return random.nextBoolean();
      case 4:
        return List.of("a", new Json.Num("1"));
      case 5:
        return Map.of("nested", Map.of());
      case 6:
        {
          Object deep = "bottom";
          for (int i = 0; i < 150; i++) {
            deep = List.of(deep);
          }
          return deep;
        }
      default:
        return "";
    }
  }
}
