package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.OnHttp;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LocalServerBodyLimitTest {
  private static final int LAMBDA = 6 * 1024 * 1024;

  /** Answers with the size of the body it was given. */
  @OnHttp(route = "/limits/upload", methods = "POST", name = "LimitsUpload")
  public static final class Upload implements HttpFunction {
    final List<Integer> sizes = new CopyOnWriteArrayList<>();

    @Override
    public dev.tern.HttpResponse handle(dev.tern.HttpRequest request, Context context) {
      sizes.add(request.body().size());
      return dev.tern.HttpResponse.text("got " + request.body().size());
    }
  }

  @Test
  void takesTheRequestLimitOfTheCloudItImitatesAndLambdasWithoutOne() {
    assertThat(LocalServer.maxBody(Cloud.AWS)).isEqualTo(6_291_456);
    assertThat(LocalServer.maxBody(Cloud.GCP)).isEqualTo(33_554_432);
    assertThat(LocalServer.maxBody(Cloud.AZURE)).isEqualTo(104_857_600);
    assertThat(LocalServer.maxBody(Cloud.LOCAL)).isEqualTo(6_291_456);
  }

  @Test
  void refusesADeclaredLengthOverTheLimitWith413BeforeTheBodyIsSent() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Harness harness = Harness.of(Upload.class);
    LocalServer server =
        LocalServer.start(harness, 0, new PrintStream(printed, true, StandardCharsets.UTF_8));
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /limits/upload HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                  + (LAMBDA + 1)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      // A small part of the body: the answer comes without the rest.
      out.write(new byte[1024]);
      out.flush();

      String status = statusLine(socket);

      assertThat(status).startsWith("HTTP/1.1 413");
      assertThat(harness.instance(Upload.class).sizes).isEmpty();
      assertThat(harness.deliveries()).isEmpty();
      assertThat(printed.toString(StandardCharsets.UTF_8))
          .contains(
              "POST /limits/upload answered 413: the request body is over 6291456 bytes, the"
                  + " most a synchronous Lambda invocation carries");
    } finally {
      server.stop();
    }
  }

  @Test
  void refusesAChunkedBodyOnceItGrowsPastTheLimit() throws Exception {
    Harness harness = Harness.of(Upload.class);
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          "POST /limits/upload HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      // 96 chunks of 64 KiB are the limit exactly; one byte more is over it.
      byte[] chunk = new byte[64 * 1024];
      for (int sent = 0; sent < LAMBDA; sent += chunk.length) {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write("1\r\nx\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      assertThat(statusLine(socket)).startsWith("HTTP/1.1 413");
      assertThat(harness.instance(Upload.class).sizes).isEmpty();
    } finally {
      server.stop();
    }
  }

  @Test
  void passesABodyOfExactlyTheLimitAndALargerOneToACloudThatTakesIt() throws Exception {
    Harness local = Harness.of(Upload.class);
    Harness gcp = Harness.builder().functions(Upload.class).cloud(Cloud.GCP).build();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    LocalServer localServer = LocalServer.start(local, 0, quiet);
    LocalServer gcpServer = LocalServer.start(gcp, 0, quiet);
    try {
      assertThat(post(localServer, LAMBDA).body()).isEqualTo("got " + LAMBDA);
      assertThat(post(gcpServer, LAMBDA + 1).body()).isEqualTo("got " + (LAMBDA + 1));
      assertThat(gcp.instance(Upload.class).sizes).containsExactly(LAMBDA + 1);
    } finally {
      localServer.stop();
      gcpServer.stop();
    }
  }

  @Test
  void answers413ToAClientStillSendingTheBodyRatherThanResettingTheConnection() throws Exception {
    Harness harness = Harness.of(Upload.class);
    LocalServer server =
        LocalServer.start(
            harness, 0, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      // Well past the limit, so that most of the body is still coming when the answer is sent:
      // closing the connection on it unread would reset it before the client read the answer.
      int size = LAMBDA + 4 * 1024 * 1024;
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> declared = post(server, size);
        HttpResponse<String> chunked =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/limits/upload"))
                        .POST(
                            HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(new byte[size])))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("the request body is over 6291456 bytes");
      }
      assertThat(harness.instance(Upload.class).sizes).isEmpty();
      // The server still answers on the connections that follow.
      assertThat(post(server, 10).body()).isEqualTo("got 10");
    } finally {
      server.stop();
    }
  }

  private static HttpResponse<String> post(LocalServer server, int size) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/limits/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[size]))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String statusLine(Socket socket) throws Exception {
    socket.setSoTimeout(10_000);
    return new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
        .readLine();
  }
}
