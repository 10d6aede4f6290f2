package dev.tern;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a function knows about the invocation it is serving.
 *
 * <p>Use {@link #clock()} rather than {@code Instant.now()}: in the harness it is the virtual
 * clock, so time-dependent code tests deterministically.
 *
 * @since 0.1
 */
public interface Context {
  /** The platform's id for this invocation (Lambda request id, Azure invocation id, CE id). */
  String invocationId();

  /** The declared name of the function being invoked. */
  String functionName();

  Cloud cloud();

  /** When the platform will stop this invocation, if it says (Lambda does). */
  Optional<Instant> deadline();

  /** Time left before {@link #deadline()}, never negative. */
  default Optional<Duration> remaining() {
    return deadline()
        .map(d -> Duration.between(clock().instant(), d))
        .map(d -> d.isNegative() ? Duration.ZERO : d);
  }

  /** The distributed trace id (X-Ray, W3C {@code traceparent}, Cloud Trace), if any. */
  Optional<String> traceId();

  /** A logger that tags each line with this invocation. */
  Log log();

  /** The clock to read the time from. */
  default Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * A deployment setting: an environment variable on the clouds (Azure app settings are environment
   * variables too), a configured value in the harness.
   */
  Optional<String> setting(String name);

  /**
   * The native context as {@code type}, for what Tern does not model: {@code
   * unwrap(com.amazonaws.services.lambda.runtime.Context.class)} on AWS, {@code ExecutionContext}
   * on Azure.
   */
  <T> Optional<T> unwrap(Class<T> type);
}
