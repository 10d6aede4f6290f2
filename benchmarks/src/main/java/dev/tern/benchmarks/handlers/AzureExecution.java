package dev.tern.benchmarks.handlers;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.logging.Logger;

/** The worker's per-invocation context for the hello function. */
public final class AzureExecution implements ExecutionContext {
  private static final Logger LOGGER = Logger.getLogger("Host.Function.Hello");

  @Override
  public Logger getLogger() {
    return LOGGER;
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
