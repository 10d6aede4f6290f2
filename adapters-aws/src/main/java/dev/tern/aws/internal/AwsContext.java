package dev.tern.aws.internal;

import static java.util.Objects.requireNonNull;

import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.Log;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.JsonLog;
import dev.tern.spi.Settings;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The neutral {@link Context} over Lambda's: request id, deadline from {@code
 * getRemainingTimeInMillis}, the X-Ray trace id, and a JSON-lines log tagged with the request id
 * under {@code AWSRequestId}, the key Lambda's own JSON log format uses
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-advanced.html).
 */
public final class AwsContext implements Context {
  private final FunctionDescriptor function;
  private final com.amazonaws.services.lambda.runtime.Context lambda;
  private final Settings settings;
  private final Consumer<String> logSink;
  private final Clock clock;
  private final String requestId;
  private final Instant deadline;

  /** Both built on first use: most invocations never log. A race builds equal values twice. */
  private volatile Optional<String> traceId;

  private volatile Log log;

  public AwsContext(
      FunctionDescriptor function,
      com.amazonaws.services.lambda.runtime.Context lambda,
      Settings settings,
      Consumer<String> logSink,
      Clock clock) {
    this.function = requireNonNull(function, "function == null");
    this.lambda = lambda;
    this.settings = settings;
    this.logSink = logSink;
    this.clock = clock;
    this.requestId = requestId(lambda);
    int remaining = lambda == null ? 0 : lambda.getRemainingTimeInMillis();
    this.deadline = remaining > 0 ? clock.instant().plusMillis(remaining) : null;
  }

  /** The request id, or {@code "unknown"} outside Lambda. */
  public static String requestId(com.amazonaws.services.lambda.runtime.Context lambda) {
    String id = lambda == null ? null : lambda.getAwsRequestId();
    return id == null || id.isEmpty() ? "unknown" : id;
  }

  private static String traceId(com.amazonaws.services.lambda.runtime.Context lambda) {
    String id = null;
    if (lambda != null) {
      try {
        id = lambda.getXrayTraceId();
      } catch (RuntimeException | LinkageError e) {
        id = null; // an older Context implementation without the default method
      }
    }
    if (id == null || id.isEmpty()) {
      id = System.getProperty("com.amazonaws.xray.traceHeader");
    }
    if (id == null || id.isEmpty()) {
      id = System.getenv("_X_AMZN_TRACE_ID");
    }
    return emptyToNull(id);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  @Override
  public String invocationId() {
    return requestId;
  }

  @Override
  public String functionName() {
    return function.name();
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  @Override
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadline);
  }

  @Override
  public Optional<String> traceId() {
    Optional<String> id = traceId;
    if (id == null) {
      id = Optional.ofNullable(traceId(lambda));
      traceId = id;
    }
    return id;
  }

  @Override
  public Log log() {
    Log built = log;
    if (built == null) {
      JsonLog.Builder b =
          JsonLog.builder(logSink)
              .clock(clock)
              .threshold(JsonLog.threshold(settings))
              .field("AWSRequestId", requestId)
              .field("functionName", function.name());
      if (lambda != null) {
        b.field("functionArn", emptyToNull(lambda.getInvokedFunctionArn()));
      }
      built = b.field("traceId", traceId().orElse(null)).build();
      log = built;
    }
    return built;
  }

  @Override
  public Optional<String> setting(String name) {
    return settings.get(requireNonNull(name, "name == null"));
  }

  @Override
  public <T> Optional<T> unwrap(Class<T> type) {
    requireNonNull(type, "type == null");
    return type.isInstance(lambda) ? Optional.of(type.cast(lambda)) : Optional.empty();
  }
}
