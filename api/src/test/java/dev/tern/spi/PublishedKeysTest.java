package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.InvalidValueException;
import dev.tern.TernException;
import dev.tern.spi.fake.FakeHttpClient;
import dev.tern.spi.fake.MovingClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cache behind the GCP and Azure key sources, against a client that answers from a table: a key
 * set is a comma-separated list of key ids, each read as one of a few generated keys.
 */
class PublishedKeysTest {
  private static final URI KEYS = URI.create("https://keys.example/certs");
  private static final URI CONFIGURATION = URI.create("https://keys.example/configuration");
  private static final Function<HttpHeaders, Duration> MAX_AGE =
      PublishedKeys.maxAge(Duration.ofMinutes(5), Duration.ofDays(1));

  private static final Map<String, PublicKey> GENERATED = new HashMap<>();

  private final FakeHttpClient client = new FakeHttpClient();
  private final MovingClock clock = new MovingClock(Instant.parse("2026-03-10T14:00:00Z"));
  private final AtomicInteger clientsMade = new AtomicInteger();

  @BeforeAll
  static void generate() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    for (String id : List.of("k-1", "k-2", "k-3")) {
      GENERATED.put(id, generator.generateKeyPair().getPublic());
    }
  }

  /** The generated keys named by a comma-separated list of key ids. */
  private static Map<String, PublicKey> read(byte[] body) {
    Map<String, PublicKey> out = new HashMap<>();
    for (String id : new String(body, StandardCharsets.UTF_8).split(",")) {
      out.put(id, GENERATED.get(id));
    }
    return out;
  }

  /** Headers with {@code Cache-Control: value}, or none when {@code value} is null. */
  private static HttpHeaders cacheControl(String value) {
    return HttpHeaders.of(
        value == null ? Map.of() : Map.of("Cache-Control", List.of(value)), (name, v) -> true);
  }

  /** Answers every GET of {@code uri}, with {@code Cache-Control: cacheControl} unless null. */
  private void answer(URI uri, int status, String body, String cacheControl) {
    client.answer(
        uri, status, body, cacheControl == null ? Map.of() : Map.of("Cache-Control", cacheControl));
  }

  private PublishedKeys keys(PublishedKeys.Fetch fetch, Function<HttpHeaders, Duration> keep) {
    return PublishedKeys.of(
        "gcp",
        "Identity Platform keys",
        fetch,
        keep,
        () -> {
          clientsMade.incrementAndGet();
          return client;
        },
        clock);
  }

  private PublishedKeys keys() {
    return keys(get -> read(get.bytes(KEYS)), MAX_AGE);
  }

  @Test
  void fetchesWhenFirstAskedAndAgainOnlyOnceTheKeysAreOlderThanTheirRuleAllows() {
    answer(KEYS, 200, "k-1", "public, max-age=600, must-revalidate");
    PublishedKeys keys = keys();

    assertThat(client.requests()).isEmpty();
    assertThat(keys.key("k-1")).contains(GENERATED.get("k-1"));
    clock.advanceSeconds(600);
    assertThat(keys.key("k-1")).contains(GENERATED.get("k-1"));
    assertThat(client.requested()).containsExactly(KEYS);

    answer(KEYS, 200, "k-2", "max-age=600");
    clock.advanceSeconds(1);
    assertThat(keys.key("k-1")).isEmpty();
    assertThat(keys.key("k-2")).contains(GENERATED.get("k-2"));
    assertThat(client.requested()).containsExactly(KEYS, KEYS);
  }

  @Test
  void fetchesAgainForAnUnknownKeyIdButAtMostOnceAMinute() {
    answer(KEYS, 200, "k-1", "max-age=3600");
    PublishedKeys keys = keys();
    keys.key("k-1");

    answer(KEYS, 200, "k-1,k-2", "max-age=3600");
    clock.advanceSeconds(60);
    assertThat(keys.key("k-2")).as("a minute has not passed").isEmpty();
    assertThat(client.requests()).hasSize(1);

    clock.advanceSeconds(1);
    assertThat(keys.key("k-2")).contains(GENERATED.get("k-2"));
    assertThat(keys.key("k-3")).as("fetched a moment ago").isEmpty();
    assertThat(client.requests()).hasSize(2);

    clock.advanceSeconds(120);
    assertThat(keys.key("k-1")).as("a known key id does not fetch").isPresent();
    assertThat(client.requests()).hasSize(2);
  }

  @Test
  void makesItsClientOnTheFirstFetchAndOnlyThen() {
    answer(KEYS, 200, "k-1", null);
    PublishedKeys keys = keys();
    assertThat(clientsMade).hasValue(0);

    keys.key("k-1");
    clock.advance(Duration.ofMinutes(6));
    keys.key("k-1");

    assertThat(client.requests()).hasSize(2);
    assertThat(clientsMade).hasValue(1);
  }

  @Test
  void getsEachDocumentWithAThreeSecondTimeout() {
    answer(KEYS, 200, "k-1", null);
    keys().key("k-1");

    HttpRequest request = client.requests().get(0);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.uri()).isEqualTo(KEYS);
    assertThat(request.timeout()).contains(Duration.ofSeconds(3));
    assertThat(PublishedKeys.newClient().connectTimeout()).contains(Duration.ofSeconds(3));
  }

  @Test
  void keepsTheKeysAsTheLastDocumentFetchedSays() {
    answer(CONFIGURATION, 200, KEYS.toString(), "max-age=60");
    answer(KEYS, 200, "k-1", "max-age=600");
    PublishedKeys keys =
        keys(
            get ->
                read(
                    get.bytes(
                        URI.create(new String(get.bytes(CONFIGURATION), StandardCharsets.UTF_8)))),
            MAX_AGE);

    keys.key("k-1");
    clock.advanceSeconds(300);
    keys.key("k-1");

    assertThat(client.requested()).containsExactly(CONFIGURATION, KEYS);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void maxAgeKeepsTheKeysForTheCacheControlMaxAgeWithinItsBounds(
      String cacheControl, Duration kept) {
    assertThat(MAX_AGE.apply(cacheControl(cacheControl))).isEqualTo(kept);
  }

  static Stream<Arguments> maxAgeKeepsTheKeysForTheCacheControlMaxAgeWithinItsBounds() {
    return Stream.of(
        Arguments.of(
            "public, max-age=22306, must-revalidate, no-transform", Duration.ofSeconds(22306)),
        Arguments.of("max-age=0", Duration.ZERO),
        Arguments.of("max-age=604800", Duration.ofDays(1)),
        Arguments.of("max-age=99999999999999999999", Duration.ofDays(1)),
        Arguments.of("max-age=00000000000000000000600", Duration.ofSeconds(600)),
        Arguments.of("no-cache", Duration.ofMinutes(5)),
        Arguments.of(null, Duration.ofMinutes(5)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource
  void maxAgeReadsTheDirectiveByItsNameInAnyCase(String cacheControl, Duration kept) {
    // RFC 9111 section 5.2: directive names compare case-insensitively; arguments are a token or a
    // quoted-string, which may hold commas and what looks like another directive.
    assertThat(MAX_AGE.apply(cacheControl(cacheControl))).isEqualTo(kept);
  }

  static Stream<Arguments> maxAgeReadsTheDirectiveByItsNameInAnyCase() {
    return Stream.of(
        Arguments.of("MAX-AGE=600", Duration.ofSeconds(600)),
        Arguments.of("public,Max-Age=600", Duration.ofSeconds(600)),
        Arguments.of("max-age=\"600\"", Duration.ofSeconds(600)),
        Arguments.of("s-maxage=60, max-age=600", Duration.ofSeconds(600)),
        Arguments.of("x-max-age=60", Duration.ofMinutes(5)),
        Arguments.of("ext=\"max-age=60\"", Duration.ofMinutes(5)),
        Arguments.of("ext=\"a, max-age=60\", max-age=600", Duration.ofSeconds(600)),
        Arguments.of("max-age=600 , public", Duration.ofSeconds(600)),
        Arguments.of("max-age=600, max-age=60", Duration.ofSeconds(600)));
  }

  @Test
  void maxAgeReadsEveryCacheControlLine() {
    HttpHeaders twoLines =
        HttpHeaders.of(
            Map.of("Cache-Control", List.of("public", "max-age=600")), (name, v) -> true);

    assertThat(MAX_AGE.apply(twoLines)).isEqualTo(Duration.ofSeconds(600));
  }

  @Test
  void namesTheKeysAndTheAddressOfAFetchThatFailsAndTriesAgainAMinuteLater() {
    IOException refused = new IOException("connection refused");
    client.fail(KEYS, refused);
    PublishedKeys keys = keys();

    assertThatThrownBy(() -> keys.key("k-1"))
        .isInstanceOf(TernException.class)
        .hasCause(refused)
        .hasMessage("gcp: cannot fetch Identity Platform keys from " + KEYS + ": " + refused);

    answer(KEYS, 503, "", null);
    clock.advanceSeconds(30);
    assertThatThrownBy(() -> keys.key("k-1"))
        .as("within the minute: no call, the same failure")
        .isInstanceOf(TernException.class)
        .hasMessage(
            "gcp: Identity Platform keys are unavailable: the fetch at"
                + " 2026-03-10T14:00:00Z failed, and is tried again a minute after it (gcp: cannot fetch Identity"
                + " Platform keys from "
                + KEYS
                + ": "
                + refused
                + ")");
    assertThat(client.requests()).hasSize(1);

    clock.advanceSeconds(31);
    assertThatThrownBy(() -> keys.key("k-1"))
        .isInstanceOf(TernException.class)
        .hasMessage("gcp: Identity Platform keys at " + KEYS + " answered 503");
    assertThat(client.requests()).hasSize(2);

    answer(KEYS, 200, "k-1", null);
    clock.advanceSeconds(61);
    assertThat(keys.key("k-1")).isPresent();
    assertThat(client.requests()).hasSize(3);
  }

  @Test
  void usesKeysPastTheirTimeForADayWhileFetchingThemAgainFails() {
    answer(KEYS, 200, "k-1", "max-age=600");
    PublishedKeys keys = keys();
    keys.key("k-1");

    answer(KEYS, 503, "", null);
    clock.advanceSeconds(601);
    assertThat(keys.key("k-1")).as("stale, the fetch failed").contains(GENERATED.get("k-1"));
    assertThat(keys.key("k-2")).as("not among the stale keys, within the minute").isEmpty();
    clock.advanceSeconds(30);
    assertThat(keys.key("k-1")).contains(GENERATED.get("k-1"));
    assertThat(client.requests()).as("one failed fetch, not one per ask").hasSize(2);

    clock.set(Instant.parse("2026-03-11T14:10:00Z"));
    assertThat(keys.key("k-1")).as("a day past their time, less a second").isPresent();
    clock.advanceSeconds(2);
    assertThatThrownBy(() -> keys.key("k-1"))
        .as("over a day past their time")
        .isInstanceOf(TernException.class)
        .hasMessage(
            "gcp: Identity Platform keys are unavailable: the fetch at"
                + " 2026-03-11T14:10:00Z failed, and is tried again a minute after it (gcp: Identity Platform keys at "
                + KEYS
                + " answered 503)");

    answer(KEYS, 200, "k-2", "max-age=600");
    clock.advanceSeconds(61);
    assertThat(keys.key("k-2")).contains(GENERATED.get("k-2"));
    assertThat(keys.key("k-1")).as("a fresh fetch replaces the stale keys").isEmpty();
  }

  @Test
  void anUnknownKeyIdWhoseFetchFailsIsReportedOnceAndThenAnsweredEmptyForAMinute() {
    answer(KEYS, 200, "k-1", "max-age=3600");
    PublishedKeys keys = keys();
    keys.key("k-1");

    answer(KEYS, 503, "", null);
    clock.advanceSeconds(61);
    assertThatThrownBy(() -> keys.key("k-2"))
        .isInstanceOf(TernException.class)
        .hasMessage("gcp: Identity Platform keys at " + KEYS + " answered 503");
    assertThat(keys.key("k-2")).isEmpty();
    assertThat(keys.key("k-1")).isPresent();
    assertThat(client.requests()).hasSize(2);
  }

  @Test
  void anInterruptedFetchKeepsTheThreadInterrupted() {
    InterruptedException interrupted = new InterruptedException();
    client.fail(KEYS, interrupted);
    PublishedKeys keys = keys();

    try {
      assertThatThrownBy(() -> keys.key("k-1"))
          .isInstanceOf(TernException.class)
          .hasCause(interrupted)
          .hasMessage("gcp: interrupted fetching Identity Platform keys from " + KEYS);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void refusesKeysReadAsNullNamingTheKeyIdAndTriesAgainAMinuteLater() {
    answer(KEYS, 200, "k-1,k-9", "max-age=600"); // k-9 is read as a null key
    PublishedKeys keys = keys();

    assertThatThrownBy(() -> keys.key("k-1"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("gcp: Identity Platform keys: null key for key id \"k-9\"");
    clock.advanceSeconds(30);
    assertThatThrownBy(() -> keys.key("k-1")).isInstanceOf(TernException.class);
    assertThat(client.requests()).hasSize(1);

    answer(KEYS, 200, "k-1", "max-age=600");
    clock.advanceSeconds(31);
    assertThat(keys.key("k-1")).isPresent();
  }

  @Test
  void refusesAFetchStepThatReadsNullOrANullKeyId() {
    answer(KEYS, 200, "k-1", "max-age=600");
    Map<String, PublicKey> nullId = new HashMap<>();
    nullId.put(null, GENERATED.get("k-1"));

    assertThatThrownBy(
            () ->
                keys(
                        get -> {
                          get.bytes(KEYS);
                          return null;
                        },
                        MAX_AGE)
                    .key("k-1"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("gcp: Identity Platform keys: read as null");
    assertThatThrownBy(
            () ->
                keys(
                        get -> {
                          get.bytes(KEYS);
                          return nullId;
                        },
                        MAX_AGE)
                    .key("k-1"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("gcp: Identity Platform keys: null key id");
  }

  @Test
  void refusesAFetchStepThatFetchesNothing() {
    PublishedKeys keys = keys(get -> Map.of("k-1", GENERATED.get("k-1")), MAX_AGE);

    assertThatThrownBy(() -> keys.key("k-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("gcp: Identity Platform keys were read without fetching anything");
  }
}
