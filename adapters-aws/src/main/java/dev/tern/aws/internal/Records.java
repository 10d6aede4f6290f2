package dev.tern.aws.internal;

import static dev.tern.aws.internal.Json.list;
import static dev.tern.aws.internal.Json.obj;
import static dev.tern.aws.internal.Json.str;

import dev.tern.Body;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.TernException;
import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQS, SNS and S3 records, and S3 events from EventBridge, to neutral messages and object events.
 *
 * <ul>
 *   <li>SQS: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
 *   <li>SNS: https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html and, inside SQS, the
 *       envelope of https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html
 *   <li>S3:
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
 *   <li>S3 through EventBridge:
 *       https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
 * </ul>
 */
public final class Records {
  /**
   * What one SQS or SNS record carries: a message, the object events of a wrapped S3 notification,
   * S3's test notification (which is acknowledged and not delivered), or the reason the record
   * cannot be read, which fails that record alone.
   */
  public record Delivery(
      Message message,
      List<ObjectEvent> objects,
      boolean s3Test,
      String topicArn,
      TernException refusal) {
    static Delivery of(Message message, String topicArn) {
      return new Delivery(message, List.of(), false, topicArn, null);
    }

    static Delivery storage(List<ObjectEvent> objects) {
      return new Delivery(null, List.copyOf(objects), false, null, null);
    }

    static Delivery test() {
      return new Delivery(null, List.of(), true, null, null);
    }

    static Delivery refused(TernException refusal) {
      return new Delivery(null, List.of(), false, null, refusal);
    }
  }

  private Records() {}

  /** The records of a batch, each checked to be an object. */
  public static List<Map<String, Object>> records(Map<String, Object> event, String what) {
    List<Object> records = list(event, "Records");
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      Map<String, Object> r = obj(records.get(i));
      if (r == null) {
        throw new UndecodablePayloadException(
            "aws: " + what + " record " + i + " is not a JSON object");
      }
      out.add(r);
    }
    return out;
  }

  /**
   * Whether an SQS record comes from a FIFO queue, whose group id orders delivery: the queue's name
   * ends in {@code .fifo}, and only FIFO messages carry a {@code SequenceNumber}. A standard queue
   * may carry a {@code MessageGroupId} too, naming the tenant of a fair queue, which orders nothing
   * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-fair-queues.html).
   */
  public static boolean isFifo(Map<String, Object> record) {
    String arn = str(record, "eventSourceARN");
    return (arn != null && arn.endsWith(".fifo"))
        || str(obj(record, "attributes"), "SequenceNumber") != null;
  }

  /** The message id of an SQS record, checked. */
  public static String sqsId(Map<String, Object> record, int index) {
    return need(record, "messageId", "SQS record " + index);
  }

  /** One SQS record, unwrapping an SNS envelope or an S3 notification in its body. */
  public static Delivery sqs(Map<String, Object> record, int index) {
    String where = "SQS record " + index;
    String id = need(record, "messageId", where);
    String what = where + " (" + id + ")";
    String queue = need(record, "eventSourceARN", where);
    Object bodyNode = record.get("body");
    if (!(bodyNode instanceof String)) {
      throw new UndecodablePayloadException("aws: " + what + " has no string \"body\"");
    }
    String body = (String) bodyNode;
    Map<String, Object> inner = jsonObject(body);
    if (inner != null) {
      if (isS3Test(inner)) {
        return Delivery.test();
      }
      if (isS3(inner)) {
        return Delivery.storage(s3(inner, where + " body"));
      }
      if (isSnsEnvelope(inner)) {
        String message = str(inner, "Message");
        Map<String, Object> wrapped = jsonObject(message);
        if (wrapped != null && isS3Test(wrapped)) {
          return Delivery.test();
        }
        if (wrapped != null && isS3(wrapped)) {
          return Delivery.storage(s3(wrapped, where + " SNS message"));
        }
        Map<String, String> attrs =
            snsAttributes(
                object(inner, "MessageAttributes", what + " SNS envelope"),
                what + " SNS envelope MessageAttributes");
        attrs.putAll(sqsAttributes(record, what));
        return Delivery.of(
            sqsMessage(record, id, queue, what)
                .body(Body.wrap(message.getBytes(StandardCharsets.UTF_8), null))
                .attributes(attrs)
                .build(),
            str(inner, "TopicArn"));
      }
    }
    return Delivery.of(
        sqsMessage(record, id, queue, what)
            .body(Body.wrap(body.getBytes(StandardCharsets.UTF_8), null))
            .attributes(sqsAttributes(record, what))
            .build(),
        null);
  }

  /**
   * The metadata of an SQS record: Lambda writes each system attribute as a string, the counts and
   * times in decimal, the times in epoch milliseconds. An absent attribute leaves its field empty;
   * one that is present but unreadable refuses the record.
   */
  private static Message.Builder sqsMessage(
      Map<String, Object> record, String id, String queue, String what) {
    Map<String, Object> attributes = object(record, "attributes", what);
    String group = string(attributes, "MessageGroupId", what + " attributes.MessageGroupId");
    return Message.builder(id, queue)
        .attempt(
            count(
                attributes,
                "ApproximateReceiveCount",
                what + " attributes.ApproximateReceiveCount"))
        .enqueuedAt(epochMillis(attributes, "SentTimestamp", what + " attributes.SentTimestamp"))
        // On a standard queue the group id names a fair queue's tenant, not an order.
        .orderingKey(isFifo(record) ? group : null)
        .raw(record);
  }

  /** One SNS record delivered to Lambda directly. */
  public static Delivery sns(Map<String, Object> record, int index) {
    String where = "SNS record " + index;
    Map<String, Object> sns = obj(record, "Sns");
    if (sns == null) {
      throw new UndecodablePayloadException("aws: " + where + " has no \"Sns\" object");
    }
    String id = need(sns, "MessageId", where + " Sns");
    String topic = need(sns, "TopicArn", where + " Sns");
    Object messageNode = sns.get("Message");
    if (!(messageNode instanceof String)) {
      throw new UndecodablePayloadException(
          "aws: " + where + " (" + id + ") has no string \"Message\"");
    }
    String message = (String) messageNode;
    Map<String, Object> wrapped = jsonObject(message);
    if (wrapped != null && isS3Test(wrapped)) {
      return Delivery.test();
    }
    if (wrapped != null && isS3(wrapped)) {
      return Delivery.storage(s3(wrapped, where + " message"));
    }
    String what = where + " (" + id + ") Sns";
    return Delivery.of(
        Message.builder(id, topic)
            .body(Body.wrap(message.getBytes(StandardCharsets.UTF_8), null))
            .attributes(
                snsAttributes(object(sns, "MessageAttributes", what), what + ".MessageAttributes"))
            .enqueuedAt(timestamp(sns, "Timestamp", what + ".Timestamp"))
            .raw(record)
            .build(),
        topic);
  }

  /** The object events of an S3 notification ({@code Records} of {@code aws:s3}). */
  public static List<ObjectEvent> s3(Map<String, Object> event, String where) {
    List<ObjectEvent> out = new ArrayList<>();
    List<Map<String, Object>> records = records(event, where);
    for (int i = 0; i < records.size(); i++) {
      out.add(s3Record(records.get(i), where + " S3 record " + i));
    }
    return out;
  }

  private static ObjectEvent s3Record(Map<String, Object> record, String where) {
    String eventName = need(record, "eventName", where);
    Map<String, Object> s3 = obj(record, "s3");
    if (s3 == null) {
      throw new UndecodablePayloadException("aws: " + where + " has no \"s3\" object");
    }
    String bucket = need(obj(s3, "bucket"), "name", where + " s3.bucket");
    Map<String, Object> object = obj(s3, "object");
    String rawKey = need(object, "key", where + " s3.object");
    String key;
    try {
      // S3 form-encodes keys in notifications: "red flower.jpg" arrives as "red+flower.jpg".
      key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new UndecodablePayloadException(
          "aws: " + where + " has an object key with a broken % escape");
    }
    ObjectEvent.Kind kind = s3Kind(eventName, where);
    // The notification has no content type and no user metadata (x-amz-meta-*), so both stay
    // empty:
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
    String version = emptyToNull(str(object, "versionId"));
    ObjectEvent.Builder b =
        ObjectEvent.builder(kind, bucket, key)
            .time(instant(need(record, "eventTime", where), where + " eventTime"))
            .id(s3Id(record, object, bucket, rawKey, version))
            .etag(str(object, "eTag"))
            .version(version)
            .raw(record);
    long size = size(object.get("size"));
    if (size >= 0) {
      b.size(size);
    }
    return b.build();
  }

  /**
   * The id of one object's event: the request id, the sequencer, the bucket and the key as sent,
   * and the version id, those of them the record has, joined with {@code :}. S3 has no id of its
   * own for an event. The objects of one request (a DeleteObjects, a lifecycle run) share its
   * request id, and the sequencer orders the events of one key only, so two objects may share both
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html);
   * the object and its version tell them apart, and a redelivery, which repeats the record, gets
   * the same id.
   */
  private static String s3Id(
      Map<String, Object> record,
      Map<String, Object> object,
      String bucket,
      String rawKey,
      String version) {
    String requestId = emptyToNull(str(obj(record, "responseElements"), "x-amz-request-id"));
    String sequencer = emptyToNull(str(object, "sequencer"));
    StringBuilder id = new StringBuilder(96);
    if (requestId != null) {
      id.append(requestId).append(':');
    }
    if (sequencer != null) {
      id.append(sequencer).append(':');
    }
    id.append(bucket).append('/').append(rawKey);
    if (version != null) {
      id.append(':').append(version);
    }
    return id.toString();
  }

  /** The kind of an S3 {@code eventName} such as {@code ObjectCreated:Put}. */
  static ObjectEvent.Kind s3Kind(String eventName, String where) {
    String prefix =
        eventName.contains(":") ? eventName.substring(0, eventName.indexOf(':')) : eventName;
    switch (prefix) {
      case "ObjectCreated":
        return ObjectEvent.Kind.CREATED;
      case "ObjectRemoved":
      case "LifecycleExpiration":
        return ObjectEvent.Kind.DELETED;
      case "ObjectRestore":
        if (eventName.equals("ObjectRestore:Completed")) {
          return ObjectEvent.Kind.RESTORED;
        }
        break;
      case "LifecycleTransition":
        return ObjectEvent.Kind.ARCHIVED;
      case "ObjectTagging":
      case "ObjectAcl":
        return ObjectEvent.Kind.METADATA_UPDATED;
      default:
        break;
    }
    throw new UnsupportedEventException(
        "aws: "
            + where
            + " is S3 event \""
            + eventName
            + "\", which Tern does not map (it maps ObjectCreated, ObjectRemoved, LifecycleExpiration,"
            + " LifecycleTransition, ObjectRestore:Completed, ObjectTagging, ObjectAcl)");
  }

  /** An S3 event delivered by EventBridge ({@code source == "aws.s3"}). */
  public static ObjectEvent eventBridgeS3(Map<String, Object> event) {
    String where = "EventBridge S3 event";
    String detailType = need(event, "detail-type", where);
    ObjectEvent.Kind kind;
    switch (detailType) {
      case "Object Created":
        kind = ObjectEvent.Kind.CREATED;
        break;
      case "Object Deleted":
        kind = ObjectEvent.Kind.DELETED;
        break;
      case "Object Restore Completed":
        kind = ObjectEvent.Kind.RESTORED;
        break;
      case "Object Storage Class Changed":
        kind = ObjectEvent.Kind.ARCHIVED;
        break;
      case "Object Tags Added":
      case "Object Tags Deleted":
      case "Object ACL Updated":
        kind = ObjectEvent.Kind.METADATA_UPDATED;
        break;
      default:
        throw new UnsupportedEventException(
            "aws: "
                + where
                + " of detail-type \""
                + detailType
                + "\" is not mapped (Object Created, Object Deleted, Object Restore Completed, "
                + "Object Storage Class Changed, Object Tags Added/Deleted, Object ACL Updated are)");
    }
    Map<String, Object> detail = obj(event, "detail");
    String bucket = need(obj(detail, "bucket"), "name", where + " detail.bucket");
    Map<String, Object> object = obj(detail, "object");
    // EventBridge sends the key as stored, not form-encoded (see the README on open questions).
    String key = need(object, "key", where + " detail.object");
    // Nor does the EventBridge event carry them:
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
    ObjectEvent.Builder b =
        ObjectEvent.builder(kind, bucket, key)
            .time(instant(need(event, "time", where), where + " time"))
            .id(need(event, "id", where))
            .etag(str(object, "etag"))
            .version(emptyToNull(str(object, "version-id")))
            .raw(event);
    long size = size(object.get("size"));
    if (size >= 0) {
      b.size(size);
    }
    return b.build();
  }

  static boolean isS3(Map<String, Object> node) {
    List<Object> records = list(node, "Records");
    if (records == null || records.isEmpty()) {
      return false;
    }
    for (Object r : records) {
      if (!"aws:s3".equals(Detector.recordSource(r))) {
        return false;
      }
    }
    return true;
  }

  /** S3's test notification: {@code {"Service":"Amazon S3","Event":"s3:TestEvent",...}}. */
  static boolean isS3Test(Map<String, Object> node) {
    return "s3:TestEvent".equals(str(node, "Event")) && "Amazon S3".equals(str(node, "Service"));
  }

  static boolean isSnsEnvelope(Map<String, Object> node) {
    return "Notification".equals(str(node, "Type"))
        && str(node, "TopicArn") != null
        && node.get("Message") instanceof String
        && str(node, "MessageId") != null;
  }

  /** The body as a JSON object when it looks like and parses as one, else null. */
  static Map<String, Object> jsonObject(String text) {
    if (text == null) {
      return null;
    }
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i == text.length() || text.charAt(i) != '{') {
      return null;
    }
    if (!text.contains("\"Records\"")
        && !text.contains("\"TopicArn\"")
        && !text.contains("s3:TestEvent")) {
      // None of the documents unwrapped here (S3 notification, S3 test event, SNS envelope):
      // S3 and SNS write these names plainly, so a body without them is left unparsed.
      return null;
    }
    try {
      return obj(Json.parse(text.getBytes(StandardCharsets.UTF_8)));
    } catch (UndecodablePayloadException e) {
      return null; // a body that merely starts with '{' is still a plain message
    }
  }

  /**
   * The {@code messageAttributes} of an SQS record of type String or Number (and their custom
   * subtypes, {@code Number.int}), each {@code {"dataType": ..., "stringValue": ...}}. Binary ones
   * are left out; an entry that is not of that shape refuses the record. Entry names are message
   * content, so errors leave them out.
   */
  static Map<String, String> sqsAttributes(Map<String, Object> record, String what) {
    String field = what + " messageAttributes";
    return attributes(object(record, "messageAttributes", what), field, "dataType", "stringValue");
  }

  /**
   * SNS message attributes of type String, String.Array or Number: {@code {"Type": ..., "Value":
   * ...}}.
   */
  static Map<String, String> snsAttributes(Map<String, Object> attributes, String field) {
    return attributes(attributes, field, "Type", "Value");
  }

  private static Map<String, String> attributes(
      Map<String, Object> attributes, String field, String typeKey, String valueKey) {
    Map<String, String> out = new LinkedHashMap<>();
    if (attributes != null) {
      attributes.forEach(
          (name, v) -> {
            if (v == null) {
              return;
            }
            Map<String, Object> a = obj(v);
            if (a == null) {
              throw new UndecodablePayloadException(
                  "aws: " + field + " has an entry that is not a JSON object");
            }
            String type = str(a, typeKey);
            if (type == null) {
              throw new UndecodablePayloadException(
                  "aws: " + field + " has an entry without a string \"" + typeKey + "\"");
            }
            if (type.startsWith("String") || type.startsWith("Number")) {
              String value = str(a, valueKey);
              if (value == null) {
                String kind = type.startsWith("String") ? "String" : "Number";
                throw new UndecodablePayloadException(
                    "aws: "
                        + field
                        + " has a "
                        + kind
                        + " entry without a string \""
                        + valueKey
                        + "\"");
              }
              out.put(name, value);
            }
          });
    }
    return out;
  }

  static String need(Map<String, Object> map, String key, String where) {
    String value = str(map, key);
    if (value == null) {
      throw new UndecodablePayloadException("aws: " + where + " has no string \"" + key + "\"");
    }
    return value;
  }

  static Instant instant(String text, String where) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new UndecodablePayloadException("aws: " + where + " is not an ISO-8601 instant");
    }
  }

  static Instant instantOrNull(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The object under {@code key}, or null when absent or JSON null; another value is refused. */
  static Map<String, Object> object(Map<String, Object> map, String key, String what) {
    Object value = map == null ? null : map.get(key);
    if (value == null) {
      return null;
    }
    Map<String, Object> object = obj(value);
    if (object == null) {
      throw new UndecodablePayloadException(
          "aws: " + what + " has \"" + key + "\" that is not a JSON object");
    }
    return object;
  }

  /** The string under {@code key}, or null when absent or JSON null; another value is refused. */
  static String string(Map<String, Object> map, String key, String field) {
    Object value = map == null ? null : map.get(key);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new UndecodablePayloadException("aws: " + field + " is not a string");
  }

  /**
   * An ISO-8601 instant under {@code key} ({@code 2019-01-02T12:45:07.000Z}), or null when absent.
   */
  static Instant timestamp(Map<String, Object> map, String key, String field) {
    String text = string(map, key, field);
    return text == null ? null : instant(text, field);
  }

  /** Epoch milliseconds written as a string ({@code "1545082649183"}), or null when absent. */
  private static Instant epochMillis(Map<String, Object> map, String key, String field) {
    String text = string(map, key, field);
    if (text == null) {
      return null;
    }
    try {
      return Instant.ofEpochMilli(Long.parseLong(text));
    } catch (NumberFormatException e) {
      throw new UndecodablePayloadException("aws: " + field + " is not epoch milliseconds");
    }
  }

  /** A count written as a string ({@code "2"}), or 0 when absent. */
  private static int count(Map<String, Object> map, String key, String field) {
    String text = string(map, key, field);
    if (text == null) {
      return 0;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new UndecodablePayloadException("aws: " + field + " is not a count");
  }

  /** A non-negative integral size, or -1. */
  private static long size(Object node) {
    if (node instanceof Json.Num) {
      try {
        return Math.max(-1, ((Json.Num) node).asLong());
      } catch (ArithmeticException | NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
