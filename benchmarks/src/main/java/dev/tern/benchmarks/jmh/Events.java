package dev.tern.benchmarks.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The native payloads the benchmarks start from, byte for byte what each platform delivers. */
final class Events {
  private Events() {}

  /** API Gateway HTTP API (payload 2.0), {@code GET /hello?name=Ada}. */
  static byte[] apiGatewayHello() {
    try (InputStream in = Events.class.getResourceAsStream("/events/apigw-v2-hello.json")) {
      if (in == null) {
        throw new IllegalStateException("events/apigw-v2-hello.json is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String order(int i) {
    return "{\"orderId\":\"o-" + i + "\",\"amount\":" + (10 + i) + ".5}";
  }

  /** An SQS event with {@code n} messages from the standard queue {@code orders}. */
  static byte[] sqs(int n) {
    StringBuilder json = new StringBuilder("{\"Records\":[");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"messageId\":\"059f36b4-87a3-44ab-83d2-66197502b5")
          .append(String.format("%02d", i))
          .append("\",\"receiptHandle\":\"AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a+Ca==\",")
          .append("\"body\":")
          .append(quote(order(i)))
          .append(
              ",\"attributes\":{\"ApproximateReceiveCount\":\"1\",\"SentTimestamp\":\"1795739412000\",")
          .append(
              "\"SenderId\":\"AIDAIENQZJOLO23YVJ4VO\",\"ApproximateFirstReceiveTimestamp\":\"1795739412010\"},")
          .append("\"messageAttributes\":{},\"md5OfBody\":\"e4e68fb7bd0e697a0ae8f1bb342846b3\",")
          .append(
              "\"eventSource\":\"aws:sqs\",\"eventSourceARN\":\"arn:aws:sqs:eu-west-1:123456789012:orders\",")
          .append("\"awsRegion\":\"eu-west-1\"}");
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** An S3 notification: {@code photos/2026/ada lovelace.jpg} created in bucket {@code uploads}. */
  static byte[] s3Put() {
    return ("{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"eu-west-1\","
            + "\"eventTime\":\"2026-11-27T00:30:12.000Z\",\"eventName\":\"ObjectCreated:Put\","
            + "\"userIdentity\":{\"principalId\":\"AWS:AIDAINPONIXQXHT3IKHL2\"},"
            + "\"requestParameters\":{\"sourceIPAddress\":\"203.0.113.17\"},"
            + "\"responseElements\":{\"x-amz-request-id\":\"C3D13FE58DE4C810\","
            + "\"x-amz-id-2\":\"FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD\"},"
            + "\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"uploads-created\","
            + "\"bucket\":{\"name\":\"uploads\",\"ownerIdentity\":{\"principalId\":\"A3NL1KOZZKExample\"},"
            + "\"arn\":\"arn:aws:s3:::uploads\"},"
            + "\"object\":{\"key\":\"photos/2026/ada+lovelace.jpg\",\"size\":1024,"
            + "\"eTag\":\"d41d8cd98f00b204e9800998ecf8427e\",\"sequencer\":\"0A1B2C3D4E5F678901\"}}}]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The data of a Pub/Sub {@code messagePublished} CloudEvent carrying order 7. */
  static byte[] pubSubData() {
    String data = Base64.getEncoder().encodeToString(order(7).getBytes(StandardCharsets.UTF_8));
    return ("{\"message\":{\"data\":\""
            + data
            + "\",\"attributes\":{\"origin\":\"checkout\"},"
            + "\"messageId\":\"2070443601311540\",\"message_id\":\"2070443601311540\","
            + "\"publishTime\":\"2026-11-27T00:30:12.345Z\",\"publish_time\":\"2026-11-27T00:30:12.345Z\"},"
            + "\"subscription\":\"projects/demo/subscriptions/eventarc-europe-west1-orders-sub-042\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
