package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.TernException;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
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

  private final FakeClient client = new FakeClient();
  private final MovingClock clock = new MovingClock();
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
    client.answer(KEYS, 200, "k-1", "public, max-age=600, must-revalidate");
    PublishedKeys keys = keys();

    assertThat(client.requests).isEmpty();
    assertThat(keys.key("k-1")).contains(GENERATED.get("k-1"));
    clock.now = clock.now.plusSeconds(600);
    assertThat(keys.key("k-1")).contains(GENERATED.get("k-1"));
    assertThat(client.requested()).containsExactly(KEYS);

    client.answer(KEYS, 200, "k-2", "max-age=600");
    clock.now = clock.now.plusSeconds(1);
    assertThat(keys.key("k-1")).isEmpty();
    assertThat(keys.key("k-2")).contains(GENERATED.get("k-2"));
    assertThat(client.requested()).containsExactly(KEYS, KEYS);
  }

  @Test
  void fetchesAgainForAnUnknownKeyIdButAtMostOnceAMinute() {
    client.answer(KEYS, 200, "k-1", "max-age=3600");
    PublishedKeys keys = keys();
    keys.key("k-1");

    client.answer(KEYS, 200, "k-1,k-2", "max-age=3600");
    clock.now = clock.now.plusSeconds(60);
    assertThat(keys.key("k-2")).as("a minute has not passed").isEmpty();
    assertThat(client.requests).hasSize(1);

    clock.now = clock.now.plusSeconds(1);
    assertThat(keys.key("k-2")).contains(GENERATED.get("k-2"));
    assertThat(keys.key("k-3")).as("fetched a moment ago").isEmpty();
    assertThat(client.requests).hasSize(2);

    clock.now = clock.now.plusSeconds(120);
    assertThat(keys.key("k-1")).as("a known key id does not fetch").isPresent();
    assertThat(client.requests).hasSize(2);
  }

  @Test
  void makesItsClientOnTheFirstFetchAndOnlyThen() {
    client.answer(KEYS, 200, "k-1", null);
    PublishedKeys keys = keys();
    assertThat(clientsMade).hasValue(0);

    keys.key("k-1");
    clock.now = clock.now.plus(Duration.ofMinutes(6));
    keys.key("k-1");

    assertThat(client.requests).hasSize(2);
    assertThat(clientsMade).hasValue(1);
  }

  @Test
  void getsEachDocumentWithAThreeSecondTimeout() {
    client.answer(KEYS, 200, "k-1", null);
    keys().key("k-1");

    HttpRequest request = client.requests.get(0);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.uri()).isEqualTo(KEYS);
    assertThat(request.timeout()).contains(Duration.ofSeconds(3));
    assertThat(PublishedKeys.newClient().connectTimeout()).contains(Duration.ofSeconds(3));
  }

  @Test
  void keepsTheKeysAsTheLastDocumentFetchedSays() {
    client.answer(CONFIGURATION, 200, KEYS.toString(), "max-age=60");
    client.answer(KEYS, 200, "k-1", "max-age=600");
    PublishedKeys keys =
        keys(
            get ->
                read(
                    get.bytes(
                        URI.create(new String(get.bytes(CONFIGURATION), StandardCharsets.UTF_8)))),
            MAX_AGE);

    keys.key("k-1");
    clock.now = clock.now.plusSeconds(300);
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
        Arguments.of("no-cache", Duration.ofMinutes(5)),
        Arguments.of(null, Duration.ofMinutes(5)));
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

    client.answer(KEYS, 503, "", null);
    clock.now = clock.now.plusSeconds(30);
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
    assertThat(client.requests).hasSize(1);

    clock.now = clock.now.plusSeconds(31);
    assertThatThrownBy(() -> keys.key("k-1"))
        .isInstanceOf(TernException.class)
        .hasMessage("gcp: Identity Platform keys at " + KEYS + " answered 503");
    assertThat(client.requests).hasSize(2);

    client.answer(KEYS, 200, "k-1", null);
    clock.now = clock.now.plusSeconds(61);
    assertThat(keys.key("k-1")).isPresent();
    assertThat(client.requests).hasSize(3);
  }

  @Test
  void usesKeysPastTheirTimeForADayWhileFetchingThemAgainFails() {
    client.answer(KEYS, 200, "k-1", "max-age=600");
    PublishedKeys keys = keys();
    keys.key("k-1");

    client.answer(KEYS, 503, "", null);
    clock.now = clock.now.plusSeconds(601);
    assertThat(keys.key("k-1")).as("stale, the fetch failed").contains(GENERATED.get("k-1"));
    assertThat(keys.key("k-2")).as("not among the stale keys, within the minute").isEmpty();
    clock.now = clock.now.plusSeconds(30);
    assertThat(keys.key("k-1")).contains(GENERATED.get("k-1"));
    assertThat(client.requests).as("one failed fetch, not one per ask").hasSize(2);

    clock.now = Instant.parse("2026-03-11T14:10:00Z");
    assertThat(keys.key("k-1")).as("a day past their time, less a second").isPresent();
    clock.now = clock.now.plusSeconds(2);
    assertThatThrownBy(() -> keys.key("k-1"))
        .as("over a day past their time")
        .isInstanceOf(TernException.class)
        .hasMessage(
            "gcp: Identity Platform keys are unavailable: the fetch at"
                + " 2026-03-11T14:10:00Z failed, and is tried again a minute after it (gcp: Identity Platform keys at "
                + KEYS
                + " answered 503)");

    client.answer(KEYS, 200, "k-2", "max-age=600");
    clock.now = clock.now.plusSeconds(61);
    assertThat(keys.key("k-2")).contains(GENERATED.get("k-2"));
    assertThat(keys.key("k-1")).as("a fresh fetch replaces the stale keys").isEmpty();
  }

  @Test
  void anUnknownKeyIdWhoseFetchFailsIsReportedOnceAndThenAnsweredEmptyForAMinute() {
    client.answer(KEYS, 200, "k-1", "max-age=3600");
    PublishedKeys keys = keys();
    keys.key("k-1");

    client.answer(KEYS, 503, "", null);
    clock.now = clock.now.plusSeconds(61);
    assertThatThrownBy(() -> keys.key("k-2"))
        .isInstanceOf(TernException.class)
        .hasMessage("gcp: Identity Platform keys at " + KEYS + " answered 503");
    assertThat(keys.key("k-2")).isEmpty();
    assertThat(keys.key("k-1")).isPresent();
    assertThat(client.requests).hasSize(2);
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
  void refusesAFetchStepThatFetchesNothing() {
    PublishedKeys keys = keys(get -> Map.of("k-1", GENERATED.get("k-1")), MAX_AGE);

    assertThatThrownBy(() -> keys.key("k-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("gcp: Identity Platform keys were read without fetching anything");
  }

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-03-10T14:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A response from the table: no earlier response, no TLS session. */
  private record Answer(HttpRequest request, int statusCode, HttpHeaders headers, byte[] body)
      implements HttpResponse<byte[]> {
    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }

  /**
   * Answers each GET from a table of URI to status, body and {@code Cache-Control}, or to an
   * exception to throw, and records the requests. Anything else it is asked is unsupported.
   */
  private static final class FakeClient extends HttpClient {
    final List<HttpRequest> requests = new ArrayList<>();
    private final Map<URI, Function<HttpRequest, Answer>> answers = new HashMap<>();
    private final Map<URI, Exception> failures = new HashMap<>();

    void answer(URI uri, int status, String body, String cacheControl) {
      failures.remove(uri);
      answers.put(
          uri,
          request ->
              new Answer(
                  request,
                  status,
                  cacheControl(cacheControl),
                  body.getBytes(StandardCharsets.UTF_8)));
    }

    void fail(URI uri, Exception failure) {
      failures.put(uri, failure);
    }

    List<URI> requested() {
      return requests.stream().map(HttpRequest::uri).toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
        throws IOException, InterruptedException {
      requests.add(request);
      Exception failure = failures.get(request.uri());
      if (failure instanceof IOException io) {
        throw io;
      }
      if (failure instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      return (HttpResponse<T>) answers.get(request.uri()).apply(request);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request, HttpResponse.BodyHandler<T> handler) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(
        HttpRequest request,
        HttpResponse.BodyHandler<T> handler,
        HttpResponse.PushPromiseHandler<T> push) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Duration> connectTimeout() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Redirect followRedirects() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ProxySelector> proxy() {
      throw new UnsupportedOperationException();
    }

    @Override
    public SSLContext sslContext() {
      throw new UnsupportedOperationException();
    }

    @Override
    public SSLParameters sslParameters() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Authenticator> authenticator() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Version version() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Executor> executor() {
      throw new UnsupportedOperationException();
    }
  }
}
