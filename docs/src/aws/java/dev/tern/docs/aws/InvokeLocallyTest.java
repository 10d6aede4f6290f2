package dev.tern.docs.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.FunctionFailedException;
import dev.tern.aws.AwsHandler;
import dev.tern.testing.aws.FakeLambdaContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** deploy/aws.md: the deployment's handler, called with event files as Lambda would call it. */
// snippet: aws-invoke-locally
class InvokeLocallyTest {
  // As in Lambda's init phase: reads the function index and creates every function.
  private static final AwsHandler handler = new AwsHandler();

  @Test
  void deliversAnSqsBatch() throws IOException {
    assertThat(invoke("/events/sqs.json")).isEqualTo("{\"batchItemFailures\":[]}");
  }

  @Test
  void deliversAnS3Notification() throws IOException {
    assertThat(invoke("/events/s3-put.json")).isEmpty(); // S3 reads no answer
  }

  @Test
  void failsTheInvocationWhenTheFunctionThrows() {
    assertThatThrownBy(() -> invoke("/events/sqs-quantity-0.json"))
        .isInstanceOf(FunctionFailedException.class)
        .hasMessage(
            "function OrderReceived failed on message 5b3f0c8e-2a41-4d7e-9c15-0e6a7d2f8b93: "
                + "java.lang.IllegalArgumentException");
  }

  private static String invoke(String event) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = InvokeLocallyTest.class.getResourceAsStream(event)) {
      handler.handleRequest(in, out, new FakeLambdaContext("local-1", System.out::println));
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
// end snippet
