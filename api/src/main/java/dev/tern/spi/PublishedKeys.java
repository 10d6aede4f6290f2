package dev.tern.spi;

import static java.util.Objects.requireNonNull;

import dev.tern.InvalidValueException;
import dev.tern.TernException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The public keys a cloud publishes over HTTPS to verify the tokens it signs, by key id ({@code
 * kid}), fetched when first asked for and kept as long as a rule says. An unknown key id fetches
 * them again, but at most once a minute, so a forged {@code kid} cannot make every request call
 * out; a key rolled in early is still found within a minute.
 *
 * <p>What is fetched and how it is read belongs to the cloud: Google publishes a JSON object of key
 * id to PEM certificate (https://firebase.google.com/docs/auth/admin/verify-id-tokens), Entra an
 * OpenID configuration whose {@code jwks_uri} names a JSON Web Key Set
 * (https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens). This class
 * does the rest: each GET with a 3 s timeout, its status, the errors and the cache.
 *
 * <pre>{@code
 * PublishedKeys keys = PublishedKeys.of("gcp", "Identity Platform keys",
 *     get -> parse(get.bytes(uri)), PublishedKeys.maxAge(Duration.ofMinutes(5), Duration.ofDays(1)),
 *     PublishedKeys::newClient, Clock.systemUTC());
 * Optional<PublicKey> key = keys.key(kid);
 * }</pre>
 *
 * <p>The HTTP client (and with it TLS, hundreds of classes) is made on the first fetch, so
 * functions that never verify a token never load it at cold start. {@link #key} is synchronized:
 * concurrent first requests fetch once.
 *
 * @since 0.1
 */
public final class PublishedKeys {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final Duration MIN_REFRESH = Duration.ofMinutes(1);

  /** How long past their time keys are still used while fetching them again fails. */
  private static final long STALE_HOURS = 24;

  /** Reads the keys from what it fetches. */
  @FunctionalInterface
  public interface Fetch {
    /**
     * The keys by id, read from documents fetched with {@code get}. The last document fetched is
     * the one whose headers decide how long the keys are kept.
     *
     * @throws TernException when a document cannot be fetched or read
     */
    Map<String, PublicKey> keys(Get get);
  }

  /** GETs a document for a {@link Fetch}. */
  @FunctionalInterface
  public interface Get {
    /**
     * The response to a GET of {@code uri}, whose status was 200.
     *
     * @throws TernException when the GET fails or answers another status, naming {@code uri}
     */
    HttpResponse<byte[]> response(URI uri);

    /** The body of {@link #response}. */
    default byte[] bytes(URI uri) {
      return response(uri).body();
    }
  }

  private final String cloud;
  private final String what;
  private final Fetch fetch;
  private final Function<HttpHeaders, Duration> keep;
  private final Supplier<HttpClient> clients;
  private final Clock clock;
  private HttpClient client;
  private HttpHeaders lastHeaders;
  private Map<String, PublicKey> keys = Map.of();
  private Instant expires = Instant.MIN;
  private Instant fetched = Instant.MIN;

  /** When a fetch was last tried, and how it failed if it did. */
  private Instant attempted = Instant.MIN;

  private TernException failure;

  private PublishedKeys(
      String cloud,
      String what,
      Fetch fetch,
      Function<HttpHeaders, Duration> keep,
      Supplier<HttpClient> clients,
      Clock clock) {
    this.cloud = requireNonNull(cloud, "cloud == null");
    this.what = requireNonNull(what, "what == null");
    this.fetch = requireNonNull(fetch, "fetch == null");
    this.keep = requireNonNull(keep, "keep == null");
    this.clients = requireNonNull(clients, "clients == null");
    this.clock = requireNonNull(clock, "clock == null");
  }

  /**
   * Keys read by {@code fetch} and kept for as long as {@code keep} says, given the headers of the
   * last document fetched. Errors name {@code cloud} and {@code what}: {@code gcp: cannot fetch
   * Identity Platform keys from <uri>: <cause>}, {@code gcp: Identity Platform keys at <uri>
   * answered 503}. {@code clients} is asked once, on the first fetch; {@code clock} dates the
   * fetches.
   */
  public static PublishedKeys of(
      String cloud,
      String what,
      Fetch fetch,
      Function<HttpHeaders, Duration> keep,
      Supplier<HttpClient> clients,
      Clock clock) {
    return new PublishedKeys(cloud, what, fetch, keep, clients, clock);
  }

  /** A client that gives up connecting after 3 seconds, for {@link #of}. */
  public static HttpClient newClient() {
    return HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  }

  /**
   * Keeps the keys for the {@code max-age} of the response's {@code Cache-Control} (RFC 9111,
   * section 5.2.2.1), for {@code otherwise} when it has none, and never for longer than {@code
   * atMost}. A {@code max-age} too large for a {@code long} is taken as {@code atMost}.
   *
   * <p>The directives are read as RFC 9111 section 5.2 says: names in any case ({@code
   * Max-Age=600}), arguments a token or a quoted-string ({@code max-age="600"}), and a quoted
   * argument of another directive ({@code ext="max-age=60"}) is no {@code max-age}. The first
   * {@code max-age} whose argument is a number of seconds counts.
   */
  public static Function<HttpHeaders, Duration> maxAge(Duration otherwise, Duration atMost) {
    requireNonNull(otherwise, "otherwise == null");
    requireNonNull(atMost, "atMost == null");
    return headers -> {
      Duration age = null;
      for (String value : headers.allValues("Cache-Control")) {
        age = maxAge(value, atMost);
        if (age != null) {
          break;
        }
      }
      if (age == null) {
        return otherwise;
      }
      return age.compareTo(atMost) > 0 ? atMost : age;
    };
  }

  /** The first {@code max-age} in one {@code Cache-Control} value, or null when it has none. */
  private static Duration maxAge(String cacheControl, Duration atMost) {
    int length = cacheControl.length();
    int at = 0;
    while (at < length) {
      char c = cacheControl.charAt(at);
      if (c == ',' || c == ' ' || c == '\t') {
        at++;
        continue;
      }
      int start = at;
      while (at < length && "=, \t\"".indexOf(cacheControl.charAt(at)) < 0) {
        at++;
      }
      boolean named = cacheControl.regionMatches(true, start, "max-age", 0, 7) && at - start == 7;
      if (at < length && cacheControl.charAt(at) == '=') {
        at++;
        int from = at;
        int to;
        if (at < length && cacheControl.charAt(at) == '"') {
          // A quoted-string may hold commas; delta-seconds never need its backslash.
          from = ++at;
          while (at < length && cacheControl.charAt(at) != '"') {
            at += cacheControl.charAt(at) == '\\' ? 2 : 1;
          }
          to = Math.min(at, length);
          at++;
        } else {
          while (at < length && cacheControl.charAt(at) != ',') {
            at++;
          }
          to = at;
          while (to > from
              && (cacheControl.charAt(to - 1) == ' ' || cacheControl.charAt(to - 1) == '\t')) {
            to--;
          }
        }
        if (named && isDigits(cacheControl, from, to)) {
          return seconds(cacheControl.substring(from, to), atMost);
        }
      }
      while (at < length && cacheControl.charAt(at) != ',') {
        at++;
      }
    }
    return null;
  }

  private static boolean isDigits(String text, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code digits} as seconds, or {@code atMost} when they are too many for a {@code long}: RFC
   * 9111 section 1.2.2 takes such a value as the largest a cache can hold.
   */
  private static Duration seconds(String digits, Duration atMost) {
    try {
      return Duration.ofSeconds(Long.parseLong(digits));
    } catch (NumberFormatException e) {
      return atMost;
    }
  }

  /**
   * The key with id {@code keyId}, or empty when there is none. The keys are fetched first when
   * they are older than their rule allows, or when they lack {@code keyId} and were last fetched
   * over a minute ago.
   *
   * <p>A fetch that fails is not tried again for a minute, so an endpoint that is down does not
   * make every request call out and wait for its timeouts. Meanwhile keys already fetched are still
   * used, for at most 24 hours past their time, as a cache serves a stale response when its origin
   * fails (RFC 5861, {@code stale-if-error}): a key the cloud published stays valid for the tokens
   * it signed well beyond one refresh.
   *
   * @throws TernException when the keys cannot be fetched or read and there are none to fall back
   *     on
   */
  public synchronized Optional<PublicKey> key(String keyId) {
    Instant now = clock.instant();
    boolean stale = now.isAfter(expires);
    boolean wanted = stale || !keys.containsKey(keyId);
    boolean due =
        failure == null
            ? stale || now.isAfter(fetched.plus(MIN_REFRESH))
            : now.isAfter(attempted.plus(MIN_REFRESH));
    if (wanted && due) {
      attempted = now;
      try {
        refresh(now);
        failure = null;
      } catch (TernException e) {
        failure = e;
        if (!usable(now) || !keys.containsKey(keyId)) {
          throw e;
        }
      }
    } else if (wanted && failure != null && !usable(now)) {
      throw new TernException(
          cloud
              + ": "
              + what
              + " are unavailable: the fetch at "
              + attempted
              + " failed, and is tried again a minute after it ("
              + failure.getMessage()
              + ")",
          failure);
    }
    return Optional.ofNullable(keys.get(keyId));
  }

  /** Whether the keys held can still answer: fetched, and not past their time by too much. */
  private boolean usable(Instant now) {
    return !keys.isEmpty() && !now.isAfter(expires.plus(Duration.ofHours(STALE_HOURS)));
  }

  private void refresh(Instant now) {
    lastHeaders = null;
    Map<String, PublicKey> read = copyOf(fetch.keys(this::get));
    if (lastHeaders == null) {
      throw new IllegalStateException(cloud + ": " + what + " were read without fetching anything");
    }
    keys = read;
    fetched = now;
    expires = now.plus(keep.apply(lastHeaders));
  }

  /**
   * A copy of what a {@link Fetch} read, refusing null and a null key id or key with an error
   * naming it, which {@link #key} then keeps for a minute like any failed fetch.
   */
  private Map<String, PublicKey> copyOf(Map<String, PublicKey> read) {
    if (read == null) {
      throw new InvalidValueException(cloud + ": " + what + ": read as null");
    }
    try {
      return Map.copyOf(read);
    } catch (NullPointerException e) {
      for (Map.Entry<String, PublicKey> entry : read.entrySet()) {
        if (entry.getKey() == null) {
          throw new InvalidValueException(cloud + ": " + what + ": null key id", e);
        }
        if (entry.getValue() == null) {
          throw new InvalidValueException(
              cloud + ": " + what + ": null key for key id \"" + entry.getKey() + "\"", e);
        }
      }
      throw e;
    }
  }

  private HttpResponse<byte[]> get(URI uri) {
    HttpResponse<byte[]> response;
    try {
      if (client == null) {
        client = clients.get();
      }
      response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new TernException(cloud + ": cannot fetch " + what + " from " + uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TernException(cloud + ": interrupted fetching " + what + " from " + uri, e);
    }
    if (response.statusCode() != 200) {
      throw new TernException(
          cloud + ": " + what + " at " + uri + " answered " + response.statusCode());
    }
    lastHeaders = response.headers();
    return response;
  }
}
