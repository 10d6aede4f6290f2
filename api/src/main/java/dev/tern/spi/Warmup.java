package dev.tern.spi;

import static java.util.Objects.requireNonNull;

import dev.tern.Headers;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Query;
import java.util.Map;

/**
 * Loads classes ahead of the first event on a short-lived daemon thread ({@code tern-warmup}),
 * while the main thread starts the deployment: reads the function index, creates the functions.
 * Class loading is most of a Java cold start, and with a second CPU the two overlap. With one CPU
 * (as {@link Runtime#availableProcessors()} reports it) nothing is started: the work could only
 * delay the main thread.
 *
 * <p>The work must call no function and keep no state. Whatever it fails to do is only a lost head
 * start: the first event does it again and reports any problem itself.
 *
 * @since 0.1
 */
public final class Warmup implements Runnable {
  /**
   * The part of a first HTTP request that does not depend on the cloud: a neutral request with
   * headers and a query, and a JSON answer written through the {@link JsonCodec}.
   *
   * <p>A new instance each call, so that a JVM that starts no warm-up never loads its class.
   */
  public static Runnable neutralHttp() {
    return new NeutralHttp();
  }

  private static final class NeutralHttp implements Runnable {
    @Override
    public void run() {
      HttpRequest request =
          HttpRequest.builder("GET", "/tern-warmup")
              .headers(Headers.builder().add("Accept", "application/json").build())
              .query(Query.parse("warm=1"))
              .build();
      request.withRoute("/tern-warmup", Map.of()).query().first("warm");
      HttpResponse.json(Map.of("warm", Boolean.TRUE)).body().unsafeBytes();
    }
  }

  private final Runnable work;
  private volatile Throwable failure;
  private boolean started;

  private Warmup(Runnable work) {
    this.work = requireNonNull(work, "work == null");
  }

  /**
   * Whether a warm-up could overlap the start: the JVM sees a second CPU. Entries ask before they
   * create the work, so that on a single CPU not even its class is loaded.
   */
  public static boolean worthStarting() {
    return Runtime.getRuntime().availableProcessors() >= 2;
  }

  /**
   * Starts {@code work} on a daemon thread and returns at once. With a single CPU nothing could
   * overlap, so the work is skipped and the first event loads what it needs itself.
   */
  public static Warmup start(Runnable work) {
    return start(work, Runtime.getRuntime().availableProcessors());
  }

  static Warmup start(Runnable work, int cpus) {
    Warmup warmup = new Warmup(work);
    if (cpus < 2) {
      return warmup;
    }
    warmup.started = true;
    Thread thread = new Thread(warmup, "tern-warmup");
    thread.setDaemon(true);
    thread.start();
    return warmup;
  }

  /** Runs {@code work} on the calling thread, as the warm-up thread would; for tests. */
  public static Warmup runHere(Runnable work) {
    Warmup warmup = new Warmup(work);
    warmup.run();
    return warmup;
  }

  @Override
  public void run() {
    try {
      work.run();
    } catch (RuntimeException | LinkageError e) {
      failure = e;
    }
  }

  /** Whether a thread was started for the work. */
  boolean started() {
    return started;
  }

  /** What stopped the work early, if anything. It is never reported at run time. */
  public Throwable failure() {
    return failure;
  }
}
