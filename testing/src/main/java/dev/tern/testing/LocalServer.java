package dev.tern.testing;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tern.AuthDecision;
import dev.tern.AuthMoment;
import dev.tern.AuthUser;
import dev.tern.Body;
import dev.tern.Headers;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.SetCookie;
import dev.tern.TernException;
import dev.tern.Tick;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.TriggerKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Serves the functions of the classpath's index on localhost so a person can try an app with curl:
 * HTTP functions on their routes, and small admin endpoints under {@code /_tern/} for everything
 * else.
 *
 * <pre>
 * POST   /_tern/queues/{queue}            body = message        enqueue a message
 * PUT    /_tern/buckets/{bucket}/{key}    body = content        put an object
 * DELETE /_tern/buckets/{bucket}/{key}                          delete an object
 * POST   /_tern/schedules/{name}                                fire a schedule now
 * POST   /_tern/clock?advance=PT24H                             move the clock, firing what is due
 * POST   /_tern/auth/{moment}             body = {"email":…}    run an auth moment
 * </pre>
 *
 * <p>An upload's {@code x-amz-meta-}, {@code x-goog-meta-} and {@code x-ms-meta-} headers, the
 * prefixes the clouds' own tools send, become the object's user metadata, named by the rest of the
 * header name in lower case: {@code -H 'x-goog-meta-Camera: x100'} gives {@code {camera=x100}}. The
 * deletion's event reports it too.
 *
 * <p>It prints the URLs it serves on start and one readable line per delivery, with attempts and
 * dead letters. Port: {@code -Dtern.port} or {@code PORT}, default 8080. Settings ({@code ${NAME}}
 * references) come from the environment. The clock starts at the real current time.
 *
 * @since 0.1
 */
public final class LocalServer {
  private static final List<String> METADATA_PREFIXES =
      List.of("x-amz-meta-", "x-goog-meta-", "x-ms-meta-");

  private final Harness harness;
  private final HttpServer server;
  private final PrintStream out;
  private int printed;
  private long messages;

  private LocalServer(Harness harness, int port, PrintStream out) throws IOException {
    this.harness = harness;
    this.out = out;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    this.server.createContext("/", this::handle);
  }

  /** Starts a server for {@code harness} on {@code port} (0 picks a free one). */
  public static LocalServer start(Harness harness, int port, PrintStream out) throws IOException {
    LocalServer server = new LocalServer(requireNonNull(harness, "harness == null"), port, out);
    server.server.start();
    return server;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public void stop() {
    server.stop(0);
  }

  public static void main(String[] args) throws IOException {
    int port =
        Integer.parseInt(
            System.getProperty("tern.port", System.getenv().getOrDefault("PORT", "8080")));
    Harness harness =
        Harness.builder()
            .settings(System.getenv())
            .startingAt(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
            .echoLogs(line -> System.out.println("  log " + line))
            .build();
    LocalServer server = start(harness, port, System.out);
    server.printBanner();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
  }

  void printBanner() {
    String base = "http://127.0.0.1:" + port();
    out.println("Tern local server on " + base);
    for (FunctionDescriptor d : harness.router().functions()) {
      switch (d.kind()) {
        case HTTP:
          out.println(
              "  "
                  + pad(d.name())
                  + (d.methods().isEmpty() ? "*" : String.join(",", d.methods()))
                  + " "
                  + base
                  + d.route());
          break;
        case QUEUE:
          out.println(
              "  "
                  + pad(d.name())
                  + "curl -X POST "
                  + base
                  + "/_tern/queues/"
                  + harness.router().source(d)
                  + " -d '<message>'");
          break;
        case STORAGE:
          out.println(
              "  "
                  + pad(d.name())
                  + "curl -X PUT "
                  + base
                  + "/_tern/buckets/"
                  + harness.router().source(d)
                  + "/<key> --data-binary @<file>   (DELETE to delete)");
          break;
        case SCHEDULE:
          out.println(
              "  "
                  + pad(d.name())
                  + "\""
                  + d.cron()
                  + "\" UTC; fire now: curl -X POST "
                  + base
                  + "/_tern/schedules/"
                  + d.name());
          break;
        default:
          for (AuthMoment m : d.moments()) {
            out.println(
                "  "
                    + pad(d.name())
                    + "curl -X POST "
                    + base
                    + "/_tern/auth/"
                    + m.name().toLowerCase(Locale.ROOT)
                    + " -d '{\"email\":\"ada@example.com\"}'");
          }
      }
    }
    out.println("  move the clock: curl -X POST '" + base + "/_tern/clock?advance=PT24H'");
    out.flush();
  }

  private static String pad(String name) {
    return String.format("%-16s ", name);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpResponse response;
      synchronized (harness) {
        try {
          String path = exchange.getRequestURI().getRawPath();
          response =
              path.startsWith("/_tern/") || path.equals("/_tern")
                  ? admin(exchange, path.substring(Math.min(path.length(), 7)))
                  : harness.http(toRequest(exchange));
        } catch (TernException e) {
          response = HttpResponse.text(e.getMessage() + "\n").withStatus(400);
        }
        printDeliveries();
      }
      send(exchange, response);
    }
  }

  private HttpResponse admin(HttpExchange exchange, String rest) throws IOException {
    String method = exchange.getRequestMethod();
    String[] parts = rest.split("/", 2);
    String what = parts[0];
    String arg = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
    byte[] body = readBody(exchange);
    if (what.equals("queues") && method.equals("POST") && !arg.isEmpty()) {
      Message m =
          harness.enqueue(
              Message.builder("m-" + ++messages, arg)
                  .body(Body.of(body, exchange.getRequestHeaders().getFirst("Content-Type")))
                  .build());
      return json(
          Map.of(
              "id",
              m.id(),
              "queue",
              arg,
              "deadLettered",
              harness.deadLetters(arg).stream().anyMatch(d -> d.id().equals(m.id()))));
    }
    if (what.equals("buckets")
        && arg.contains("/")
        && (method.equals("PUT") || method.equals("POST") || method.equals("DELETE"))) {
      String bucket = arg.substring(0, arg.indexOf('/'));
      String key = arg.substring(arg.indexOf('/') + 1);
      ObjectEvent event =
          method.equals("DELETE")
              ? harness.deleteObject(bucket, key)
              : harness.putObject(
                  bucket,
                  key,
                  body,
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  metadata(exchange.getRequestHeaders()));
      return json(
          Map.of(
              "event",
              event.id(),
              "kind",
              event.kind().name(),
              "bucket",
              bucket,
              "key",
              key,
              "metadata",
              event.metadata()));
    }
    if (what.equals("schedules") && method.equals("POST")) {
      Tick tick = harness.fire(arg);
      return json(Map.of("schedule", tick.name(), "firedAt", tick.firedAt().toString()));
    }
    if (what.startsWith("clock") && method.equals("POST")) {
      String query = exchange.getRequestURI().getRawQuery();
      String advance = query != null && query.startsWith("advance=") ? query.substring(8) : "PT1H";
      try {
        List<Tick> ticks = harness.advance(Duration.parse(advance));
        return json(Map.of("now", harness.clock().instant().toString(), "ticks", ticks.size()));
      } catch (DateTimeParseException e) {
        return HttpResponse.text("advance must be an ISO-8601 duration such as PT24H\n")
            .withStatus(400);
      }
    }
    if (what.equals("auth") && method.equals("POST")) {
      AuthMoment moment = AuthMoment.valueOf(arg.toUpperCase(Locale.ROOT).replace('-', '_'));
      Map<?, ?> fields = body.length == 0 ? Map.of() : (Map<?, ?>) Body.of(body).as(Map.class);
      AuthUser.Builder user = AuthUser.builder();
      if (fields.get("email") != null) {
        user.email(fields.get("email").toString()).username(fields.get("email").toString());
      }
      if (fields.get("username") != null) {
        user.username(fields.get("username").toString());
      }
      if (fields.get("phone") != null) {
        user.phone(fields.get("phone").toString());
      }
      AuthDecision decision = harness.auth(moment, user.build());
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("allowed", decision.isAllowed());
      if (decision.isInvalid()) {
        answer.put("invalid", true);
        answer.put("fieldErrors", decision.fieldErrors());
      }
      decision.message().ifPresent(m -> answer.put("message", m));
      answer.put("attributes", decision.attributes());
      answer.put("claims", decision.claims());
      return json(answer);
    }
    return HttpResponse.text("unknown admin call " + method + " /_tern/" + rest + "\n")
        .withStatus(404);
  }

  /**
   * The user metadata in an upload's headers; a repeated header's values are joined with commas.
   * Headers are read in name order, so a name sent under two prefixes always keeps the same one.
   */
  private static Map<String, String> metadata(com.sun.net.httpserver.Headers headers) {
    Map<String, String> metadata = new TreeMap<>();
    new TreeMap<>(headers)
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              for (String prefix : METADATA_PREFIXES) {
                if (lower.startsWith(prefix) && lower.length() > prefix.length()) {
                  metadata.put(lower.substring(prefix.length()), String.join(",", values));
                }
              }
            });
    return metadata;
  }

  private static HttpResponse json(Object value) {
    return HttpResponse.json(value);
  }

  private void printDeliveries() {
    List<Delivery> all = harness.deliveries();
    for (Delivery d : all.subList(printed, all.size())) {
      out.println(d);
      if (!d.succeeded() && d.kind().equals("queue")) {
        harness.router().functions().stream()
            .filter(f -> f.kind() == TriggerKind.QUEUE && f.name().equals(d.function()))
            .findFirst()
            .ifPresent(
                f -> {
                  String queue = harness.router().source(f);
                  // Only the attempt that ran out: earlier failures of the same message were
                  // retries.
                  if (harness.deadLetters(queue).stream()
                      .anyMatch(
                          m ->
                              m.id().equals(d.eventId()) && m.attempt().orElse(0) == d.attempt())) {
                    out.println(
                        "  dead-lettered " + d.eventId() + " after " + d.attempt() + " attempts");
                  }
                });
      }
    }
    printed = all.size();
    out.flush();
  }

  private static HttpRequest toRequest(HttpExchange exchange) throws IOException {
    String target =
        exchange.getRequestURI().getRawPath()
            + (exchange.getRequestURI().getRawQuery() == null
                ? ""
                : "?" + exchange.getRequestURI().getRawQuery());
    Headers.Builder headers = Headers.builder();
    exchange.getRequestHeaders().forEach((name, values) -> headers.addAll(name, values));
    Headers built = headers.build();
    return HttpRequest.builder(exchange.getRequestMethod(), target)
        .headers(built)
        .body(Body.of(readBody(exchange), built.first("Content-Type").orElse(null)))
        .sourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
        .build();
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  private static void send(HttpExchange exchange, HttpResponse response) throws IOException {
    response
        .effectiveHeaders()
        .asMap()
        .forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
    for (SetCookie cookie : response.cookies()) {
      exchange.getResponseHeaders().add("Set-Cookie", cookie.headerValue());
    }
    byte[] body = response.body().unsafeBytes();
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    }
  }
}
