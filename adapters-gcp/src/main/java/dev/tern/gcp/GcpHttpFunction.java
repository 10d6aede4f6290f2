package dev.tern.gcp;

import static java.util.Objects.requireNonNull;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.tern.gcp.internal.GcpRuntime;
import dev.tern.gcp.internal.HttpAdapter;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.Settings;
import dev.tern.spi.Warmup;

/**
 * The entry point for everything that reaches Cloud Functions over HTTP: deploy with {@code
 * --entry-point dev.tern.gcp.GcpHttpFunction}.
 *
 * <ul>
 *   <li>An HTTP request goes to the {@code @OnHttp} function of its route and method; no route is
 *       404, a wrong method 405, an exception 500 with a generic body.
 *   <li>A Pub/Sub push envelope ({@code {"message": ..., "subscription": ...}}) goes to the queue
 *       function claiming the subscription, when queue or schedule functions are declared; 204
 *       acknowledges it, a failure answers 500 so Pub/Sub redelivers.
 *   <li>A Cloud Scheduler call ({@code X-CloudScheduler: true}) goes to the schedule named by
 *       {@code X-CloudScheduler-JobName}, when schedule functions are declared.
 *   <li>Push envelopes and scheduler calls are recognized only in a deployment that serves no HTTP
 *       function (one pinned with {@code TERN_FUNCTION}) or that sets {@link
 *       GcpSettings#HTTP_EVENTS}; elsewhere they are HTTP requests like any other, since anyone who
 *       can reach a public API can send their shape.
 *   <li>An Identity Platform blocking request ({@code {"data": {"jwt": ...}}}) is verified (RS256,
 *       issuer, audience, expiry) before anything else, then goes to the auth function of its
 *       moment; the answer is the {@code userRecord} update or the error shape.
 * </ul>
 *
 * <p>One instance serves many requests at once (Cloud Functions 2nd gen); it is thread-safe.
 *
 * @since 0.1
 */
public final class GcpHttpFunction implements HttpFunction {
  private final HttpAdapter adapter;

  /**
   * Serves the functions of the classpath's index, configured by environment variables (see {@link
   * GcpSettings}); the invoker calls this.
   */
  public GcpHttpFunction() {
    this(startWarmup());
  }

  /** The deployment's function; the warm-up, if started, is loading classes on another thread. */
  private GcpHttpFunction(boolean warming) {
    this(Dispatcher.fromIndex(GcpHttpFunction.class.getClassLoader(), Settings.environment()));
  }

  private static boolean startWarmup() {
    if (!Warmup.worthStarting()) {
      return false;
    }
    Warmup.start(Warmup.neutralHttp());
    return true;
  }

  /** Serves the functions of {@code dispatcher}, configured by environment variables. */
  public GcpHttpFunction(Dispatcher dispatcher) {
    this(dispatcher, Settings.environment(), GcpKeySource.google());
  }

  /**
   * Serves the functions of {@code dispatcher} with explicit settings and the keys that sign
   * Identity Platform tokens (tests pass locally generated ones).
   */
  public GcpHttpFunction(Dispatcher dispatcher, Settings settings, GcpKeySource keys) {
    this(
        GcpRuntime.standard(
            requireNonNull(dispatcher, "dispatcher == null"),
            requireNonNull(settings, "settings == null"),
            requireNonNull(keys, "keys == null")));
  }

  GcpHttpFunction(GcpRuntime runtime) {
    this.adapter = new HttpAdapter(runtime);
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    adapter.service(
        requireNonNull(request, "request == null"), requireNonNull(response, "response == null"));
  }
}
