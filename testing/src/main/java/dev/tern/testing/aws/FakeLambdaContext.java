package dev.tern.testing.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The Lambda {@link Context} the runtime would build from an invocation's headers, with fixed
 * values.
 */
final class FakeLambdaContext implements Context {
  private final String requestId;
  private final Consumer<String> log;

  /**
   * A context whose {@link LambdaLogger} writes to {@code log}, as the runtime's writes to
   * CloudWatch.
   */
  FakeLambdaContext(String requestId, Consumer<String> log) {
    this.requestId = requestId;
    this.log = log;
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
