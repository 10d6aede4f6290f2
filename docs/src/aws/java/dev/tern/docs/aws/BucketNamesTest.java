package dev.tern.docs.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.NoFunctionException;
import dev.tern.aws.AwsHandler;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.Settings;
import dev.tern.testing.aws.FakeLambdaContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * triggers/storage.md, "Bucket names": a bucket named otherwise than declared is claimed only by a
 * pinned function.
 */
class BucketNamesTest {
  @Test
  void refusesAnEventFromABucketNamedOtherwise() {
    AwsHandler handler = new AwsHandler();
    assertThatThrownBy(
            () -> {
              try (InputStream in =
                  BucketNamesTest.class.getResourceAsStream("/events/s3-put-other-bucket.json")) {
                handler.handleRequest(
                    in,
                    new ByteArrayOutputStream(),
                    new FakeLambdaContext("local-1", System.out::println));
              }
            })
        .isInstanceOf(NoFunctionException.class)
        .hasMessage(
            "no function claims the CREATED event in bucket uploads-123456789012; declared storage"
                + " functions: storage Uploads <- uploads [CREATED, DELETED]");
  }

  @Test
  void aPinnedFunctionGetsEveryBucketsEvents() throws IOException {
    Settings pinned = Settings.of(Map.of("TERN_FUNCTION", "Uploads"));
    AwsHandler handler =
        new AwsHandler(
            Dispatcher.fromIndex(BucketNamesTest.class.getClassLoader(), pinned),
            pinned,
            System.out::println,
            Clock.systemUTC());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in =
        BucketNamesTest.class.getResourceAsStream("/events/s3-put-other-bucket.json")) {
      handler.handleRequest(in, out, new FakeLambdaContext("local-1", System.out::println));
    }
    assertThat(out.toByteArray()).isEmpty();
  }
}
