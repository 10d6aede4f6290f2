package dev.tern.aws;

import static java.util.Objects.requireNonNull;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.tern.aws.internal.LambdaAdapter;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.Settings;
import dev.tern.spi.Warmup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The Lambda handler for every Tern function in a deployment: name {@code dev.tern.aws.AwsHandler}
 * as the function's handler.
 *
 * <p>It reads the raw payload, tells its kind from its structure (API Gateway, function URL, ALB,
 * SQS, SNS, S3, EventBridge, Cognito), maps it to the neutral event, lets the {@link Dispatcher}
 * call the function, and writes the native answer: the HTTP response in the format of the request,
 * {@code batchItemFailures} for SQS, the event with its {@code response} set for Cognito.
 *
 * <p>Payloads it cannot serve fail the invocation with one typed {@link dev.tern.TernException}
 * naming what was recognized and what was missing. Settings (environment variables):
 *
 * <ul>
 *   <li>{@value dev.tern.spi.Settings#PIN}: the one function to serve; required for EventBridge
 *       Scheduler and direct invokes, which carry no marker;
 *   <li>{@value dev.tern.aws.internal.LambdaAdapter#BATCH_ITEM_FAILURES}: {@code true} when the SQS
 *       event source mapping reports batch item failures; otherwise any failed message fails the
 *       whole batch so that nothing is deleted unprocessed;
 *   <li>{@value dev.tern.aws.internal.LambdaAdapter#LOG_LEVEL}: the lowest level logged;
 *   <li>{@code TERN_AWS_PRIMING}: what SnapStart priming runs before the snapshot: {@code adapter}
 *       (default), {@code functions} or {@code off}; read only when Lambda reports a SnapStart init
 *       ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}), which any other value fails.
 * </ul>
 *
 * @since 0.1
 */
public class AwsHandler implements RequestStreamHandler {
  /**
   * Lambda's initialization type: {@code on-demand}, {@code provisioned-concurrency}, {@code
   * snap-start}.
   */
  private static final String SNAPSTART_INIT_VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";

  private final LambdaAdapter adapter;

  /**
   * Loads the compile-time function index and creates every function now, so a function whose
   * constructor throws fails the Lambda init phase rather than its first invocation.
   */
  public AwsHandler() {
    this(warmUnlessSnapStart(System.getenv(SNAPSTART_INIT_VARIABLE)));
  }

  /**
   * Starts loading the first request's classes on a {@link Warmup} thread, unless {@code
   * initializationType} is {@code snap-start} or the JVM sees a single CPU, where the work could
   * only delay the main thread.
   *
   * @return whether this is a SnapStart init, whose priming loads the same classes instead
   */
  static boolean warmUnlessSnapStart(String initializationType) {
    if ("snap-start".equals(initializationType)) {
      return true;
    }
    if (Warmup.worthStarting()) {
      Warmup.start(new AwsWarmup());
    }
    return false;
  }

  /**
   * The deployment's handler. Unless {@code snapStart}, a warm-up may already be loading classes on
   * another thread; on a SnapStart init, priming does that work before the snapshot instead.
   */
  private AwsHandler(boolean snapStart) {
    this(
        Dispatcher.fromIndex(AwsHandler.class.getClassLoader(), Settings.environment()),
        Settings.environment(),
        stdout(),
        Clock.systemUTC());
    adapter.dispatcher().instantiateAll();
    if (snapStart) {
      Priming.register(this, Settings.environment(), stdout());
    }
  }

  /** Serves the functions of {@code dispatcher}, with settings from the environment. */
  public AwsHandler(Dispatcher dispatcher) {
    this(dispatcher, Settings.environment(), stdout(), Clock.systemUTC());
  }

  /**
   * Serves the functions of {@code dispatcher} with explicit settings, a log line sink and a clock,
   * for tests and the harness.
   */
  public AwsHandler(
      Dispatcher dispatcher, Settings settings, Consumer<String> logSink, Clock clock) {
    this.adapter =
        new LambdaAdapter(
            requireNonNull(dispatcher, "dispatcher == null"),
            requireNonNull(settings, "settings == null"),
            requireNonNull(logSink, "logSink == null"),
            requireNonNull(clock, "clock == null"));
  }

  private static Consumer<String> stdout() {
    // Read System.out on each line: the runtime client replaces it after the handler loads.
    return new Consumer<>() {
      @Override
      public void accept(String line) {
        PrintStream out = System.out;
        out.println(line);
      }
    };
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    requireNonNull(input, "input == null");
    requireNonNull(output, "output == null");
    byte[] answer = adapter.handle(input.readAllBytes(), context);
    output.write(answer);
    output.flush();
  }

  /**
   * Serves one payload and returns the answer's bytes, for callers that hold the payload already.
   * The array is not copied: an HTTP request's {@code raw()} event is parsed from it when first
   * read, so it must not change afterwards.
   */
  public byte[] handle(byte[] payload, Context context) {
    return adapter.handle(requireNonNull(payload, "payload == null"), context);
  }

  /** The dispatcher this handler calls. */
  public Dispatcher dispatcher() {
    return adapter.dispatcher();
  }
}
