package dev.tern.testing;

import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.Log;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The {@link Context} functions get in the harness: virtual clock, captured log, test settings. */
final class HarnessContext implements Context {
  private final String invocationId;
  private final String functionName;
  private final Clock clock;
  private final Log log;
  private final Map<String, String> settings;

  HarnessContext(
      String invocationId,
      String functionName,
      Clock clock,
      Log log,
      Map<String, String> settings) {
    this.invocationId = invocationId;
    this.functionName = functionName;
    this.clock = clock;
    this.log = log;
    this.settings = settings;
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
    return Cloud.LOCAL;
  }

  @Override
  public Optional<Instant> deadline() {
    return Optional.empty();
  }

  @Override
  public Optional<String> traceId() {
    return Optional.empty();
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
    return Optional.ofNullable(settings.get(name));
  }

  @Override
  public <T> Optional<T> unwrap(Class<T> type) {
    return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
  }
}
