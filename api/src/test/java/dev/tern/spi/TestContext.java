package dev.tern.spi;

import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.Log;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A context whose log is a {@link JsonLog} writing into a list the test can read. */
final class TestContext implements Context {
  private final String invocationId;
  private final String functionName;
  private final JsonLog log;

  TestContext(String invocationId, String functionName, List<String> lines) {
    this.invocationId = invocationId;
    this.functionName = functionName;
    this.log =
        JsonLog.builder(lines::add)
            .timeKey(null)
            .threshold(Log.Level.DEBUG)
            .field("invocationId", invocationId)
            .build();
  }

  /** Contexts for a dispatcher, all logging into {@code lines}. */
  static Dispatcher.Contexts into(List<String> lines) {
    return function -> new TestContext("inv-1", function.name(), lines);
  }

  static List<String> lines() {
    return new CopyOnWriteArrayList<>();
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
  public Optional<String> setting(String name) {
    return Optional.empty();
  }

  @Override
  public <T> Optional<T> unwrap(Class<T> type) {
    return Optional.empty();
  }
}
