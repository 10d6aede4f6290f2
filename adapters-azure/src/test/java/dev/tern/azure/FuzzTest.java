package dev.tern.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.ConfigurationException;
import dev.tern.TernException;
import dev.tern.azure.app.ClaimsAzureEntry;
import dev.tern.azure.app.GreetAzureEntry;
import dev.tern.azure.app.NightlyAzureEntry;
import dev.tern.azure.app.OrdersAzureEntry;
import dev.tern.azure.app.PaymentsAzureEntry;
import dev.tern.azure.app.Recorder;
import dev.tern.azure.app.SignUpAzureEntry;
import dev.tern.azure.app.ThumbnailsAzureEntry;
import dev.tern.azure.app.UploadsAzureEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutated native payloads through every generated entry: truncated, retyped, with keys dropped or
 * duplicated, deeply nested, huge, with invalid base64 and UTF-8. Whatever arrives, the entries
 * answer with a normal return, a typed Tern exception, or an HTTP status; never another exception,
 * never a hang, never an approval of an unreadable identity callout.
 */
class FuzzTest {
  private static final int ROUNDS = 12_500;
  private static final long MAX_CASE_MILLIS = 2_000;
  private static final Set<Integer> STATUSES = Set.of(200, 201, 400, 401, 403, 404, 405, 500);
  private static final String BASIC =
      "Basic "
          + Base64.getEncoder()
              .encodeToString("b2c-connector:s3cret:pass".getBytes(StandardCharsets.UTF_8));

  private final AzureAdapter adapter = TestApp.adapter();
  private final AzureAdapter base64 =
      TestApp.adapter(
          Map.of(AzureAdapter.QUEUE_ENCODING, "base64", AzureAdapter.TRUST_PRINCIPAL, "true"));

  /** One seed per entry, as the worker binds it. */
  private Map<String, List<String>> seeds() throws IOException {
    Map<String, List<String>> seeds = new LinkedHashMap<>();
    seeds.put(
        "eventgrid",
        new ArrayList<>(
            List.of(
                Fixtures.text("eventgrid/blob-created.eventgrid-schema.json"),
                Fixtures.text("eventgrid/blob-deleted.cloudevents-schema.json"))));
    seeds.put(
        "timer",
        new ArrayList<>(
            List.of(Fixtures.json("timer/weekday-late.json").get("timerInfo").asText())));
    seeds.put(
        "auth",
        new ArrayList<>(
            List.of(
                Fixtures.text("auth/b2c-before-create.json"),
                Fixtures.text("auth/entra-attribute-submit.json"),
                Fixtures.text("auth/entra-token-issuance.json"))));
    seeds.put(
        "properties",
        new ArrayList<>(
            List.of(
                Fixtures.json("servicebus/payment-in-session.json")
                    .at("/bound/ApplicationProperties")
                    .asText(),
                Fixtures.json("blob/png-upload.json").at("/bound/Properties").asText())));
    seeds.put(
        "time",
        new ArrayList<>(List.of("\"2026-11-20T10:15:30+00:00\"", "\"2026-11-21T08:00:00.123\"")));
    seeds.put("count", new ArrayList<>(List.of("1", "5")));
    seeds.put(
        "principal",
        new ArrayList<>(
            List.of(
                Base64.getEncoder()
                    .encodeToString(
                        "{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"oid\",\"val\":\"o-1\"}]}"
                            .getBytes(StandardCharsets.UTF_8)))));
    Path shared =
        Path.of(System.getProperty("tern.rootDir", ".."))
            .resolve("../shared/fixtures/azure")
            .normalize();
    if (Files.isDirectory(shared)) {
      try (Stream<Path> files = Files.walk(shared)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
          String name = file.toString();
          String text = Files.readString(file);
          if (name.contains("/eventgrid/")) {
            seeds.get("eventgrid").add(text);
          } else if (name.contains("/timer/")) {
            seeds.get("timer").add(text);
          } else if (name.contains("/auth/") && name.endsWith("request.json")) {
            seeds.get("auth").add(text);
          }
        }
      }
    }
    return seeds;
  }

  @Test
  void everyMutatedPayloadGetsATypedAnswerInBoundedTime() throws IOException {
    Map<String, List<String>> seeds = seeds();
    Random random = new Random(20261127L);
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    int cases = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String kind = List.copyOf(seeds.keySet()).get(round % seeds.size());
      List<String> pool = seeds.get(kind);
      String mutated = Mutator.mutate(pool.get(random.nextInt(pool.size())), random);
      long start = System.nanoTime();
      String outcome = run(kind, mutated, random);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(millis).as("case %d (%s) took too long", round, kind).isLessThan(MAX_CASE_MILLIS);
      outcomes.merge(kind + " " + outcome, 1, Integer::sum);
      cases++;
      Recorder.drain();
    }
    assertThat(cases).isGreaterThanOrEqualTo(10_000);
    System.out.println("azure fuzz: " + cases + " cases; outcomes " + outcomes);
  }

  /** Runs one mutated payload; returns the outcome's name or fails on an untyped exception. */
  private String run(String kind, String payload, Random random) {
    try {
      switch (kind) {
        case "eventgrid":
          new UploadsAzureEntry(adapter).run(payload, new Fakes.Context("Uploads"));
          return "ok";
        case "timer":
          new NightlyAzureEntry(adapter).run(payload, new Fakes.Context("Nightly"));
          return "ok";
        case "auth":
          return authStatus(payload, random);
        case "properties":
          new PaymentsAzureEntry(adapter)
              .run(
                  bytes(random),
                  "id-" + random.nextInt(100),
                  "1",
                  "\"2026-11-21T08:00:00Z\"",
                  payload,
                  random.nextBoolean() ? null : payload,
                  new Fakes.Context("Payments"));
          new ThumbnailsAzureEntry(adapter)
              .run(
                  new byte[0],
                  "original-images/" + random.nextInt(9),
                  payload,
                  payload,
                  new Fakes.Context("Thumbnails"));
          return "ok";
        case "time":
        case "count":
          new OrdersAzureEntry(base64)
              .run(
                  random.nextBoolean() ? payload.getBytes(StandardCharsets.UTF_8) : bytes(random),
                  "m-" + random.nextInt(100),
                  kind.equals("count") ? payload : "1",
                  kind.equals("time") ? payload : null,
                  new Fakes.Context("Orders"));
          return "ok";
        default:
          return httpStatus(payload, random);
      }
    } catch (ConfigurationException e) {
      throw new AssertionError("a payload caused a configuration error: " + e.getMessage(), e);
    } catch (TernException e) {
      return e.getClass().getSimpleName();
    }
  }

  private String authStatus(String payload, Random random) {
    boolean token = payload.contains("tokenIssuance") || payload.contains("PreToken");
    Fakes.Request<java.util.Optional<String>> request =
        Fakes.text("POST", "https://h/api/auth/x", payload)
            .header("Authorization", BASIC)
            .header("Content-Type", "application/json");
    Fakes.Response response =
        Fakes.response(
            token
                ? new ClaimsAzureEntry(adapter).run(request, new Fakes.Context("Claims"))
                : new SignUpAzureEntry(adapter).run(request, new Fakes.Context("SignUp")));
    assertThat(STATUSES).contains(response.getStatusCode());
    if (response.getStatusCode() != 200) {
      assertThat(response.text())
          .doesNotContain("Continue", "provideClaimsForToken", "continueWithDefaultBehavior");
    }
    return "http " + response.getStatusCode();
  }

  private String httpStatus(String principal, Random random) {
    String url =
        "https://h/api/greet/"
            + Mutator.randomText(random, 12).replaceAll("[^A-Za-z0-9/._-]", "")
            + "?tag="
            + random.nextInt(9);
    Fakes.Request<java.util.Optional<String>> request =
        Fakes.text(
                random.nextBoolean() ? "GET" : "POST",
                url.contains(" ") ? "https://h/api/greet/x" : url,
                Mutator.randomText(random, 40))
            .header("X-MS-CLIENT-PRINCIPAL", principal)
            .header(
                "Content-Type",
                random.nextBoolean()
                    ? "text/plain; charset=" + Mutator.randomText(random, 6)
                    : "application/json")
            .header("X-Free", Mutator.randomText(random, 20));
    Fakes.Response response =
        Fakes.response(new GreetAzureEntry(base64).run(request, new Fakes.Context("Greet")));
    assertThat(STATUSES).contains(response.getStatusCode());
    if (response.getStatusCode() == 500) {
      assertThat(response.text()).isEqualTo("Internal Server Error");
    }
    return "http " + response.getStatusCode();
  }

  private static byte[] bytes(Random random) {
    byte[] bytes = new byte[random.nextInt(64)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** Mutations of a JSON or text seed. */
  static final class Mutator {
    private Mutator() {}

    static String mutate(String seed, Random random) {
      switch (random.nextInt(11)) {
        case 0:
          return seed.substring(0, random.nextInt(seed.length() + 1)); // truncation
        case 1:
          return replaceValue(
              seed,
              random,
              List.of("null", "42", "true", "[]", "{}", "\"\"", "-1", "1e999")
                  .get(random.nextInt(8)));
        case 2:
          return dropKey(seed, random);
        case 3:
          return duplicateKey(seed, random);
        case 4:
          return "[".repeat(300 + random.nextInt(2000))
              + "]".repeat(random.nextInt(3) == 0 ? 0 : 2300);
        case 5:
          return replaceValue(
              seed, random, "\"" + "A".repeat(100_000 + random.nextInt(200_000)) + "\"");
        case 6:
          return replaceValue(seed, random, "\"" + "\uD800 \\uDC00 \\u0000 %ZZ ==?**" + "\"");
        case 7:
          return flip(seed, random);
        case 8:
          return "{\"a\":" + "{\"a\":".repeat(250) + "1" + "}".repeat(251);
        case 9:
          return new String(randomBytes(random), StandardCharsets.ISO_8859_1);
        default:
          return seed;
      }
    }

    static String randomText(Random random, int max) {
      StringBuilder out = new StringBuilder();
      int n = random.nextInt(max + 1);
      for (int i = 0; i < n; i++) {
        out.append(
            (char) (random.nextInt(4) == 0 ? random.nextInt(0x3000) : 0x20 + random.nextInt(0x5f)));
      }
      return out.toString();
    }

    private static byte[] randomBytes(Random random) {
      byte[] bytes = new byte[random.nextInt(200)];
      random.nextBytes(bytes);
      return bytes;
    }

    private static String replaceValue(String seed, Random random, String value) {
      List<Integer> colons = positions(seed, ':');
      if (colons.isEmpty()) {
        return value;
      }
      int at = colons.get(random.nextInt(colons.size())) + 1;
      int end = at;
      int depth = 0;
      boolean quoted = false;
      while (end < seed.length()) {
        char c = seed.charAt(end);
        if (quoted) {
          if (c == '\\') {
            end++;
          } else if (c == '"') {
            quoted = false;
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          if (depth == 0) {
            break;
          }
          depth--;
        } else if (c == ',' && depth == 0) {
          break;
        }
        end++;
      }
      return seed.substring(0, at) + value + seed.substring(Math.min(end, seed.length()));
    }

    private static String dropKey(String seed, Random random) {
      List<Integer> quotes = positions(seed, '"');
      if (quotes.size() < 2) {
        return seed;
      }
      int at = quotes.get(random.nextInt(quotes.size() - 1));
      int comma = seed.indexOf(',', at);
      return comma < 0 ? seed.substring(0, at) : seed.substring(0, at) + seed.substring(comma + 1);
    }

    private static String duplicateKey(String seed, Random random) {
      int brace = seed.indexOf('{');
      List<Integer> quotes = positions(seed, '"');
      if (brace < 0 || quotes.size() < 2) {
        return seed;
      }
      int start = quotes.get(random.nextInt(quotes.size() - 1));
      int end = seed.indexOf(',', start);
      if (end < 0) {
        return seed;
      }
      return seed.substring(0, brace + 1)
          + seed.substring(start, end + 1)
          + seed.substring(brace + 1);
    }

    private static String flip(String seed, Random random) {
      if (seed.isEmpty()) {
        return "\u0000";
      }
      char[] chars = seed.toCharArray();
      for (int i = 0; i < 1 + random.nextInt(5); i++) {
        chars[random.nextInt(chars.length)] = (char) random.nextInt(0x80);
      }
      return new String(chars);
    }

    private static List<Integer> positions(String text, char c) {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == c) {
          out.add(i);
        }
      }
      return out;
    }
  }
}
