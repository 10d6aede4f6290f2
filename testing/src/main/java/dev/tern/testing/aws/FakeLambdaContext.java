package dev.tern.testing.aws;

import static java.util.Objects.requireNonNull;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The Lambda {@link Context} the runtime would build from an invocation's headers, with fixed
 * values, for calling {@code dev.tern.aws.AwsHandler} (or any {@code RequestStreamHandler}) in a
 * test: {@code handler.handleRequest(in, out, new FakeLambdaContext("local-1",
 * System.out::println))}. The function is {@code tern-shape} in {@code us-east-1}, with 512 MB and
 * 15 minutes left.
 *
 * @since 0.1
 */
public final class FakeLambdaContext implements Context {
  private final String requestId;
  private final Consumer<String> log;

  /**
   * A context whose {@link LambdaLogger} writes to {@code log}, as the runtime's writes to
   * CloudWatch.
   */
  public FakeLambdaContext(String requestId, Consumer<String> log) {
    this.requestId = requireNonNull(requestId, "requestId == null");
    this.log = requireNonNull(log, "log == null");
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/tern-shape";
  }

  @Override
  public String getLogStreamName() {
    return "tern-shape";
  }

  @Override
  public String getFunctionName() {
    return "tern-shape";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:tern-shape";
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return 900_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        log.accept(message);
      }

      @Override
      public void log(byte[] message) {
        log.accept(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
