package dev.tern.benchmarks.handlers;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.logging.Logger;

/**
 * The worker's per-invocation context for the hello function.
 *
 * <p>The logger is made on first use: the worker has set up {@code java.util.logging} long before
 * it loads a function, so a cold run must not charge that set-up (about ten milliseconds) to
 * whichever function happens to touch this context first.
 */
public final class AzureExecution implements ExecutionContext {
  /** Holds the logger, so that loading the context does not initialize the logging system. */
  private static final class Holder {
    static final Logger LOGGER = Logger.getLogger("Host.Function.Hello");
  }

  @Override
  public Logger getLogger() {
    return Holder.LOGGER;
  }

  @Override
  public String getInvocationId() {
    return "5f3c2a1e-9d7b-4c6a-8e2f-1b0a9c8d7e6f";
  }

  @Override
  public String getFunctionName() {
    return "Hello";
  }
}
