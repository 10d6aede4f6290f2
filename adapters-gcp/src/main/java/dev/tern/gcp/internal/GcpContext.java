package dev.tern.gcp.internal;

import static java.util.Objects.requireNonNull;

import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.Log;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The {@link Context} of one invocation on Cloud Functions. */
final class GcpContext implements Context {
  private final GcpRuntime runtime;
  private final GcpRuntime.Invocation invocation;
  private final String functionName;

  /**
   * The platform's objects for this invocation; shared with the other contexts of it, never
   * changed.
   */
  private final Object[] natives;

  /**
   * Built on first use, as most invocations write no line. Threads that race here build equal logs,
   * each safely published by its final fields.
   */
  private Log log;

  GcpContext(
      GcpRuntime runtime, GcpRuntime.Invocation invocation, String functionName, Object[] natives) {
    this.runtime = runtime;
    this.invocation = requireNonNull(invocation, "invocation == null");
    this.functionName = requireNonNull(functionName, "functionName == null");
    this.natives = natives;
  }

  @Override
  public String invocationId() {
    return invocation.invocationId();
  }

  @Override
  public String functionName() {
    return functionName;
  }

  @Override
  public Cloud cloud() {
    return Cloud.GCP;
  }

  /** Cloud Functions does not tell a function its deadline. */
  @Override
  public Optional<Instant> deadline() {
    return Optional.empty();
  }

  @Override
  public Optional<String> traceId() {
    return Optional.ofNullable(invocation.traceId());
  }

  @Override
  public Log log() {
    Log built = log;
    if (built == null) {
      built = runtime.log(invocation.invocationId(), invocation.traceId(), functionName);
      log = built;
    }
    return built;
  }

  @Override
  public Clock clock() {
    return runtime.clock();
  }

  @Override
  public Optional<String> setting(String name) {
    return runtime.settings().get(requireNonNull(name, "name == null"));
  }

  @Override
  public <T> Optional<T> unwrap(Class<T> type) {
    requireNonNull(type, "type == null");
    for (Object n : natives) {
      if (type.isInstance(n)) {
        return Optional.of(type.cast(n));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "GcpContext[" + functionName + " " + invocation.invocationId() + "]";
  }
}
