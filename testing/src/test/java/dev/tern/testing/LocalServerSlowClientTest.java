package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.OnHttp;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LocalServerSlowClientTest {
  /** Answers a greeting. */
  @OnHttp(route = "/stalls/hello", methods = "GET", name = "StallsHello")
  public static final class Hello implements HttpFunction {
    @Override
    public dev.tern.HttpResponse handle(dev.tern.HttpRequest request, Context context) {
      return dev.tern.HttpResponse.text("hello");
    }
  }

  /** Answers with the size of the body it was given. */
  @OnHttp(route = "/stalls/upload", methods = "POST", name = "StallsUpload")
  public static final class Upload implements HttpFunction {
    final List<Integer> sizes = new CopyOnWriteArrayList<>();

    @Override
    public dev.tern.HttpResponse handle(dev.tern.HttpRequest request, Context context) {
      sizes.add(request.body().size());
      return dev.tern.HttpResponse.text("got " + request.body().size());
    }
  }

  @Test
  void answersOtherRequestsWhileAClientIsStillSendingItsBodyAndThatOneOnceItHasCome()
      throws Exception {
    Harness harness = Harness.of(Hello.class, Upload.class);
    LocalServer server = LocalServer.start(harness, 0, quiet());
    try (Socket slow = new Socket("127.0.0.1", server.port())) {
      OutputStream out = slow.getOutputStream();
      out.write(head("POST /stalls/upload", 100));
      out.write(new byte[10]);
      out.flush();

      HttpResponse<String> hello = get(server, "/stalls/hello");
      HttpResponse<String> admin = post(server, "/_tern/clock?advance=PT1M");

      assertThat(hello.statusCode()).isEqualTo(200);
      assertThat(hello.body()).isEqualTo("hello");
      assertThat(admin.statusCode()).isEqualTo(200);
      assertThat(slow.getInputStream().available())
          .as("the slow upload is not answered yet")
          .isZero();
      assertThat(harness.instance(Upload.class).sizes).isEmpty();

      out.write(new byte[90]);
      out.flush();

      assertThat(answer(slow)).startsWith("HTTP/1.1 200").endsWith("got 100");
      assertThat(harness.instance(Upload.class).sizes).containsExactly(100);
    } finally {
      server.stop();
    }
  }

  @Test
  void answers408ToARequestWhoseBodyStallsAndClosesItsConnection() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Harness harness = Harness.of(Hello.class, Upload.class);
    LocalServer server =
        LocalServer.start(
            harness,
            0,
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            null,
            Duration.ofMillis(300));
    try (Socket upload = new Socket("127.0.0.1", server.port());
        Socket admin = new Socket("127.0.0.1", server.port());
        Socket head = new Socket("127.0.0.1", server.port())) {
      long start = System.nanoTime();
      upload.getOutputStream().write(head("POST /stalls/upload", 100));
      upload.getOutputStream().write(new byte[10]);
      admin.getOutputStream().write(head("POST /_tern/queues/payments", 100));
      admin.getOutputStream().write(new byte[10]);
      head.getOutputStream().write(head("HEAD /stalls/hello", 100));
      head.getOutputStream().write(new byte[10]);

      assertThat(get(server, "/stalls/hello").body()).isEqualTo("hello");
      String refused = answer(upload);
      long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();

      assertThat(refused).startsWith("HTTP/1.1 408").containsIgnoringCase("connection: close");
      assertThat(waited).isGreaterThanOrEqualTo(300);
      assertThat(closed(upload)).isTrue();
      assertThat(answer(admin)).startsWith("HTTP/1.1 408");
      assertThat(closed(admin)).isTrue();
      assertThat(closed(head)).as("a HEAD request, whose answer would wait for its body").isTrue();
      assertThat(harness.instance(Upload.class).sizes).isEmpty();
      assertThat(harness.deliveries())
          .extracting(Delivery::function)
          .containsExactly("StallsHello");
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains(
              "  POST /stalls/upload answered 408: the request body was not complete 300 ms after"
                  + " its headers; nothing was called",
              "  POST /_tern/queues/payments answered 408: ",
              "  HEAD /stalls/hello closed: the request body was not complete 300 ms after its"
                  + " headers");
      // Its threads are free again.
      for (int i = 0; i < 8; i++) {
        assertThat(get(server, "/stalls/hello").body()).isEqualTo("hello");
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void closesTheConnectionOfAnOversizedBodyThatStallsAfterIts413() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Harness harness = Harness.of(Hello.class, Upload.class);
    LocalServer server =
        LocalServer.start(
            harness,
            0,
            new PrintStream(printed, true, StandardCharsets.UTF_8),
            null,
            Duration.ofMillis(300));
    try (Socket slow = new Socket("127.0.0.1", server.port())) {
      long start = System.nanoTime();
      slow.getOutputStream().write(head("POST /stalls/upload", 6 * 1024 * 1024 + 1));
      slow.getOutputStream().write(new byte[1024]);

      assertThat(answer(slow)).startsWith("HTTP/1.1 413").contains("the request body is over");
      assertThat(closed(slow)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis())
          .isGreaterThanOrEqualTo(300);
      assertThat(get(server, "/stalls/hello").body()).isEqualTo("hello");
      assertThat(harness.instance(Upload.class).sizes).isEmpty();
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains(
              "  POST /stalls/upload answered 413: the request body is over 6291456 bytes",
              "  POST /stalls/upload closed: the rest of the body refused with 413 had not come"
                  + " 300 ms after its headers");
    } finally {
      server.stop();
    }
  }

  private static byte[] head(String requestLine, int contentLength) {
    return (requestLine
            + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
            + contentLength
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The status line, headers and body of the next answer on {@code socket}. */
  private static String answer(Socket socket) throws IOException {
    socket.setSoTimeout(5_000);
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("closed after " + head.toString(StandardCharsets.US_ASCII));
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.US_ASCII);
    Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
    int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
    return text + new String(in.readNBytes(size), StandardCharsets.US_ASCII);
  }

  /** Whether the server closes {@code socket} with nothing more to read, within a few seconds. */
  private static boolean closed(Socket socket) throws IOException {
    socket.setSoTimeout(5_000);
    return socket.getInputStream().read() == -1;
  }

  private static HttpResponse<String> get(LocalServer server, String target) throws Exception {
    return send(server, HttpRequest.newBuilder(uri(server, target)).GET());
  }

  private static HttpResponse<String> post(LocalServer server, String target) throws Exception {
    return send(
        server,
        HttpRequest.newBuilder(uri(server, target)).POST(HttpRequest.BodyPublishers.noBody()));
  }

  private static HttpResponse<String> send(LocalServer server, HttpRequest.Builder request)
      throws Exception {
    // Bounded, so that a server held by the slow client fails the test rather than hanging it.
    return HttpClient.newHttpClient()
        .send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(LocalServer server, String target) {
    return URI.create("http://127.0.0.1:" + server.port() + target);
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
