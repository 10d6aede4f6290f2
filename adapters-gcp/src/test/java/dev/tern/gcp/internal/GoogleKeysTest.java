package dev.tern.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.tern.TernException;
import dev.tern.UndecodablePayloadException;
import dev.tern.spi.fake.MovingClock;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default key source against a local stand-in for Google's certificate endpoint: a JSON object
 * of key id to PEM certificate, cached for the response's {@code max-age}.
 */
class GoogleKeysTest {
  @TempDir static Path dir;

  private static Certificate certificate;

  private HttpServer server;
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile int status = 200;
  private volatile byte[] served;

  /** A self-signed certificate made by the JDK's keytool, run as a child process. */
  @BeforeAll
  static void generate() throws Exception {
    certificate = certificate();
  }

  private static Certificate certificate() throws Exception {
    Path store = dir.resolve("keys.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "k",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=securetoken",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    try {
      assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      keytool.destroyForcibly();
    }
    assertThat(keytool.exitValue()).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.toFile())) {
      keys.load(in, "changeit".toCharArray());
    }
    return keys.getCertificate("k");
  }

  @BeforeEach
  void start() throws Exception {
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n";
    byte[] body =
        ("{\"kid-1\":\"" + pem.replace("\n", "\\n") + "\"}").getBytes(StandardCharsets.UTF_8);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/keys",
        exchange -> {
          fetches.incrementAndGet();
          exchange
              .getResponseHeaders()
              .add("Cache-Control", "public, max-age=600, must-revalidate");
          byte[] sent = served != null ? served : body;
          exchange.sendResponseHeaders(status, status == 200 ? sent.length : -1);
          if (status == 200) {
            exchange.getResponseBody().write(sent);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/keys");
  }

  @Test
  void fetchesCertificatesAndCachesThemForMaxAge() {
    MovingClock clock = new MovingClock(Instant.parse("2026-01-01T00:00:00Z"));
    GoogleKeys keys = new GoogleKeys(uri(), HttpClient.newHttpClient(), clock);
    assertThat(keys.key("kid-1")).contains(certificate.getPublicKey());
    assertThat(keys.key("kid-1")).contains(certificate.getPublicKey());
    assertThat(fetches).hasValue(1);
    assertThat(keys.key("unknown")).isEmpty();
    assertThat(fetches).as("an unknown kid does not refetch within a minute").hasValue(1);
    clock.advance(Duration.ofSeconds(601));
    assertThat(keys.key("kid-1")).isPresent();
    assertThat(fetches).hasValue(2);
  }

  @Test
  void failsWithATernExceptionWhenTheEndpointFails() {
    status = 503;
    GoogleKeys keys = new GoogleKeys(uri(), HttpClient.newHttpClient(), Clock.systemUTC());
    assertThatThrownBy(() -> keys.key("kid-1"))
        .isInstanceOf(TernException.class)
        .hasMessageContaining("503");
  }

  /**
   * A key set that does not parse, such as a proxy's error page sent with a 200, is a failed fetch,
   * as a 503 is, and no {@link UndecodablePayloadException}, which would tell a blocking caller its
   * request was bad.
   */
  @Test
  void failsAsAFetchDoesWhenTheKeySetIsNotJson() {
    served = "<html>Service Unavailable</html>".getBytes(StandardCharsets.UTF_8);
    GoogleKeys keys = new GoogleKeys(uri(), HttpClient.newHttpClient(), Clock.systemUTC());

    assertThatThrownBy(() -> keys.key("kid-1"))
        .isExactlyInstanceOf(TernException.class)
        .hasMessageContaining("key set from " + uri());
  }
}
