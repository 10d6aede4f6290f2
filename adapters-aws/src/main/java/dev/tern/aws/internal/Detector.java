package dev.tern.aws.internal;

import static dev.tern.aws.internal.Json.list;
import static dev.tern.aws.internal.Json.obj;
import static dev.tern.aws.internal.Json.str;

import java.util.List;
import java.util.Map;

/**
 * Tells the kind of a Lambda payload from its structure, in a fixed order, without ever throwing.
 *
 * <p>The order follows what the documented payloads guarantee
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-services.html):
 *
 * <ol>
 *   <li>not an object, or an empty object: {@link Kind#UNKNOWN};
 *   <li>{@code Records} non-empty, every record with the same {@code eventSource}/{@code
 *       EventSource}: {@code aws:sqs}, {@code aws:sns}, {@code aws:s3};
 *   <li>{@code requestContext.elb}: ALB;
 *   <li>{@code version == "2.0"} and {@code requestContext.http}: function URL when {@code
 *       requestContext.domainName} contains {@code .lambda-url.}, else HTTP API;
 *   <li>{@code httpMethod} and {@code requestContext}: API Gateway payload 1.0 (REST);
 *   <li>{@code triggerSource}, {@code userPoolId}, {@code request}: Cognito user pool trigger;
 *   <li>{@code detail-type}, {@code source}, object {@code detail}: EventBridge — a schedule when
 *       {@code source == "aws.events"} and {@code detail-type == "Scheduled Event"}, S3 when {@code
 *       source == "aws.s3"}, otherwise a generic EventBridge event.
 * </ol>
 */
public final class Detector {
  /** What a payload is. */
  public enum Kind {
    SQS("an SQS batch"),
    SNS("an SNS notification"),
    S3("an S3 notification"),
    ALB("an ALB request"),
    HTTP_API("an API Gateway HTTP API request (payload 2.0)"),
    FUNCTION_URL("a Lambda function URL request"),
    REST_API("an API Gateway request (payload 1.0)"),
    COGNITO("a Cognito user pool trigger"),
    SCHEDULE("an EventBridge scheduled event"),
    EVENTBRIDGE_S3("an S3 event from EventBridge"),
    EVENTBRIDGE("an EventBridge event"),
    OTHER_RECORDS("a batch of records from a source Tern does not map"),
    UNKNOWN("a payload of no known shape");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }

    public boolean isHttp() {
      return this == ALB || this == HTTP_API || this == FUNCTION_URL || this == REST_API;
    }
  }

  private Detector() {}

  /** The kind of {@code root}, a parsed payload. */
  public static Kind detect(Object root) {
    Map<String, Object> m = obj(root);
    if (m == null || m.isEmpty()) {
      return Kind.UNKNOWN;
    }
    List<Object> records = list(m, "Records");
    if (records != null) {
      return records.isEmpty() ? Kind.UNKNOWN : recordsKind(records);
    }
    Map<String, Object> requestContext = obj(m, "requestContext");
    if (requestContext != null && obj(requestContext, "elb") != null) {
      return Kind.ALB;
    }
    if ("2.0".equals(str(m, "version"))
        && requestContext != null
        && obj(requestContext, "http") != null) {
      String domain = str(requestContext, "domainName");
      return domain != null && domain.contains(".lambda-url.") ? Kind.FUNCTION_URL : Kind.HTTP_API;
    }
    if (str(m, "httpMethod") != null && requestContext != null) {
      return Kind.REST_API;
    }
    if (str(m, "triggerSource") != null
        && str(m, "userPoolId") != null
        && obj(m, "request") != null) {
      return Kind.COGNITO;
    }
    String detailType = str(m, "detail-type");
    String source = str(m, "source");
    if (detailType != null && source != null && obj(m, "detail") != null) {
      if ("aws.events".equals(source) && "Scheduled Event".equals(detailType)) {
        return Kind.SCHEDULE;
      }
      return "aws.s3".equals(source) ? Kind.EVENTBRIDGE_S3 : Kind.EVENTBRIDGE;
    }
    return Kind.UNKNOWN;
  }

  /** The source of every record when they agree, else {@link Kind#OTHER_RECORDS}. */
  private static Kind recordsKind(List<Object> records) {
    String first = null;
    for (Object record : records) {
      String source = recordSource(record);
      if (source == null || (first != null && !first.equals(source))) {
        return Kind.OTHER_RECORDS;
      }
      first = source;
    }
    switch (first) {
      case "aws:sqs":
        return Kind.SQS;
      case "aws:sns":
        return Kind.SNS;
      case "aws:s3":
        return Kind.S3;
      default:
        return Kind.OTHER_RECORDS;
    }
  }

  /** A record's {@code eventSource} (SQS, S3) or {@code EventSource} (SNS). */
  public static String recordSource(Object record) {
    Map<String, Object> r = obj(record);
    if (r == null) {
      return null;
    }
    String source = str(r, "eventSource");
    return source != null ? source : str(r, "EventSource");
  }
}
