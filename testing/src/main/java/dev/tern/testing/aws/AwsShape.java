package dev.tern.testing.aws;

import static java.util.Objects.requireNonNull;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.Body;
import dev.tern.Caller;
import dev.tern.Cloud;
import dev.tern.Cookie;
import dev.tern.FunctionFailedException;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.SetCookie;
import dev.tern.Tick;
import dev.tern.UnsupportedEventException;
import dev.tern.aws.AwsHandler;
import dev.tern.aws.internal.Cognito;
import dev.tern.aws.internal.Json;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.RouteTemplate;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import dev.tern.testing.CloudShape;
import dev.tern.testing.ObjectChange;
import dev.tern.testing.internal.LoggedFailure;
import dev.tern.testing.internal.ShapeLog;
import dev.tern.testing.internal.ShapeSettings;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The AWS Lambda {@link CloudShape}: encodes neutral events as Lambda delivers them — API Gateway
 * HTTP API (payload 2.0) requests, SQS batches, S3 notifications, EventBridge scheduled events and
 * Cognito user pool triggers — calls {@link AwsHandler#handleRequest} with a Lambda context, and
 * decodes the native answer.
 *
 * <p>Batches are sent as from an event source mapping with {@code ReportBatchItemFailures}, unless
 * the settings set {@code TERN_AWS_BATCH_ITEM_FAILURES} to another value than {@code true}.
 *
 * <p>A {@code DELETED} object event goes as an {@code ObjectRemoved:Delete} notification, whose
 * {@code s3.object} has the key, the sequencer and, in a versioned bucket, the version id, but no
 * {@code size} and no {@code eTag}, so the function sees neither, whatever the neutral event holds
 * (<a
 * href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html">event
 * message structure</a>). What the bucket knows of the change ({@link ObjectChange}) decides the
 * version id, the sequencer and whether a deletion left a delete marker; see {@link
 * #storage(ObjectEvent, ObjectChange)}.
 *
 * @since 0.1
 */
public final class AwsShape implements CloudShape {
  private static final String ACCOUNT = "123456789012";
  private static final String REGION = "us-east-1";

  private static final String BATCH_ITEM_FAILURES = "TERN_AWS_BATCH_ITEM_FAILURES";

  private final AwsHandler handler;
  private final Router router;
  private final Clock clock;
  private final ShapeLog log;
  private final boolean reportsItemFailures;
  private final AtomicLong invocations = new AtomicLong();

  /**
   * The last invocation of each tick or storage event whose function failed, as Lambda keeps it for
   * its retries, by the identity of the neutral event: two ticks of one slot, fired at one instant,
   * are equal but two events.
   */
  private final Map<Object, Invocation> failed =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /**
   * A shape over the functions of {@code dispatcher}, with no settings but its own, on the system
   * clock; log lines are dropped.
   */
  public AwsShape(Dispatcher dispatcher) {
    this(dispatcher, Map.of(), Clock.systemUTC(), line -> {});
  }

  /**
   * A shape over the functions of {@code dispatcher} whose adapter reads {@code settings} (as
   * Lambda's environment variables) and {@code clock}, and writes its log lines, in the harness's
   * form, to {@code logs}. Unless {@code settings} say otherwise, {@value #BATCH_ITEM_FAILURES} is
   * {@code true}, as in the documented deployment, where the SQS event source mapping has {@code
   * FunctionResponseTypes: [ReportBatchItemFailures]}; {@code false} shows what a mapping without
   * it does: a failed message fails the whole batch, which comes back whole.
   */
  public AwsShape(
      Dispatcher dispatcher, Map<String, String> settings, Clock clock, Consumer<String> logs) {
    requireNonNull(dispatcher, "dispatcher == null");
    this.clock = requireNonNull(clock, "clock == null");
    this.log = new ShapeLog(ShapeLog.Form.AWS, clock, requireNonNull(logs, "logs == null"));
    Settings layered =
        ShapeSettings.layered(Map.of(BATCH_ITEM_FAILURES, "true"), requireNonNull(settings));
    this.reportsItemFailures = layered.flag(BATCH_ITEM_FAILURES);
    this.handler = new AwsHandler(dispatcher, layered, log, clock);
    this.router = dispatcher.router();
  }

  @Override
  public Cloud cloud() {
    return Cloud.AWS;
  }

  /** The next invocation's request id: {@code inv-1}, {@code inv-2}, … */
  private String nextRequestId() {
    return "inv-" + invocations.incrementAndGet();
  }

  private Object invoke(Map<String, Object> event) {
    return invoke(event, nextRequestId());
  }

  private Object invoke(Map<String, Object> event, String requestId) {
    log.clearFailures();
    byte[] answer = handler.handle(Json.toBytes(event), new FakeLambdaContext(requestId, log));
    return answer.length == 0 ? null : Json.parse(answer);
  }

  // ---- HTTP: API Gateway HTTP API, payload format 2.0 ----

  @Override
  public HttpResponse http(HttpRequest request) {
    requireNonNull(request, "request == null");
    String requestId = nextRequestId();
    Map<String, Object> http = new LinkedHashMap<>();
    http.put("method", request.method());
    // An HTTP API hands Lambda the path percent-decoded, in rawPath and http.path alike
    // (fastify/aws-lambda-fastify issue 169: /a%2Fb arrives as /a/b).
    String path = RouteTemplate.decode(request.path());
    http.put("path", path);
    http.put("protocol", "HTTP/1.1");
    http.put("sourceIp", request.sourceIp().orElse("198.51.100.1"));
    http.put("userAgent", request.header("User-Agent").orElse("tern-testing"));
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("accountId", ACCOUNT);
    context.put("apiId", "tern");
    context.put("domainName", "tern.execute-api." + REGION + ".amazonaws.com");
    context.put("domainPrefix", "tern");
    context.put("requestId", requestId);
    context.put("routeKey", "$default");
    context.put("stage", "$default");
    context.put("timeEpoch", clock.millis());
    context.put("http", http);
    request.caller().ifPresent(caller -> context.put("authorizer", authorizer(caller)));

    Map<String, Object> headers = new LinkedHashMap<>();
    request
        .headers()
        .asMap()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Cookie")) {
                // HTTP APIs lower-case header names and join repeated headers with commas.
                headers.merge(
                    name.toLowerCase(Locale.ROOT), String.join(",", values), (a, b) -> a + "," + b);
              }
            });
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "2.0");
    event.put("routeKey", "$default");
    event.put("rawPath", path);
    event.put("rawQueryString", request.query().raw());
    if (!request.cookies().isEmpty()) {
      List<Object> cookies = new ArrayList<>();
      for (Cookie c : request.cookies()) {
        cookies.add(c.name() + "=" + c.value());
      }
      event.put("cookies", cookies);
    }
    event.put("headers", headers);
    event.put("requestContext", context);
    if (!request.body().isEmpty()) {
      String text = textOrNull(request.body());
      event.put(
          "body", text != null ? text : Base64.getEncoder().encodeToString(request.body().bytes()));
      event.put("isBase64Encoded", text == null);
    } else {
      event.put("isBase64Encoded", false);
    }
    return response(Json.obj(invoke(event, requestId)));
  }

  private static Map<String, Object> authorizer(Caller caller) {
    Map<String, Object> claims = new LinkedHashMap<>(caller.claims());
    Map<String, Object> authorizer = new LinkedHashMap<>();
    switch (caller.scheme()) {
      case "iam":
        claims.putIfAbsent("userArn", caller.subject());
        authorizer.put("iam", claims);
        break;
      case "lambda-authorizer":
        claims.putIfAbsent("principalId", caller.subject());
        authorizer.put("lambda", claims);
        break;
      default:
        claims.putIfAbsent("sub", caller.subject());
        Map<String, Object> jwt = new LinkedHashMap<>();
        jwt.put("claims", claims);
        jwt.put("scopes", null);
        authorizer.put("jwt", jwt);
    }
    return authorizer;
  }

  private static String textOrNull(Body body) {
    String type = body.contentType().orElse("").toLowerCase(Locale.ROOT);
    boolean textual =
        type.isEmpty()
            || type.startsWith("text/")
            || type.contains("json")
            || type.contains("xml")
            || type.contains("x-www-form-urlencoded");
    if (!textual) {
      return null;
    }
    byte[] bytes = body.bytes();
    String text = new String(bytes, StandardCharsets.UTF_8);
    return java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes) ? text : null;
  }

  private static HttpResponse response(Map<String, Object> native_) {
    if (native_ == null) {
      throw new IllegalStateException("aws: the adapter wrote no HTTP response");
    }
    HttpResponse response =
        HttpResponse.status(Integer.parseInt(Json.scalarText(native_.get("statusCode"))));
    String contentType = null;
    Map<String, Object> headers = Json.obj(native_, "headers");
    if (headers != null) {
      for (Map.Entry<String, Object> h : headers.entrySet()) {
        String value = Json.scalarText(h.getValue());
        if (value == null) {
          continue;
        }
        if (h.getKey().equalsIgnoreCase("Content-Type")) {
          // The body's type, as a local response holds it, not a header of its own.
          contentType = value;
          continue;
        }
        response = response.withHeader(h.getKey(), value);
      }
    }
    List<Object> cookies = Json.list(native_, "cookies");
    if (cookies != null) {
      for (Object c : cookies) {
        response = response.withCookie(parseSetCookie((String) c));
      }
    }
    String body = Json.str(native_, "body");
    if (body != null && !body.isEmpty() || contentType != null) {
      byte[] bytes =
          body == null
              ? new byte[0]
              : Json.isTrue(native_, "isBase64Encoded")
                  ? Base64.getDecoder().decode(body)
                  : body.getBytes(StandardCharsets.UTF_8);
      response = response.withBody(Body.of(bytes, contentType));
    }
    return response;
  }

  /** Parses a {@code Set-Cookie} value: {@code session=abc; Path=/; Max-Age=60; HttpOnly}. */
  static SetCookie parseSetCookie(String header) {
    String[] parts = header.split(";");
    int eq = parts[0].indexOf('=');
    SetCookie cookie =
        SetCookie.of(parts[0].substring(0, eq).trim(), parts[0].substring(eq + 1).trim());
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].trim();
      int at = part.indexOf('=');
      String name = (at < 0 ? part : part.substring(0, at)).toLowerCase(Locale.ROOT);
      String value = at < 0 ? "" : part.substring(at + 1);
      switch (name) {
        case "path":
          cookie = cookie.withPath(value);
          break;
        case "domain":
          cookie = cookie.withDomain(value);
          break;
        case "max-age":
          cookie = cookie.withMaxAge(Duration.ofSeconds(Long.parseLong(value)));
          break;
        case "secure":
          cookie = cookie.secure();
          break;
        case "httponly":
          cookie = cookie.httpOnly();
          break;
        case "samesite":
          cookie = cookie.withSameSite(SetCookie.SameSite.valueOf(value.toUpperCase(Locale.ROOT)));
          break;
        default:
          break;
      }
    }
    return cookie;
  }

  // ---- Queue: an SQS batch ----

  @Override
  public List<String> queue(List<Message> batch) {
    return queueBatch(batch, false).failedIds();
  }

  @Override
  public Dispatcher.BatchResult queueBatch(List<Message> batch) {
    return queueBatch(batch, false);
  }

  /**
   * Delivers {@code batch} as one SQS event; {@code ordered}, or an ordering key, makes it a FIFO
   * queue's, whose records carry a {@code SequenceNumber}, so the adapter stops at the first
   * failure and reports the rest failed. With {@value #BATCH_ITEM_FAILURES} the failed messages are
   * those the adapter lists in {@code batchItemFailures}; without it a failure fails the
   * invocation, and every message of the batch comes back. Each failed message carries what the
   * function threw, from the adapter's log where the answer does not carry it.
   *
   * @throws InvalidValueException if {@code ordered} and a message has no ordering key: its record
   *     would have no {@code MessageGroupId}, which a FIFO queue never delivers, as SendMessage
   *     refuses such a message (<a
   *     href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html">SendMessage</a>);
   *     nothing is delivered then
   */
  @Override
  public Dispatcher.BatchResult queueBatch(List<Message> batch, boolean ordered) {
    requireNonNull(batch, "batch == null");
    for (Message m : batch) {
      if (ordered && m.orderingKey().isEmpty()) {
        throw new InvalidValueException(
            "aws: message "
                + m.id()
                + " of FIFO queue "
                + m.source()
                + " has no ordering key, so its record would have no MessageGroupId, which an SQS"
                + " FIFO queue requires");
      }
    }
    List<Object> records = new ArrayList<>();
    for (Message m : batch) {
      Map<String, Object> attributes = new LinkedHashMap<>();
      attributes.put("ApproximateReceiveCount", Integer.toString(m.attempt().orElse(1)));
      attributes.put(
          "SentTimestamp", Long.toString(m.enqueuedAt().orElse(clock.instant()).toEpochMilli()));
      attributes.put("SenderId", "AIDAEXAMPLE");
      // An ordered batch is a FIFO queue's, whose messages carry a sequence number and a
      // deduplication id. An ordering key is the MessageGroupId, which a standard (fair) queue's
      // messages may carry too, without ordering anything: the adapter reads a batch as FIFO only
      // by its sequence numbers or a .fifo queue name.
      if (ordered) {
        attributes.put("SequenceNumber", Long.toString(1_000_000_000_000L + records.size() + 1));
        attributes.put("MessageDeduplicationId", m.id());
      }
      m.orderingKey().ifPresent(key -> attributes.put("MessageGroupId", key));
      Map<String, Object> messageAttributes = new LinkedHashMap<>();
      m.attributes()
          .forEach(
              (name, value) -> {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("stringValue", value);
                a.put("stringListValues", List.of());
                a.put("binaryListValues", List.of());
                a.put("dataType", "String");
                messageAttributes.put(name, a);
              });
      String source = m.source();
      String arn =
          source.startsWith("arn:")
              ? source
              : "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + source;
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("messageId", m.id());
      record.put("receiptHandle", "AQEB" + m.id());
      record.put("body", m.body().text());
      record.put("attributes", attributes);
      record.put("messageAttributes", messageAttributes);
      record.put("md5OfBody", "");
      record.put("eventSource", "aws:sqs");
      record.put("eventSourceARN", arn);
      record.put("awsRegion", REGION);
      records.add(record);
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("Records", records);
    List<String> failed = new ArrayList<>();
    FunctionFailedException wholeBatch = null;
    try {
      List<Object> items = Json.list(Json.obj(invoke(event)), "batchItemFailures");
      if (items != null) {
        for (Object item : items) {
          failed.add(Json.str(Json.obj(item), "itemIdentifier"));
        }
      }
    } catch (FunctionFailedException e) {
      if (reportsItemFailures) {
        throw e;
      }
      // No partial batch response: Lambda deletes nothing, and the whole batch comes back.
      wholeBatch = e;
      for (Message m : batch) {
        failed.add(m.id());
      }
    }
    Map<String, Throwable> errors = new LinkedHashMap<>();
    for (String id : failed) {
      errors.put(id, error(id, wholeBatch));
    }
    return new Dispatcher.BatchResult(failed, errors);
  }

  /** Why message {@code id} failed: what the function threw, else why it was not deleted. */
  private Throwable error(String id, FunctionFailedException wholeBatch) {
    for (Throwable t = wholeBatch; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof FunctionFailedException
          && String.valueOf(t.getMessage()).contains(" on message " + id + ": ")) {
        return t;
      }
    }
    Optional<LoggedFailure> logged = log.failure("message " + id);
    if (logged.isPresent()) {
      return logged.get().exception();
    }
    if (wholeBatch != null) {
      return new FunctionFailedException(
          "message " + id + " returned to the queue with its batch: " + wholeBatch.getMessage(),
          wholeBatch);
    }
    return new FunctionFailedException(
        "not processed: an earlier message of the ordered batch failed");
  }

  // ---- Storage: an S3 notification ----

  @Override
  public void storage(ObjectEvent event) {
    requireNonNull(event, "event == null");
    storage(event, ObjectChange.of(event));
  }

  /**
   * Delivers {@code event} as an S3 notification of {@code change}: {@code s3.object.versionId} is
   * sent only when the bucket is versioned, and a deletion that left a delete marker goes as {@code
   * ObjectRemoved:DeleteMarkerCreated} with the marker's version id; {@code s3.object.sequencer} is
   * the change's sequence in 18 upper-case hex digits, for creations and deletions only. The
   * function sees the id {@code <event id>:<sequencer>:<bucket>/<key>}, with {@code :<version id>}
   * in a versioned bucket, as the adapter joins S3's request id, sequencer and object. If the
   * function fails, {@link #retryStorage(ObjectEvent)} can send that notification again.
   */
  @Override
  public void storage(ObjectEvent event, ObjectChange change) {
    requireNonNull(event, "event == null");
    requireNonNull(change, "change == null");
    boolean deleted = event.kind() == ObjectEvent.Kind.DELETED;
    Map<String, Object> object = new LinkedHashMap<>();
    // S3 form-encodes keys: "q1 2024.csv" arrives as "q1+2024.csv".
    object.put("key", URLEncoder.encode(event.key(), StandardCharsets.UTF_8).replace("%2F", "/"));
    // An ObjectRemoved notification describes no content: no size, no eTag.
    if (!deleted) {
      event.size().ifPresent(size -> object.put("size", size));
      event.etag().ifPresent(etag -> object.put("eTag", etag));
    }
    // "versionId": "object version if bucket is versioning-enabled, otherwise null"; a delete
    // marker is a version of its own, and its notification carries the marker's id.
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
    if (change.versioned()) {
      (deleted ? change.deleteMarker().or(event::version) : event.version())
          .ifPresent(version -> object.put("versionId", version));
    }
    // "sequencer": "a string representation of a hexadecimal value used to determine event
    // sequence, only used with PUTs and DELETEs" (same page); a duplicate notification keeps it.
    // The digits are fixed in number, as in S3's "0055AED6DCD90281E5", so later is greater.
    if (deleted || event.kind() == ObjectEvent.Kind.CREATED) {
      object.put("sequencer", String.format(Locale.ROOT, "%018X", change.sequence()));
    }
    Map<String, Object> bucket = new LinkedHashMap<>();
    bucket.put("name", event.bucket());
    bucket.put("arn", "arn:aws:s3:::" + event.bucket());
    Map<String, Object> s3 = new LinkedHashMap<>();
    s3.put("s3SchemaVersion", "1.0");
    s3.put("configurationId", "tern");
    s3.put("bucket", bucket);
    s3.put("object", object);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("eventVersion", "2.1");
    record.put("eventSource", "aws:s3");
    record.put("awsRegion", REGION);
    record.put("eventTime", event.time().toString());
    record.put(
        "eventName",
        deleted && change.deleteMarker().isPresent()
            ? "ObjectRemoved:DeleteMarkerCreated"
            : s3EventName(event.kind()));
    record.put("responseElements", Map.of("x-amz-request-id", event.id()));
    record.put("s3", s3);
    send(event, new Invocation(Map.of("Records", List.of(record)), nextRequestId()));
  }

  /**
   * Delivers {@code event} again as Lambda's asynchronous invocation retries a failed invocation:
   * the same S3 notification under the same request id (<a
   * href="https://repost.aws/knowledge-center/lambda-function-duplicate-invocations">duplicate
   * invocations</a>), so the function's {@code context.invocationId()} is the first attempt's.
   * {@code event} is the very instance given to {@link #storage(ObjectEvent, ObjectChange)}; throws
   * what the adapter throws when the function fails again.
   *
   * @throws IllegalArgumentException if this shape has no failed invocation of {@code event}: it
   *     did not deliver it, or the function succeeded
   */
  public void retryStorage(ObjectEvent event) {
    requireNonNull(event, "event == null");
    Invocation invocation = failed.get(event);
    if (invocation == null) {
      throw new IllegalArgumentException(
          "aws: no failed invocation of event "
              + event.id()
              + " to retry; deliver it with storage(event, change)");
    }
    send(event, invocation);
  }

  private static String s3EventName(ObjectEvent.Kind kind) {
    switch (kind) {
      case CREATED:
        return "ObjectCreated:Put";
      case DELETED:
        return "ObjectRemoved:Delete";
      case ARCHIVED:
        return "LifecycleTransition";
      case RESTORED:
        return "ObjectRestore:Completed";
      default:
        return "ObjectTagging:Put";
    }
  }

  // ---- Schedule: an EventBridge scheduled event ----

  /**
   * Delivers a tick as the EventBridge scheduled event of its rule, with an {@code id} of its own;
   * if the function fails, {@link #retrySchedule(Tick)} can send that event again.
   */
  @Override
  public void schedule(Tick tick) {
    requireNonNull(tick, "tick == null");
    long request = invocations.incrementAndGet();
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("version", "0");
    event.put("id", String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", request));
    event.put("detail-type", "Scheduled Event");
    event.put("source", "aws.events");
    event.put("account", ACCOUNT);
    event.put("time", tick.dueAt().toString());
    event.put("region", REGION);
    // The rule the schedule declares it is fired by, else the rule named like it.
    String rule = router.source(router.forSchedule(tick.name()));
    event.put(
        "resources",
        List.of(
            rule.startsWith("arn:")
                ? rule
                : "arn:aws:events:" + REGION + ":" + ACCOUNT + ":rule/" + rule));
    event.put("detail", Map.of());
    send(tick, new Invocation(event, "inv-" + request));
  }

  /**
   * Delivers {@code tick} again as Lambda's asynchronous invocation retries a failed invocation:
   * the same EventBridge event, with the {@code id} and {@code time} it had, under the same request
   * id (<a
   * href="https://repost.aws/knowledge-center/lambda-function-duplicate-invocations">duplicate
   * invocations</a>), so a function that deduplicates by the event's {@code id} sees a retry as
   * such. {@code tick} is the very instance given to {@link #schedule(Tick)}; throws what the
   * adapter throws when the function fails again.
   *
   * @throws IllegalArgumentException if this shape has no failed invocation of {@code tick}: it did
   *     not deliver it, or the function succeeded
   */
  public void retrySchedule(Tick tick) {
    requireNonNull(tick, "tick == null");
    Invocation invocation = failed.get(tick);
    if (invocation == null) {
      throw new IllegalArgumentException(
          "aws: no failed invocation of " + tick + " to retry; deliver it with schedule(tick)");
    }
    send(tick, invocation);
  }

  /**
   * Invokes the function asynchronously, as Lambda does for a tick or a storage event, keeping the
   * invocation, by the neutral event it carries, while it has failed.
   */
  private void send(Object event, Invocation invocation) {
    try {
      invoke(invocation.event(), invocation.requestId());
    } catch (RuntimeException e) {
      failed.put(event, invocation);
      throw e;
    }
    failed.remove(event);
  }

  /** The event and request id of an invocation, as Lambda keeps them for its retries. */
  private record Invocation(Map<String, Object> event, String requestId) {}

  // ---- Auth: a Cognito user pool trigger ----

  @Override
  public AuthDecision auth(AuthEvent event) {
    requireNonNull(event, "event == null");
    // Cognito names every attribute it does not define custom:<name>.
    Map<String, Object> attributes = new LinkedHashMap<>();
    event
        .user()
        .attributes()
        .forEach(
            (name, value) ->
                attributes.put(
                    Cognito.isStandard(name) || name.contains(":") ? name : "custom:" + name,
                    value));
    event.user().id().ifPresent(id -> attributes.put("sub", id));
    event.user().email().ifPresent(email -> attributes.put("email", email));
    event.user().phone().ifPresent(phone -> attributes.put("phone_number", phone));
    event.user().emailVerified().ifPresent(v -> attributes.put("email_verified", v.toString()));
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("userAttributes", attributes);
    request.put("clientMetadata", new LinkedHashMap<>(event.metadata()));
    Map<String, Object> response = new LinkedHashMap<>();
    String version = "1";
    switch (event.moment()) {
      case BEFORE_SIGN_UP:
        response.put("autoConfirmUser", false);
        response.put("autoVerifyEmail", false);
        response.put("autoVerifyPhone", false);
        break;
      case TOKEN_ISSUANCE:
        version = "2";
        request.put("scopes", List.of("openid"));
        response.put("claimsAndScopeOverrideDetails", null);
        break;
      default:
        break;
    }
    Map<String, Object> native_ = new LinkedHashMap<>();
    native_.put("version", version);
    native_.put("triggerSource", triggerSource(event.moment()));
    native_.put("region", REGION);
    native_.put("userPoolId", REGION + "_TernShape");
    native_.put("userName", event.user().username().orElse(event.user().id().orElse("user")));
    Map<String, Object> caller = new LinkedHashMap<>();
    caller.put("awsSdkVersion", "aws-sdk-unknown-unknown");
    caller.put("clientId", event.clientId().orElse("tern-client"));
    native_.put("callerContext", caller);
    native_.put("request", request);
    native_.put("response", response);
    Map<String, Object> answer;
    try {
      answer = Json.obj(invoke(native_));
    } catch (FunctionFailedException e) {
      if (!event.moment().isBlocking()) {
        throw e;
      }
      // Cognito refuses the user and shows the error message; it has no validation error, so
      // AuthDecision.invalid comes back as this denial too.
      return AuthDecision.deny(e.getMessage());
    }
    return decision(event.moment(), Json.obj(answer, "response"));
  }

  private static String triggerSource(AuthMoment moment) {
    switch (moment) {
      case BEFORE_SIGN_UP:
        return "PreSignUp_SignUp";
      case AFTER_SIGN_UP:
        return "PostConfirmation_ConfirmSignUp";
      case BEFORE_SIGN_IN:
        return "PreAuthentication_Authentication";
      case AFTER_SIGN_IN:
        return "PostAuthentication_Authentication";
      case TOKEN_ISSUANCE:
        return "TokenGeneration_Authentication";
      default:
        throw new UnsupportedEventException(
            "aws: Cognito has no trigger for the auth moment " + moment);
    }
  }

  private static AuthDecision decision(AuthMoment moment, Map<String, Object> response) {
    AuthDecision decision = AuthDecision.allow();
    if (response == null) {
      return decision;
    }
    if (moment == AuthMoment.BEFORE_SIGN_UP) {
      if (Json.isTrue(response, "autoConfirmUser")) {
        decision = decision.confirmUser();
      }
      if (Json.isTrue(response, "autoVerifyEmail")) {
        decision = decision.withEmailVerified(true);
      }
    }
    Map<String, Object> token =
        Json.obj(Json.obj(response, "claimsAndScopeOverrideDetails"), "idTokenGeneration");
    if (token != null) {
      Map<String, Object> claims = Json.obj(token, "claimsToAddOrOverride");
      if (claims != null) {
        for (Map.Entry<String, Object> c : claims.entrySet()) {
          decision = decision.withClaim(c.getKey(), claimValue(c.getValue()));
        }
      }
      List<Object> suppressed = Json.list(token, "claimsToSuppress");
      if (suppressed != null) {
        for (Object name : suppressed) {
          decision = decision.withoutClaim((String) name);
        }
      }
    }
    return decision;
  }

  private static Object claimValue(Object value) {
    if (value instanceof Json.Num) {
      BigDecimal number = new BigDecimal(((Json.Num) value).text());
      try {
        return number.longValueExact();
      } catch (ArithmeticException e) {
        return number.doubleValue();
      }
    }
    if (value instanceof List) {
      List<String> strings = new ArrayList<>();
      for (Object item : (List<?>) value) {
        strings.add(Json.scalarText(item));
      }
      return strings;
    }
    return value;
  }
}
