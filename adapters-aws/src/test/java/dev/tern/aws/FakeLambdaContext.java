package dev.tern.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A Lambda {@link Context} with fixed values, as the runtime would fill it from its headers. */
final class FakeLambdaContext implements Context {
  private final String requestId;
  private final int remainingMillis;

  FakeLambdaContext(String requestId, int remainingMillis) {
    this.requestId = requestId;
    this.remainingMillis = remainingMillis;
  }

  FakeLambdaContext(String requestId) {
    this(requestId, 30_000);
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/tern-test";
  }

  @Override
  public String getLogStreamName() {
    return "2026/03/10/[$LATEST]abcdef";
  }

  @Override
  public String getFunctionName() {
    return "tern-test";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:eu-west-1:123456789012:function:tern-test";
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
    return remainingMillis;
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
        System.out.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.out.print(new String(message, StandardCharsets.UTF_8));
      }
    };
  }

  @Override
  public String getXrayTraceId() {
    return "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
  }
}
