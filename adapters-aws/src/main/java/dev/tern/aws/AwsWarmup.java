package dev.tern.aws;

import dev.tern.aws.internal.HttpMapper;
import java.nio.charset.StandardCharsets;

/**
 * What {@link AwsHandler} loads on the {@link dev.tern.spi.Warmup} thread while the deployment
 * starts: a small synthetic HTTP API request walked through jackson-core, the request read while
 * parsing, the HTTP mapping and a JSON answer. No function is called.
 *
 * <p>Not started on a SnapStart init, where priming loads the same classes before the snapshot.
 */
final class AwsWarmup implements Runnable {
  /** A small HTTP API request, never answered: it only walks the classes a real one needs. */
  private static final byte[] REQUEST =
      ("{\"version\":\"2.0\",\"rawPath\":\"/tern-warmup\","
              + "\"rawQueryString\":\"a=1\",\"headers\":{\"accept\":\"application/json\"},\"requestContext\":"
              + "{\"http\":{\"method\":\"GET\",\"path\":\"/tern-warmup\",\"sourceIp\":\"127.0.0.1\"},"
              + "\"timeEpoch\":0},\"isBase64Encoded\":false}")
          .getBytes(StandardCharsets.UTF_8);

  @Override
  public void run() {
    HttpMapper.warm(REQUEST);
  }
}
