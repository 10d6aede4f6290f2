package dev.tern.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Lambda Runtime API (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) on
 * 127.0.0.1 and a free port: hands out queued events on {@code /next} and records what the runtime
 * client posts back. Every {@code /next} answer carries a {@code Content-Type}; the native client
 * crashes the JVM without one.
 */
final class RuntimeApiServer implements AutoCloseable {
  /** What the runtime client posted: to {@code response}, {@code error} or {@code init/error}. */
  record Post(String kind, String requestId, String errorType, String body) {}

  private record Event(String requestId, byte[] payload) {}

  private static final Event STOP = new Event("", new byte[0]);

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "runtime-api");
            t.setDaemon(true);
            return t;
          });
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<Post> posts = new LinkedBlockingQueue<>();

  RuntimeApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/2018-06-01/runtime/", this::handle);
    server.start();
  }

  /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  void enqueue(String requestId, byte[] payload) {
    events.add(new Event(requestId, payload));
  }

  /** Makes the next {@code /next} fail, which ends the runtime client. */
  void stop() {
    events.add(STOP);
  }

  /** The next post, waiting at most {@code timeout}; null when none came. */
  Post next(Duration timeout) throws InterruptedException {
    return posts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring("/2018-06-01/runtime/".length());
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (path.equals("invocation/next")) {
        Event event;
        try {
          event = events.poll(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          event = STOP;
        }
        if (event == null || event == STOP) {
          reply(
              exchange,
              500,
              "{\"errorMessage\":\"no more events\"}".getBytes(StandardCharsets.UTF_8));
          return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", event.requestId());
        exchange
            .getResponseHeaders()
            .add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
        exchange
            .getResponseHeaders()
            .add(
                "Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:eu-west-1:123456789012:function:tern-e2e");
        exchange
            .getResponseHeaders()
            .add(
                "Lambda-Runtime-Trace-Id",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        reply(exchange, 200, event.payload());
        return;
      }
      if (path.equals("restore/next")) {
        // SnapStart: the client asks after the checkpoint hooks ran; answering resumes it.
        posts.add(new Post("restore/next", null, null, ""));
        reply(exchange, 200, new byte[0]);
        return;
      }
      String errorType =
          exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
      String text = new String(body, StandardCharsets.UTF_8);
      if (path.equals("init/error")) {
        posts.add(new Post("init/error", null, errorType, text));
      } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
        posts.add(new Post("response", path.split("/")[1], errorType, text));
      } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
        posts.add(new Post("error", path.split("/")[1], errorType, text));
      } else {
        posts.add(new Post("unexpected " + path, null, errorType, text));
        reply(exchange, 404, new byte[0]);
        return;
      }
      reply(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    // The native client reads Content-Type unchecked on every answer to /next, errors included.
    if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
