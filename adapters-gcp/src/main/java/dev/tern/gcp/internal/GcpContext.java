package dev.tern.gcp.internal;

import static java.util.Objects.requireNonNull;

import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.Log;
import dev.tern.spi.Settings;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The {@link Context} of one invocation on Cloud Functions. */
final class GcpContext implements Context {
  private final String invocationId;
  private final String functionName;
  private final String traceId;
  private final Log log;
  private final Settings settings;
  private final Clock clock;
  private final Object[] natives;

  GcpContext(String invocationId, String functionName, String traceId, Log log, Settings settings, Clock clock,
      Object... natives) {
    this.invocationId = requireNonNull(invocationId, "invocationId == null");
    this.functionName = requireNonNull(functionName, "functionName == null");
    this.traceId = traceId;
    this.log = log;
    this.settings = settings;
    this.clock = clock;
    this.natives = natives.clone();
  }

  @Override
  public String invocationId() {
    return invocationId;
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
    return Optional.ofNullable(traceId);
  }

  @Override
  public Log log() {
    return log;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Optional<String> setting(String name) {
    return settings.get(requireNonNull(name, "name == null"));
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
    return "GcpContext[" + functionName + " " + invocationId + "]";
  }
}
