package dev.tern.testing;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.AuthUser;
import dev.tern.Body;
import dev.tern.Cloud;
import dev.tern.ConfigurationException;
import dev.tern.FunctionFailedException;
import dev.tern.Headers;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.Query;
import dev.tern.SetCookie;
import dev.tern.TernException;
import dev.tern.Tick;
import dev.tern.UndecodablePayloadException;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.TriggerKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Serves the functions of the classpath's index on localhost so a person can try an app with curl:
 * HTTP functions on their routes, and small admin endpoints under {@code /_tern/} for everything
 * else.
 *
 * <pre>
 * POST   /_tern/queues/{queue}            body = message        enqueue a message
 *        ?orderingKey={key}                                     with an ordering key
 * PUT    /_tern/buckets/{bucket}/{key}    body = content        put an object
 * DELETE /_tern/buckets/{bucket}/{key}                          delete an object
 * POST   /_tern/schedules/{name}                                fire a schedule now
 * POST   /_tern/clock?advance=PT24H                             move the clock, firing what is due
 * POST   /_tern/auth/{moment}             body = {"email":…}    run an auth moment
 * </pre>
 *
 * <p>An auth moment is named in lower case, as {@code before_sign_up} or {@code token_issuance};
 * another name is answered 400 with the list of moments. The body describes the {@link AuthUser}: a
 * JSON object with any of the fields {@code id}, {@code username}, {@code email}, {@code phone}
 * (strings), {@code emailVerified} (true or false) and {@code attributes} (an object of strings),
 * as in {@code {"email":"ada@example.com","attributes":{"tier":"gold"}}}, and, for the {@link
 * AuthEvent}, {@code clientId}, {@code ipAddress}, {@code userAgent} (strings) and {@code metadata}
 * (an object of strings). The username is the e-mail address unless the body gives one; a null
 * field counts as absent, and an empty body is a user with none of them. Another field, or a field
 * of another type, is answered 400 naming it and listing the fields. The answer is the decision:
 * {@code allowed}, with {@code invalid} and the {@code fieldErrors} of an invalid one, the {@code
 * message}, {@code attributes} and {@code claims}.
 *
 * <p>An upload's {@code x-amz-meta-}, {@code x-goog-meta-} and {@code x-ms-meta-} headers, the
 * prefixes the clouds' own tools send, become the object's user metadata, named by the rest of the
 * header name in lower case: {@code -H 'x-goog-meta-Camera: x100'} gives {@code {camera=x100}}. The
 * deletion's event reports it too.
 *
 * <p>Enqueuing answers with what became of the message's first attempt, and putting or deleting an
 * object with its event ({@code event}, {@code kind}, {@code bucket}, {@code key}, {@code
 * metadata}) and what became of that event's first attempt. The {@code outcome} is {@code
 * processed}; {@code failed}, with the {@code error} and the {@code retryAt} time of the next
 * attempt; {@code dead-lettered}, with the {@code error}, when the first attempt was the last the
 * delivery policy (for a storage event, its {@link StoragePolicy}) allows, and for a storage event
 * the {@code reason}; {@code discarded}, likewise, for a storage event the platform would drop, as
 * Cloud Functions drops a failed event of a function deployed without {@code --retry}; {@code
 * waiting} for a message not delivered yet, as one of an ordered queue's group waits for an earlier
 * one; or {@code not-delivered}, with the {@code reason}, for an object change no function wants
 * events of, which is stored or deleted all the same. {@code attempt} is there when the event was
 * delivered, and {@code deadLettered} always, true when the harness keeps the message or event as
 * one that ran out:
 *
 * <pre>
 * {"event":"e-5","kind":"CREATED","bucket":"uploads","key":"bad/x.txt","metadata":{},"attempt":1,
 *  "outcome":"failed","error":"function Thumbnails failed on event e-5:
 *  java.lang.IllegalStateException: not an image","retryAt":"2026-05-04T10:00:30Z",
 *  "deadLettered":false}
 * </pre>
 *
 * <p>It prints the URLs it serves on start and one readable line per delivery, with attempts and
 * dead letters of messages and storage events alike, and, as {@link #main(String[])} runs it, the
 * lines functions log, each where it happened: a delivery's line follows the lines its function
 * logged and comes before those of the next delivery, also when a clock advance makes many. Port:
 * {@code -Dtern.port} or {@code PORT}, default 8080. Queues are delivered as {@link
 * DeliveryPolicy#sqs()} does, or as the preset {@code -Dtern.delivery} names ({@code
 * -Dtern.delivery=SQS_FIFO}, see {@link DeliveryPolicy.Preset}); under an ordered one, give each
 * message its key with {@code ?orderingKey=}. Storage events are retried as the cloud does, or
 * without one as the queues are, or as the preset {@code -Dtern.storage} names ({@code
 * -Dtern.storage=EVENT_GRID}, see {@link StoragePolicy.Preset}). {@code -Dtern.cloud=aws} ({@code
 * azure}, {@code gcp}) sends every request and event through that cloud's adapter in native form,
 * as {@link Harness.Builder#cloud} does; {@code -Dtern.versionedBuckets=uploads,receipts} keeps
 * versions in those buckets, as {@link Harness.Builder#versionedBuckets} does. Settings ({@code
 * ${NAME}} references) come from the environment. The clock follows real time from the moment the
 * server starts, so retries and schedules fall due as time passes and functions see the time they
 * are called; {@code POST /_tern/clock?advance=PT24H} moves it a day ahead, from where it goes on
 * following real time.
 *
 * <p>A request the server cannot do is answered, and the answer's line printed: 400 with the reason
 * for one it does not understand or whose function does not exist, 500 with the failure for a
 * function that failed where the platform would not deny (a non-blocking auth moment) or an
 * exception that escaped, whose stack trace is printed too.
 *
 * <p>A request to an HTTP function whose body is over the limit of the platform the server
 * imitates, {@link #maxBody(Cloud)}, is answered 413 without calling the function: 6 MB for Lambda
 * (also without a cloud), 32 MiB for Cloud Run, 100 MB for Azure Functions. The answer is sent as
 * soon as the body is known to be over, and the rest of the body is then read and discarded, so a
 * client still sending it reads the answer rather than a reset connection.
 *
 * <p>A request's body is read before the request takes its turn, on a few threads of the server's
 * own, so a client that sends its body slowly, or stops halfway, holds up no other request. The
 * requests are then delivered one at a time, in the order their bodies came in full, as in a test,
 * so a slow function still delays the requests behind it, admin calls included. A request whose
 * body is not complete 30 seconds after its headers is answered 408 with {@code Connection: close}
 * and its line printed, and nothing is called; a body refused with 413 whose rest has not come by
 * then has its connection closed.
 *
 * <p>A request is routed as Tern's adapters route it in production, {@code HEAD} included: on a
 * route that declares {@code GET} but not {@code HEAD}, the {@code GET} function answers it, and
 * the server sends its status and headers without the body.
 *
 * @since 0.1
 */
public final class LocalServer {
  private static final List<String> METADATA_PREFIXES =
      List.of("x-amz-meta-", "x-goog-meta-", "x-ms-meta-");

  /**
   * How many requests the server reads and answers at once: a few, so that a client slow to send
   * its body holds up no other, and a fixed number, so that a crowd of them waits in line rather
   * than starting a thread each.
   */
  private static final int THREADS = 4;

  /** How long after its headers a request's body may take to arrive: then it is answered 408. */
  static final Duration BODY_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The fields the body of {@code POST /_tern/auth/{moment}} may have: {@link AuthUser}'s, then the
   * {@link AuthEvent}'s own.
   */
  static final List<String> AUTH_FIELDS =
      List.of(
          "id",
          "username",
          "email",
          "phone",
          "emailVerified",
          "attributes",
          "clientId",
          "ipAddress",
          "userAgent",
          "metadata");

  private final Harness harness;
  private final HttpServer server;
  private final PrintStream out;

  /** The real time the harness's clock follows, or null when it stands still until moved. */
  private final Clock wall;

  private final ScheduledExecutorService ticker;

  /** The threads that read requests and answer them; the harness still delivers one at a time. */
  private final ExecutorService http;

  /** Ends the requests whose bodies are not complete after {@link #bodyTimeout}. */
  private final ScheduledThreadPoolExecutor watchdog;

  private final Duration bodyTimeout;

  /**
   * The turn of each request whose body has come to be delivered: a fair lock, taken before the
   * harness, so that the requests are delivered in the order they arrived complete.
   */
  private final ReentrantLock turns = new ReentrantLock(true);

  /** How far {@code POST /_tern/clock} has moved the harness's clock ahead of real time. */
  private Duration ahead = Duration.ZERO;

  private int printed;
  private long messages;

  /**
   * A server for {@code harness}, or when it is null for the harness {@code builder} builds, which
   * then echoes its log lines to {@code out} between the deliveries (see {@link #printLog}).
   */
  private LocalServer(
      Harness harness,
      Harness.Builder builder,
      int port,
      PrintStream out,
      Clock wall,
      Duration bodyTimeout)
      throws IOException {
    this.out = out;
    this.harness = harness != null ? harness : builder.echoLogs(this::printLog).build();
    this.wall = wall;
    this.bodyTimeout = requireNonNull(bodyTimeout, "bodyTimeout == null");
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    this.server.createContext("/", this::handle);
    AtomicInteger threads = new AtomicInteger();
    this.http =
        Executors.newFixedThreadPool(
            THREADS, r -> daemon(r, "tern-local-http-" + threads.incrementAndGet()));
    this.server.setExecutor(http);
    this.watchdog = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "tern-local-watchdog"));
    // A request whose body comes in time cancels its watch: drop it then, not 30 s later.
    this.watchdog.setRemoveOnCancelPolicy(true);
    this.ticker =
        wall == null
            ? null
            : Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tern-local-clock"));
  }

  private static Thread daemon(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    return t;
  }

  /**
   * Starts a server for {@code harness} on {@code port} (0 picks a free one). The harness's virtual
   * clock stands still, moved only by {@code POST /_tern/clock?advance=…}, as in a test.
   */
  public static LocalServer start(Harness harness, int port, PrintStream out) throws IOException {
    return start(harness, port, out, null);
  }

  /**
   * Starts a server whose harness clock follows {@code wall} from where it stands, as {@link
   * #main(String[])} does with the system clock: retries and schedules fall due as real time
   * passes, and {@code POST /_tern/clock?advance=PT24H} moves it a day ahead of real time, which it
   * then goes on following.
   */
  static LocalServer start(Harness harness, int port, PrintStream out, Clock wall)
      throws IOException {
    return start(harness, port, out, wall, BODY_TIMEOUT);
  }

  /**
   * Starts a server as {@link #start(Harness, int, PrintStream, Clock)} does that answers 408 to a
   * request whose body is not complete {@code bodyTimeout} after its headers, rather than after
   * {@link #BODY_TIMEOUT}.
   */
  static LocalServer start(
      Harness harness, int port, PrintStream out, Clock wall, Duration bodyTimeout)
      throws IOException {
    return started(
        new LocalServer(
            requireNonNull(harness, "harness == null"), null, port, out, wall, bodyTimeout));
  }

  /**
   * Starts a server for the harness {@code builder} builds, as {@link #main(String[])} does: the
   * server prints the functions' log lines too, each where it happened among the delivery lines.
   * The builder's own {@link Harness.Builder#echoLogs} is replaced.
   */
  static LocalServer start(Harness.Builder builder, int port, PrintStream out, Clock wall)
      throws IOException {
    return started(
        new LocalServer(
            null, requireNonNull(builder, "builder == null"), port, out, wall, BODY_TIMEOUT));
  }

  private static LocalServer started(LocalServer server) {
    server.server.start();
    if (server.ticker != null) {
      server.ticker.scheduleWithFixedDelay(server::tick, 1, 1, TimeUnit.SECONDS);
    }
    return server;
  }

  /** Catches the clock up with real time, printing what fell due. */
  private void tick() {
    synchronized (harness) {
      try {
        followRealTime();
      } catch (RuntimeException e) {
        // A failure here must not end the clock thread: say it, and try again next second.
        out.println("  clock: " + e);
      }
      printDeliveries();
    }
  }

  /** Moves the harness's clock to real time plus {@link #ahead}, firing what falls due. */
  private void followRealTime() {
    if (wall == null) {
      return;
    }
    Instant target = wall.instant().plus(ahead);
    Instant now = harness.clock().instant();
    if (target.isAfter(now)) {
      harness.advance(Duration.between(now, target));
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Stops the server: closes its connections, which ends the reads still waiting for a body, and
   * waits a few seconds at most for the requests being delivered to end.
   */
  public void stop() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    server.stop(0);
    http.shutdown();
    try {
      http.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    watchdog.shutdownNow();
  }

  public static void main(String[] args) throws IOException {
    int port = port(System.getProperty("tern.port"), System.getenv("PORT"));
    Clock wall = Clock.systemUTC();
    LocalServer server =
        start(
            configure(System::getProperty, System.getenv()).startingAt(wall.instant()),
            port,
            System.out,
            wall);
    server.printBanner();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
  }

  /**
   * The harness {@link #main} serves, from the system properties {@code tern.delivery}, {@code
   * tern.storage}, {@code tern.cloud} and {@code tern.versionedBuckets}, with {@code env} as its
   * settings. A property set to a blank value, as {@code -Dtern.cloud=}, counts as unset.
   *
   * @throws ConfigurationException naming the property whose value is not understood
   */
  static Harness.Builder configure(Function<String, String> properties, Map<String, String> env) {
    Harness.Builder builder =
        Harness.builder().delivery(delivery(properties.apply("tern.delivery"))).settings(env);
    String cloud = properties.apply("tern.cloud");
    if (cloud != null && !cloud.isBlank()) {
      builder.cloud(cloud(cloud));
    }
    String storage = properties.apply("tern.storage");
    if (storage != null && !storage.isBlank()) {
      builder.storageDelivery(storage(storage));
    }
    String versioned = properties.apply("tern.versionedBuckets");
    if (versioned != null) {
      for (String bucket : versioned.split(",")) {
        if (!bucket.isBlank()) {
          builder.versionedBuckets(bucket.trim());
        }
      }
    }
    return builder;
  }

  /**
   * The largest request body, in bytes, that the platform of {@code cloud} passes to an HTTP
   * function: on AWS 6 MB (6,291,456 bytes), the most a synchronous Lambda invocation carries (<a
   * href="https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html">Lambda
   * quotas</a>; API Gateway's own 10 MB is larger); on GCP 32 MiB, Cloud Run's limit for an HTTP/1
   * request (<a href="https://cloud.google.com/run/quotas">Cloud Run quotas</a>); on Azure 100 MB
   * (104,857,600 bytes), the Functions host's (<a
   * href="https://learn.microsoft.com/azure/azure-functions/functions-bindings-http-webhook-trigger#limits">HTTP
   * trigger limits</a>). Without a cloud, Lambda's, the smallest, so that what a local run takes
   * every cloud takes.
   */
  static int maxBody(Cloud cloud) {
    switch (cloud) {
      case GCP:
        return 32 * 1024 * 1024;
      case AZURE:
        return 104_857_600;
      default:
        return 6 * 1024 * 1024;
    }
  }

  /**
   * The port {@code -Dtern.port}, else the {@code PORT} environment variable, names; 8080 when
   * neither is set or both are blank.
   *
   * @throws ConfigurationException naming the setting when it is no port number
   */
  static int port(String property, String env) {
    String name = property != null && !property.isBlank() ? "tern.port" : "PORT";
    String value = property != null && !property.isBlank() ? property : env;
    if (value == null || value.isBlank()) {
      return 8080;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // answered below, as a number out of range is
    }
    throw new ConfigurationException(
        name + " \"" + value + "\" is not a port; use a number from 0 to 65535");
  }

  /** The cloud a {@code -Dtern.cloud} value names, in any case. */
  static Cloud cloud(String name) {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    for (Cloud cloud : List.of(Cloud.AWS, Cloud.AZURE, Cloud.GCP)) {
      if (cloud.name().equals(upper)) {
        return cloud;
      }
    }
    throw new ConfigurationException(
        "tern.cloud \"" + name + "\" is not a cloud; use aws, azure or gcp");
  }

  /** The storage preset a {@code -Dtern.storage} value names, in any case. */
  static StoragePolicy.Preset storage(String preset) {
    return preset(StoragePolicy.Preset.class, "tern.storage", preset);
  }

  /**
   * The policy a {@code -Dtern.delivery} preset name gives; {@code sqs()} without one, or with a
   * blank one, which counts as unset as a blank {@code -Dtern.cloud} or {@code -Dtern.storage}
   * does.
   */
  static DeliveryPolicy delivery(String preset) {
    if (preset == null || preset.isBlank()) {
      return DeliveryPolicy.sqs();
    }
    return preset(DeliveryPolicy.Preset.class, "tern.delivery", preset).policy();
  }

  /** The constant of {@code type} that {@code value} names in any case, or an error naming all. */
  private static <E extends Enum<E>> E preset(Class<E> type, String property, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          property
              + " \""
              + value
              + "\" is not a preset; use one of "
              + Arrays.toString(type.getEnumConstants()),
          e);
    }
  }

  void printBanner() {
    String base = "http://127.0.0.1:" + port();
    out.println(
        "Tern local server on "
            + base
            + (harness.cloud() == Cloud.LOCAL
                ? ""
                : ", every event through " + harness.cloud() + "'s adapter in native form"));
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

  /**
   * Answers a request: reads its body first, on the request's own thread, then takes its turn to
   * deliver it, so that a client slow to send a body holds up no other request. A body over the
   * limit is answered 413 at once, and one not complete after {@link #bodyTimeout} 408 (see {@link
   * BodyWatch}); neither waits for a turn.
   */
  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    boolean admin = path.startsWith("/_tern/") || path.equals("/_tern");
    BodyWatch watch = new BodyWatch(exchange);
    watch.deadline = watchdog.schedule(watch, bodyTimeout.toNanos(), TimeUnit.NANOSECONDS);
    byte[] body;
    try {
      body = admin ? readBody(exchange) : readBody(exchange, maxBody(harness.cloud()));
    } catch (BodyTooLarge e) {
      // The watch goes on while the rest of the body is discarded: the answer is out by then, so a
      // client that stalls is cut off.
      if (watch.kept(BodyWatch.DISCARDING)) {
        try (exchange) {
          printRefusal(exchange, "answered 413", e.getMessage());
          send(exchange, HttpResponse.text(e.getMessage() + "\n").withStatus(413), true);
        } finally {
          watch.claim(BodyWatch.DONE);
        }
      }
      return;
    } catch (IOException | RuntimeException | Error e) {
      if (watch.kept(BodyWatch.DONE)) {
        throw e;
      }
      return; // the watchdog ended the read, and answered the request
    }
    if (!watch.kept(BodyWatch.DONE)) {
      return; // the body came as the watchdog answered 408: that answer stands
    }
    try (exchange) {
      HttpResponse response;
      turns.lock();
      try {
        synchronized (harness) {
          try {
            followRealTime();
            response =
                admin
                    ? admin(exchange, path.substring(Math.min(path.length(), 7)), body)
                    : harness.http(toRequest(exchange, body));
          } catch (BadAdminCall e) {
            response = refused(exchange, 400, e, false);
          } catch (FunctionFailedException e) {
            // A function failed where the platform would not deny: not the request's mistake.
            response = refused(exchange, 500, e, false);
          } catch (TernException e) {
            response = refused(exchange, 400, e, false);
          } catch (RuntimeException | Error e) {
            // Answered all the same: an exception out of here would close the connection
            // unanswered.
            response = refused(exchange, 500, e, true);
          }
          printDeliveries();
        }
      } finally {
        turns.unlock();
      }
      send(exchange, response, false);
    }
  }

  /**
   * Bounds the time a request's body may take to arrive: run by the watchdog {@link #bodyTimeout}
   * after the request's headers, it answers a request whose body is still being read 408, and
   * closes its connection, or only closes the connection of one whose body, refused as too large,
   * is still being discarded after the 413.
   *
   * <p>The thread reading the body is blocked in a read of the exchange's stream, which has no
   * timeout of its own: {@code HttpExchange} gives no socket to set one on, and closing the
   * exchange, or sending an answer without a body, which closes it, would first read the rest of
   * the body too. So the watchdog writes the 408 with its body and leaves the exchange open, then
   * interrupts the reader: the JDK's server reads from a blocking {@code SocketChannel}, an <a
   * href="https://docs.oracle.com/en/java/javase/17/docs/api/java.base/java/nio/channels/InterruptibleChannel.html">InterruptibleChannel</a>,
   * which an interrupt closes, so the read ends there, and the reader then ends the exchange. The
   * two decide under this object's lock which of them owns the exchange, so that only one answers
   * it, and so that the interrupt lands before the reader goes on to another request.
   */
  private final class BodyWatch implements Runnable {
    static final int READING = 0;
    static final int DISCARDING = 1;
    static final int DONE = 2;
    static final int TIMED_OUT = 3;

    private final HttpExchange exchange;
    private final Thread reader = Thread.currentThread();

    /** The watchdog's run of this, cancelled when the body has come. */
    ScheduledFuture<?> deadline;

    private int phase = READING;

    BodyWatch(HttpExchange exchange) {
      this.exchange = exchange;
    }

    /**
     * Moves the reader on to {@code next}, or returns false when the watchdog has ended the
     * request, whose answer the reader must then leave alone.
     */
    synchronized boolean claim(int next) {
      if (phase == TIMED_OUT) {
        Thread.interrupted(); // the interrupt that ended the read, or came just after it
        return false;
      }
      phase = next;
      if (next == DONE) {
        deadline.cancel(false);
      }
      return true;
    }

    /**
     * Moves the reader on from reading the body to {@code next}, or, when the watchdog has answered
     * the request first, ends the exchange it answered and returns false. Closing the answer tells
     * the server the exchange is over, and, as the body was not read to its end, to close the
     * connection, if the interrupt has not done so already.
     */
    boolean kept(int next) {
      if (claim(next)) {
        return true;
      }
      try {
        exchange.getResponseBody().close();
      } catch (IOException e) {
        exchange.close(); // no answer went out: this closes the connection
      }
      return false;
    }

    @Override
    public synchronized void run() {
      if (phase != READING && phase != DISCARDING) {
        return; // the body came, or was discarded, as the watchdog's time came
      }
      String late =
          bodyTimeout.toMillis() % 1000 == 0
              ? bodyTimeout.toSeconds() + " s"
              : bodyTimeout.toMillis() + " ms";
      if (phase == READING) {
        String message =
            "the request body was not complete " + late + " after its headers; nothing was called";
        // The JDK's server closes the exchange of an answer to HEAD, as of one without a body,
        // reading the rest of the body first: that connection is only closed.
        if (exchange.getRequestMethod().equals("HEAD")) {
          printRefusal(exchange, "closed", message);
        } else {
          printRefusal(exchange, "answered 408", message);
          byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
          try {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(408, text.length);
            OutputStream body = exchange.getResponseBody();
            body.write(text);
            body.flush();
          } catch (IOException e) {
            // The client is gone: closing the connection is all there is left to do.
          }
        }
      } else {
        printRefusal(
            exchange,
            "closed",
            "the rest of the body refused with 413 had not come " + late + " after its headers");
      }
      phase = TIMED_OUT;
      reader.interrupt();
    }
  }

  /**
   * A plain-text answer with {@code status} and the message of {@code e}, which the console shows
   * too, after the deliveries made before it went wrong; with the stack trace when {@code
   * unexpected}, for an exception that is neither Tern's nor the request's mistake, whose class
   * then leads the message.
   */
  private HttpResponse refused(HttpExchange exchange, int status, Throwable e, boolean unexpected) {
    String message = unexpected || e.getMessage() == null ? e.toString() : e.getMessage();
    printDeliveries();
    printRefusal(exchange, "answered " + status, message);
    if (unexpected) {
      e.printStackTrace(out);
      out.flush();
    }
    return HttpResponse.text(message + "\n").withStatus(status);
  }

  /**
   * Prints the line of a request refused for {@code message}: what became of it, {@code answered
   * 400} or {@code closed}, follows the method and target. It needs no turn: a request refused
   * before its turn, as a 413 or a 408 is, prints it at once.
   */
  private void printRefusal(HttpExchange exchange, String outcome, String message) {
    String query = exchange.getRequestURI().getRawQuery();
    out.println(
        "  "
            + exchange.getRequestMethod()
            + " "
            + exchange.getRequestURI().getRawPath()
            + (query == null ? "" : "?" + query)
            + " "
            + outcome
            + ": "
            + message);
    out.flush();
  }

  private HttpResponse admin(HttpExchange exchange, String rest, byte[] body) {
    String method = exchange.getRequestMethod();
    String[] parts = rest.split("/", 2);
    String what = parts[0];
    // A path is percent-decoded (RFC 3986): '+' stays '+', as in an S3 key, unlike a form's.
    String arg =
        parts.length > 1
            ? URLDecoder.decode(parts[1].replace("+", "%2B"), StandardCharsets.UTF_8)
            : "";
    if (what.equals("queues") && method.equals("POST") && !arg.isEmpty()) {
      Message.Builder message =
          Message.builder("m-" + ++messages, arg)
              .body(Body.of(body, exchange.getRequestHeaders().getFirst("Content-Type")));
      String query = exchange.getRequestURI().getRawQuery();
      Query.parse(query == null ? "" : query).first("orderingKey").ifPresent(message::orderingKey);
      Message m = harness.enqueue(message.build());
      return json(firstAttempt(m, arg));
    }
    if (what.equals("buckets")
        && arg.contains("/")
        && (method.equals("PUT") || method.equals("POST") || method.equals("DELETE"))) {
      String bucket = arg.substring(0, arg.indexOf('/'));
      String key = arg.substring(arg.indexOf('/') + 1);
      ObjectEvent event;
      try {
        event =
            method.equals("DELETE")
                ? harness.deleteObject(bucket, key)
                : harness.putObject(
                    bucket,
                    key,
                    body,
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    metadata(exchange.getRequestHeaders()));
      } catch (NoSuchElementException e) {
        return HttpResponse.text(e.getMessage() + "\n").withStatus(404);
      }
      return json(firstAttempt(event, key));
    }
    if (what.equals("schedules") && method.equals("POST")) {
      Tick tick = harness.fire(arg);
      return json(Map.of("schedule", tick.name(), "firedAt", tick.firedAt().toString()));
    }
    if (what.equals("clock") && arg.isEmpty() && method.equals("POST")) {
      String query = exchange.getRequestURI().getRawQuery();
      String advance = Query.parse(query == null ? "" : query).first("advance").orElse("PT1H");
      try {
        Duration by = Duration.parse(advance);
        if (by.isNegative()) {
          return HttpResponse.text("advance must not be negative: the clock never goes back\n")
              .withStatus(400);
        }
        List<Tick> ticks = harness.advance(by);
        ahead = ahead.plus(by);
        return json(Map.of("now", harness.clock().instant().toString(), "ticks", ticks.size()));
      } catch (DateTimeParseException e) {
        return HttpResponse.text("advance must be an ISO-8601 duration such as PT24H\n")
            .withStatus(400);
      }
    }
    if (what.equals("auth") && method.equals("POST")) {
      AuthEvent.Builder event = authEvent(authMoment(arg), body);
      AuthDecision decision = harness.auth(event.id(harness.nextId("a")).build());
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
   * The moment a {@code /_tern/auth/{moment}} path names: its name in any case, with {@code _} or
   * {@code -} between the words.
   *
   * @throws BadAdminCall naming the moment and listing the valid ones as a path gives them
   */
  static AuthMoment authMoment(String name) {
    String wanted = name.toUpperCase(Locale.ROOT).replace('-', '_');
    for (AuthMoment moment : AuthMoment.values()) {
      if (moment.name().equals(wanted)) {
        return moment;
      }
    }
    StringBuilder valid = new StringBuilder();
    for (AuthMoment moment : AuthMoment.values()) {
      valid.append(valid.length() == 0 ? "" : ", ").append(moment.name().toLowerCase(Locale.ROOT));
    }
    throw new BadAdminCall(
        (name.isEmpty() ? "no auth moment" : "unknown auth moment \"" + name + "\"")
            + "; POST /_tern/auth/{moment} takes one of "
            + valid);
  }

  /**
   * The event the body of {@code POST /_tern/auth/{moment}} describes: a JSON object with any of
   * the {@link #AUTH_FIELDS}, each a string except {@code emailVerified}, a boolean, and {@code
   * attributes} and {@code metadata}, objects of strings; {@code clientId}, {@code ipAddress},
   * {@code userAgent} and {@code metadata} are the event's, the others its user's. A null field is
   * left out. The username is the e-mail address unless the body gives one. An empty body is a user
   * with nothing but empty attributes.
   *
   * @throws BadAdminCall if the body is not a JSON object, or has a field not in {@link
   *     #AUTH_FIELDS} or of another type, naming it and listing the fields
   */
  static AuthEvent.Builder authEvent(AuthMoment moment, byte[] body) {
    if (new String(body, StandardCharsets.UTF_8).isBlank()) {
      return AuthEvent.builder(moment, AuthUser.builder().build());
    }
    Object json;
    try {
      json = Body.of(body).as(Object.class);
    } catch (UndecodablePayloadException e) {
      throw new BadAdminCall("the body is not JSON (" + e.getMessage() + ")" + authFields());
    }
    if (!(json instanceof Map)) {
      throw new BadAdminCall(
          "the body is " + jsonType(json) + ", not a JSON object" + authFields());
    }
    Map<?, ?> fields = (Map<?, ?>) json;
    for (Object name : fields.keySet()) {
      if (!AUTH_FIELDS.contains(name)) {
        throw new BadAdminCall("unknown field \"" + name + "\"" + authFields());
      }
    }
    String email = string(fields, "email");
    String username = string(fields, "username");
    AuthUser.Builder user =
        AuthUser.builder()
            .id(string(fields, "id"))
            .email(email)
            .username(username != null ? username : email)
            .phone(string(fields, "phone"));
    Object verified = fields.get("emailVerified");
    if (verified != null && !(verified instanceof Boolean)) {
      throw new BadAdminCall(
          "field \"emailVerified\" must be true or false, not "
              + jsonType(verified)
              + authFields());
    }
    user.emailVerified((Boolean) verified);
    Map<String, String> attributes = strings(fields, "attributes", "attribute");
    if (attributes != null) {
      user.attributes(attributes);
    }
    AuthEvent.Builder event =
        AuthEvent.builder(moment, user.build())
            .clientId(string(fields, "clientId"))
            .ipAddress(string(fields, "ipAddress"))
            .userAgent(string(fields, "userAgent"));
    Map<String, String> metadata = strings(fields, "metadata", "metadata entry");
    if (metadata != null) {
      event.metadata(metadata);
    }
    return event;
  }

  /**
   * The object of strings {@code name} of {@code fields}, or null when it is absent or null.
   *
   * @throws BadAdminCall if it is not an object of strings
   */
  private static Map<String, String> strings(Map<?, ?> fields, String name, String entryName) {
    Object value = fields.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map)) {
      throw new BadAdminCall(
          "field \""
              + name
              + "\" must be an object of strings, not "
              + jsonType(value)
              + authFields());
    }
    Map<String, String> strings = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
      if (!(entry.getValue() instanceof String)) {
        throw new BadAdminCall(
            entryName
                + " \""
                + entry.getKey()
                + "\" must be a string, not "
                + jsonType(entry.getValue())
                + authFields());
      }
      strings.put(entry.getKey().toString(), (String) entry.getValue());
    }
    return strings;
  }

  /** The string field {@code name} of {@code fields}, or null when it is absent or null. */
  private static String string(Map<?, ?> fields, String name) {
    Object value = fields.get(name);
    if (value != null && !(value instanceof String)) {
      throw new BadAdminCall(
          "field \"" + name + "\" must be a string, not " + jsonType(value) + authFields());
    }
    return (String) value;
  }

  private static String authFields() {
    return "; the body of POST /_tern/auth/{moment} is a JSON object with any of the fields "
        + String.join(", ", AUTH_FIELDS)
        + " (emailVerified true or false, attributes and metadata objects of strings, the others"
        + " strings)";
  }

  /**
   * What a decoded JSON value is, for a message: {@code a number}, {@code an array}, {@code true}.
   */
  private static String jsonType(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof List) {
      return "an array";
    }
    return value instanceof Map ? "an object" : value.getClass().getSimpleName();
  }

  /** An admin call the server cannot do as sent: answered 400 with the message. */
  static final class BadAdminCall extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadAdminCall(String message) {
      super(message);
    }
  }

  /**
   * What became of an enqueued message's first attempt: {@code "outcome"} is {@code processed},
   * {@code failed} (with the {@code error} and the {@code retryAt} time of the next attempt),
   * {@code dead-lettered} (with the {@code error}), or {@code waiting} when it was not delivered
   * yet, as a message of an ordered queue's group waits for an earlier one.
   */
  private Map<String, Object> firstAttempt(Message m, String queue) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", m.id());
    answer.put("queue", queue);
    List<Delivery> attempts = harness.deliveriesOf(m.id());
    boolean deadLettered = harness.deadLetters(queue).stream().anyMatch(d -> d.id().equals(m.id()));
    if (attempts.isEmpty()) {
      answer.put("outcome", "waiting");
    } else {
      outcome(answer, attempts.get(0), deadLettered && attempts.size() == 1);
    }
    answer.put("deadLettered", deadLettered);
    return answer;
  }

  /**
   * A storage event and what became of its first attempt, as {@link #firstAttempt(Message, String)}
   * says for a message; {@code "outcome"} is {@code not-delivered}, with the {@code reason}, when
   * no function wants events of its kind from its bucket, so none was sent.
   */
  private Map<String, Object> firstAttempt(ObjectEvent event, String key) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("event", event.id());
    answer.put("kind", event.kind().name());
    answer.put("bucket", event.bucket());
    answer.put("key", key);
    answer.put("metadata", event.metadata());
    List<Delivery> attempts = harness.deliveriesOf(event.id());
    Optional<DeadEvent> dead = harness.deadEvent(event.id());
    if (attempts.isEmpty()) {
      answer.put("outcome", "not-delivered");
      answer.put(
          "reason", "no function wants " + event.kind() + " events from bucket " + event.bucket());
    } else {
      Delivery first = attempts.get(0);
      boolean last = dead.isPresent() && attempts.size() == 1;
      answer.put("attempt", first.attempt());
      if (first.succeeded()) {
        answer.put("outcome", "processed");
      } else {
        answer.put(
            "outcome", !last ? "failed" : dead.get().discarded() ? "discarded" : "dead-lettered");
        answer.put("error", first.error().getMessage());
        if (last) {
          answer.put("reason", dead.get().reason());
        } else {
          answer.put(
              "retryAt",
              first.at().plus(harness.storagePolicy(first.function()).retryDelay(1)).toString());
        }
      }
    }
    answer.put("deadLettered", dead.isPresent());
    return answer;
  }

  /**
   * Puts into {@code answer} the {@code attempt} and {@code outcome} of {@code first}, a first
   * attempt, with its {@code error} if it failed, and the {@code retryAt} time of the next attempt
   * unless it was the last ({@code deadLettered}).
   */
  private void outcome(Map<String, Object> answer, Delivery first, boolean deadLettered) {
    answer.put("attempt", first.attempt());
    if (first.succeeded()) {
      answer.put("outcome", "processed");
      return;
    }
    answer.put("outcome", deadLettered ? "dead-lettered" : "failed");
    answer.put("error", first.error().getMessage());
    if (!deadLettered) {
      answer.put(
          "retryAt", first.at().plus(harness.policy().retryDelay(first.attempt())).toString());
    }
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

  /**
   * Prints a line a function logged. A function logs while it runs, and its delivery is recorded
   * when it returns, so the deliveries recorded before the line are printed first: each delivery's
   * line then follows its log lines and comes before those of the next delivery, also when one
   * request (a clock advance, a batch of retries) makes many. A line logged on a thread of the
   * function's own, which does not hold the harness, is printed as it comes.
   */
  private void printLog(String line) {
    if (Thread.holdsLock(harness)) {
      printDeliveries();
    }
    out.println("  log " + line);
    out.flush();
  }

  /**
   * Prints the deliveries recorded since the last call, each followed by a dead-letter line if it
   * was the attempt that ran out.
   */
  private void printDeliveries() {
    List<Delivery> all = harness.deliveries();
    for (Delivery d : all.subList(printed, all.size())) {
      out.println(d);
      if (!d.succeeded() && ranOut(d)) {
        Optional<DeadEvent> dead =
            d.kind().equals("storage") ? harness.deadEvent(d.eventId()) : Optional.empty();
        out.println(
            "  "
                + (dead.map(DeadEvent::discarded).orElse(false) ? "discarded " : "dead-lettered ")
                + d.eventId()
                + " after "
                + d.attempt()
                + (d.attempt() == 1 ? " attempt" : " attempts")
                + dead.map(e -> ": " + e.reason()).orElse(""));
      }
    }
    printed = all.size();
    out.flush();
  }

  /**
   * Whether {@code d}, a failed delivery, was the last attempt of a message or storage event that
   * was then dead-lettered; earlier failures of the same message or event were retries.
   */
  private boolean ranOut(Delivery d) {
    if (d.kind().equals("queue")) {
      return harness.router().functions().stream()
          .filter(f -> f.kind() == TriggerKind.QUEUE && f.name().equals(d.function()))
          .findFirst()
          .map(f -> harness.router().source(f))
          .map(
              queue ->
                  harness.deadLetters(queue).stream()
                      .anyMatch(
                          m -> m.id().equals(d.eventId()) && m.attempt().orElse(0) == d.attempt()))
          .orElse(false);
    }
    if (d.kind().equals("storage")) {
      // An event id is given once, and an event that ran out is not delivered again.
      return harness.deadEvent(d.eventId()).map(e -> e.attempts() == d.attempt()).orElse(false);
    }
    return false;
  }

  private HttpRequest toRequest(HttpExchange exchange, byte[] body) {
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
        // The array is the server's own, read for this request alone: no copy of up to 100 MB.
        .body(Body.wrap(body, built.first("Content-Type").orElse(null)))
        .sourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
        .build();
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  /**
   * The body of a request to an HTTP function, refused when it is over {@code limit} bytes as the
   * platform refuses it before the function runs: at once when its {@code Content-Length} says so,
   * else once more than {@code limit} bytes have come, reading no further either way (the rest is
   * discarded once the 413 is sent).
   *
   * @throws BodyTooLarge naming the limit and whose it is
   */
  private byte[] readBody(HttpExchange exchange, int limit) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && isOver(declared.trim(), limit)) {
      throw new BodyTooLarge(limit, harness.cloud());
    }
    // Left open when over the limit: send discards the rest after the answer.
    InputStream in = exchange.getRequestBody();
    byte[] body = in.readNBytes(limit + 1);
    if (body.length > limit) {
      throw new BodyTooLarge(limit, harness.cloud());
    }
    in.close();
    return body;
  }

  /** Reads the rest of the request body to its end, or until the client goes away. */
  private static void discardRest(HttpExchange exchange) {
    try (InputStream in = exchange.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // The client stopped sending once it read the answer: the connection ends here.
    }
  }

  /** Whether {@code length}, a Content-Length, is over {@code limit}. */
  private static boolean isOver(String length, int limit) {
    try {
      return Long.parseLong(length) > limit;
    } catch (NumberFormatException e) {
      return false; // the body is counted as it comes
    }
  }

  /** A request body over the platform's limit: answered 413, and the function is not called. */
  static final class BodyTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge(int limit, Cloud cloud) {
      super(
          "the request body is over "
              + limit
              + " bytes, "
              + (cloud == Cloud.GCP
                  ? "the most Cloud Run takes in an HTTP/1 request (32 MiB)"
                  : cloud == Cloud.AZURE
                      ? "the most the Azure Functions host takes (100 MB)"
                      : "the most a synchronous Lambda invocation carries (6 MB)"
                          + (cloud == Cloud.LOCAL
                              ? ", the smallest of the clouds' limits; -Dtern.cloud=gcp or azure"
                                  + " takes more"
                              : ""))
              + "; the function was not called");
    }
  }

  /**
   * Sends {@code response}; with {@code discardBody}, for a body refused as too large, then reads
   * and discards the rest of the request body before ending the answer. The JDK's server would
   * otherwise close the connection with the body unread, which resets it, so that a client still
   * sending the body never read the 413. {@code Connection: close} tells a client that reads the
   * answer early that it may stop sending.
   */
  private static void send(HttpExchange exchange, HttpResponse response, boolean discardBody)
      throws IOException {
    response
        .effectiveHeaders()
        .asMap()
        .forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
    for (SetCookie cookie : response.cookies()) {
      exchange.getResponseHeaders().add("Set-Cookie", cookie.headerValue());
    }
    byte[] body = response.body().unsafeBytes();
    // A HEAD answer, a 1xx, a 204 and a 304 have no body, whatever the function wrote: -1 tells
    // the JDK so (a length would make it warn and drop it).
    int status = response.status();
    boolean bodiless = Harness.isBodiless(exchange.getRequestMethod(), status);
    if (discardBody) {
      exchange.getResponseHeaders().set("Connection", "close");
    }
    exchange.sendResponseHeaders(status, body.length == 0 || bodiless ? -1 : body.length);
    if (body.length > 0 && !bodiless) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
        if (discardBody) {
          // Closing the answer would close the connection on the unread rest: send it first.
          os.flush();
          discardRest(exchange);
        }
      }
    }
  }
}
