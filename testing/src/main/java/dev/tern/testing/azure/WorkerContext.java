package dev.tern.testing.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.TraceContext;
import java.util.Map;
import java.util.logging.Logger;

/**
 * An {@link ExecutionContext} with an invocation id, the function's name and a W3C trace context.
 *
 * @since 0.1
 */
public final class WorkerContext implements ExecutionContext {
  private static final Logger LOGGER = quiet();

  private final String invocationId;
  private final String functionName;
  private final String traceparent;
  private final Logger logger;

  /** A context whose logger writes nowhere. */
  public WorkerContext(String invocationId, String functionName, String traceparent) {
    this(invocationId, functionName, traceparent, LOGGER);
  }

  /** A context whose {@link #getLogger()} is {@code logger}, as the worker's reaches the host. */
  public WorkerContext(
      String invocationId, String functionName, String traceparent, Logger logger) {
    this.invocationId = invocationId;
    this.functionName = functionName;
    this.traceparent = traceparent;
    this.logger = logger;
  }

  /**
   * The harness keeps function logs out of the test output; tests that read logs bring their own.
   */
  private static Logger quiet() {
    Logger logger = Logger.getLogger("dev.tern.testing.azure");
    logger.setUseParentHandlers(false);
    return logger;
  }

  @Override
  public Logger getLogger() {
    return logger;
  }

  @Override
  public String getInvocationId() {
    return invocationId;
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  @Override
  public TraceContext getTraceContext() {
    return new TraceContext() {
      @Override
      public String getTraceparent() {
        return traceparent;
      }

      @Override
      public String getTracestate() {
        return "";
      }

      @Override
      public Map<String, String> getAttributes() {
        return Map.of();
      }
    };
  }
}
