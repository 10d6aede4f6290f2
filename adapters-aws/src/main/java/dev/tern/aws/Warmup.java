package dev.tern.aws;

import dev.tern.HttpResponse;
import dev.tern.aws.internal.Detector;
import dev.tern.aws.internal.HttpMapper;
import dev.tern.aws.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Loads the classes of a first HTTP request — jackson-core, the event tree, the HTTP mapping, the
 * neutral request and response, the JSON codec — on a short-lived daemon thread, while the main
 * thread reads the function index and creates the functions. Class loading is most of a cold
 * start, and Lambda's init phase has more than one CPU to give, so the two overlap; on one CPU the
 * thread costs about a millisecond. It calls no function and keeps no state: whatever it loaded
 * is simply there when the first event arrives.
 *
 * <p>Not started on a SnapStart init, where priming loads the same classes before the snapshot.
 */
final class Warmup implements Runnable {
  /** A small HTTP API request, never answered: it only walks the classes a real one needs. */
  private static final byte[] REQUEST = ("{\"version\":\"2.0\",\"rawPath\":\"/tern-warmup\","
      + "\"rawQueryString\":\"a=1\",\"headers\":{\"accept\":\"application/json\"},\"requestContext\":"
      + "{\"http\":{\"method\":\"GET\",\"path\":\"/tern-warmup\",\"sourceIp\":\"127.0.0.1\"},"
      + "\"timeEpoch\":0},\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);

  /** What stopped the warm-up early, if anything: for tests, never reported at run time. */
  private volatile Throwable failure;

  Warmup() {}

  /**
   * Starts the thread, unless {@code initializationType} is {@code snap-start}.
   *
   * @return the warm-up, or null when none was started
   */
  static Warmup start(String initializationType) {
    if ("snap-start".equals(initializationType)) {
      return null;
    }
    Warmup warmup = new Warmup();
    Thread thread = new Thread(warmup, "tern-warmup");
    thread.setDaemon(true);
    thread.start();
    return warmup;
  }

  @Override
  public void run() {
    try {
      Map<String, Object> event = Json.obj(Json.parse(REQUEST));
      Detector.Kind kind = Detector.detect(event);
      HttpMapper.request(kind, event);
      HttpMapper.response(kind, event, HttpResponse.json(Map.of("warm", Boolean.TRUE)));
    } catch (RuntimeException | LinkageError e) {
      // Only a head start: the first request loads whatever failed here and reports it properly.
      failure = e;
    }
  }

  Throwable failure() {
    return failure;
  }
}
