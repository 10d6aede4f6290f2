package dev.tern.testing.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tern.jackson.TernJson;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Where a shape's adapter writes its log lines: each line is rewritten in the form a local run's
 * {@code context.log()} writes, then passed on, so {@code harness.logs()} reads the same on every
 * cloud. A local line is
 *
 * <pre>{@code
 * {"timestamp":"2026-01-01T00:00:00Z","level":"INFO","message":"paid","invocationId":"inv-1","function":"Pay","orderId":"o-1"}
 * }</pre>
 *
 * <p>and so becomes Lambda's {@code {"timestamp",…,"AWSRequestId":"inv-1","functionName":"Pay",
 * "functionArn":…}}, Cloud Logging's {@code {"time",…,"severity":"WARNING",…,"executionId":…}} and
 * the Azure worker's {@code {"level",…,"invocationId":…,"functionName":…,"traceId":…}} (which has
 * no time; the shape's clock dates it). The platform's own fields that a local line has no place
 * for ({@code functionArn}, {@code traceId}, {@code logging.googleapis.com/trace}) are left out. A
 * line the adapter writes outside any function (a refused request) has no {@code function}, as only
 * lines written through a function's context have one.
 *
 * <p>It also keeps the failures the adapter logs ({@code "function failed"}), by the event they
 * name, for shapes whose cloud's answer says only that something failed.
 */
public final class ShapeLog implements Consumer<String> {
  /** Where each cloud writes the level, the time, the invocation id and the function's name. */
  public enum Form {
    AWS("level", "timestamp", "AWSRequestId", "functionName", "stackTrace", Set.of("functionArn")),
    AZURE("level", null, "invocationId", "functionName", "stackTrace", Set.of("traceId")),
    GCP(
        "severity",
        "time",
        "executionId",
        "functionName",
        "stack_trace",
        Set.of("logging.googleapis.com/trace"));

    final String level;
    final String time;
    final String invocation;
    final String function;
    final String stackTrace;
    final Set<String> dropped;

    Form(
        String level,
        String time,
        String invocation,
        String function,
        String stackTrace,
        Set<String> dropped) {
      this.level = level;
      this.time = time;
      this.invocation = invocation;
      this.stackTrace = stackTrace;
      this.function = function;
      this.dropped = dropped;
    }

    /** The keys the platform writes on every line, which a function's field is renamed around. */
    boolean reserves(String key) {
      return key.equals(level)
          || key.equals(time)
          || key.equals("message")
          || key.equals(invocation)
          || key.equals(function)
          || dropped.contains(key)
          || key.equals("error")
          || key.equals(stackTrace);
    }
  }

  private static final String FAILED = "function failed";

  private final Form form;
  private final Clock clock;
  private final Consumer<String> sink;
  private final Map<String, LoggedFailure> failures = new LinkedHashMap<>();

  public ShapeLog(Form form, Clock clock, Consumer<String> sink) {
    this.form = requireNonNull(form, "form == null");
    this.clock = requireNonNull(clock, "clock == null");
    this.sink = requireNonNull(sink, "sink == null");
  }

  /** A log that drops every line, for shapes used outside a harness. */
  public static ShapeLog quiet(Form form) {
    return new ShapeLog(form, Clock.systemUTC(), line -> {});
  }

  @Override
  public void accept(String line) {
    ObjectNode native_;
    try {
      JsonNode parsed = TernJson.mapper().readTree(line);
      if (!(parsed instanceof ObjectNode)) {
        sink.accept(line);
        return;
      }
      native_ = (ObjectNode) parsed;
    } catch (IOException e) {
      sink.accept(line); // not a JSON line: passed on as written
      return;
    }
    ObjectNode local = local(native_);
    if (FAILED.equals(local.path("message").asText()) && local.has("error")) {
      String event = local.path("event").asText("");
      synchronized (failures) {
        failures.put(event, LoggedFailure.of(local));
      }
    }
    sink.accept(local.toString());
  }

  /** A JUL handler writing each record's message, as the Azure worker's logger receives them. */
  public Handler handler() {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record != null && record.getMessage() != null) {
          accept(record.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  /** Forgets the failures logged so far; a shape calls it before each invocation. */
  public void clearFailures() {
    synchronized (failures) {
      failures.clear();
    }
  }

  /**
   * The failure logged for {@code event} since {@link #clearFailures()}, as the dispatcher names
   * it: {@code message m-1}, {@code event e-1}, {@code tick NightlyReport}.
   */
  public Optional<LoggedFailure> failure(String event) {
    synchronized (failures) {
      return Optional.ofNullable(failures.get(event));
    }
  }

  /** The failures logged since {@link #clearFailures()}, in order. */
  public List<LoggedFailure> failures() {
    synchronized (failures) {
      return List.copyOf(failures.values());
    }
  }

  private ObjectNode local(ObjectNode line) {
    ObjectNode out = TernJson.mapper().createObjectNode();
    String time = form.time == null ? null : line.path(form.time).asText(null);
    out.put("timestamp", time != null ? time : clock.instant().toString());
    String level = line.path(form.level).asText("INFO");
    out.put("level", level.equals("WARNING") ? "WARN" : level);
    out.put("message", line.path("message").asText(""));
    JsonNode invocation = line.get(form.invocation);
    if (invocation != null && !invocation.isNull()) {
      out.set("invocationId", invocation);
    }
    JsonNode function = line.get(form.function);
    if (function != null && !function.isNull()) {
      out.set("function", function);
    }
    for (Map.Entry<String, JsonNode> field : line.properties()) {
      String key = field.getKey();
      if (form.reserves(key)) {
        continue;
      }
      // A function's field the platform renamed around its own keys gets its name back, then is
      // renamed as a local line renames it.
      String name = key;
      if (name.startsWith("field.") && form.reserves(name.substring(6))) {
        name = name.substring(6);
      }
      // The dispatcher's own "function" field names the function again: a local line leaves it out.
      if (name.equals("function") && field.getValue().equals(out.get("function"))) {
        continue;
      }
      while (out.has(name)) {
        name = "field." + name;
      }
      out.set(name, field.getValue());
    }
    JsonNode error = line.get("error");
    if (error != null) {
      out.set("error", error);
    }
    JsonNode trace = line.get(form.stackTrace);
    if (trace != null) {
      out.set("stackTrace", trace);
    }
    return out;
  }
}
