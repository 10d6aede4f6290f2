package dev.tern.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The smallest Lambda {@link Context} that looks like a 512 MiB function with 15 s left. */
public final class DriverContext implements Context, LambdaLogger {
  @Override
  public String getAwsRequestId() {
    return "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/hello";
  }

  @Override
  public String getLogStreamName() {
    return "2026/11/27/[$LATEST]0123456789abcdef";
  }

  @Override
  public String getFunctionName() {
    return "hello";
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:eu-west-1:123456789012:function:hello";
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
    return 15_000;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return this;
  }

  @Override
  public void log(String message) {
    System.err.print(message);
  }

  @Override
  public void log(byte[] message) {
    System.err.write(message, 0, message.length);
  }
}
