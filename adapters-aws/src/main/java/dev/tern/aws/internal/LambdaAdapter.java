package dev.tern.aws.internal;

import static dev.tern.aws.internal.Json.obj;
import static dev.tern.aws.internal.Json.str;
import static java.util.Objects.requireNonNull;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.Body;
import dev.tern.FunctionFailedException;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.Log;
import dev.tern.Message;
import dev.tern.NoFunctionException;
import dev.tern.ObjectEvent;
import dev.tern.TernException;
import dev.tern.Tick;
import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
import dev.tern.aws.internal.Detector.Kind;
import dev.tern.aws.internal.Records.Delivery;
import dev.tern.spi.DecisionParts;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.JsonLog;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import dev.tern.spi.TriggerKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One Lambda invocation, from payload bytes to response bytes: parse, detect, map, call the {@link
 * Dispatcher}, and write the native answer. It holds no state between invocations and is safe to
 * call from many threads (Lambda's multi-concurrency mode).
 */
public final class LambdaAdapter {
  /**
   * Whether the SQS event source mapping lists {@code ReportBatchItemFailures} in {@code
   * FunctionResponseTypes}; {@code false} by default, so a failure fails the whole invocation.
   */
  public static final String BATCH_ITEM_FAILURES = "TERN_AWS_BATCH_ITEM_FAILURES";

  /** The lowest level written to the log; see {@link JsonLog#threshold(Settings)}. */
  public static final String LOG_LEVEL = JsonLog.LEVEL_SETTING;

  private static final byte[] NOTHING = new byte[0];

  private final Dispatcher dispatcher;
  private final Router router;
  private final Settings settings;
  private final Consumer<String> logSink;
  private final Clock clock;
  private final boolean reportBatchItemFailures;

  public LambdaAdapter(
      Dispatcher dispatcher, Settings settings, Consumer<String> logSink, Clock clock) {
    this.dispatcher = requireNonNull(dispatcher, "dispatcher == null");
    this.router = dispatcher.router();
    this.settings = requireNonNull(settings, "settings == null");
    this.logSink = requireNonNull(logSink, "logSink == null");
    this.clock = requireNonNull(clock, "clock == null");
    this.reportBatchItemFailures = settings.flag(BATCH_ITEM_FAILURES);
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /**
   * Serves one payload.
   *
   * @return the bytes to answer with (empty for sources that read no answer)
   * @throws TernException typed: {@link UndecodablePayloadException} for payloads that cannot be
   *     read, {@link UnsupportedEventException} for shapes Tern does not map, {@link
   *     NoFunctionException} when no function claims the event, {@link FunctionFailedException}
   *     when the platform must retry
   */
  public byte[] handle(byte[] payload, com.amazonaws.services.lambda.runtime.Context lambda) {
    Dispatcher.Contexts contexts = new InvocationContexts(lambda);
    Optional<FunctionDescriptor> pinned = router.pinned();
    Object root;
    try {
      root = Json.parseEvent(payload);
    } catch (UndecodablePayloadException e) {
      if (pinned.isPresent() && pinned.get().kind() == TriggerKind.QUEUE) {
        return direct(pinned.get(), payload, null, lambda, contexts);
      }
      throw e;
    }
    if (root instanceof HttpEvent) {
      // Told apart and read while parsing; no pinned function takes an HTTP request from it.
      HttpEvent request = (HttpEvent) root;
      return http(request.kind(), request, contexts, lambda);
    }
    Kind kind = Detector.detect(root);
    Map<String, Object> event = obj(root);
    if (pinned.isPresent()) {
      TriggerKind pin = pinned.get().kind();
      // Sources without a marker: EventBridge Scheduler input is whatever the schedule's target
      // input says, a direct invoke whatever the caller sent. Recognized sources keep their kind.
      boolean unmarked = kind == Kind.UNKNOWN || kind == Kind.EVENTBRIDGE;
      if (pin == TriggerKind.SCHEDULE && unmarked) {
        return scheduler(pinned.get(), event, root, contexts);
      }
      if (pin == TriggerKind.QUEUE && (kind == Kind.UNKNOWN || kind == Kind.OTHER_RECORDS)) {
        return direct(pinned.get(), payload, root, lambda, contexts);
      }
      if (pin == TriggerKind.QUEUE && kind == Kind.EVENTBRIDGE) {
        return eventBridgeMessage(event, contexts);
      }
    }
    // Compared rather than switched on: a switch on an enum costs a cold JVM one more class.
    if (kind.isHttp()) {
      return http(kind, event, contexts, lambda);
    } else if (kind == Kind.SQS) {
      return sqs(event, contexts, lambda);
    } else if (kind == Kind.SNS) {
      return sns(event, contexts);
    } else if (kind == Kind.S3) {
      for (ObjectEvent o : Records.s3(event, "S3 notification")) {
        dispatcher.storage(o, contexts);
      }
      return NOTHING;
    } else if (kind == Kind.EVENTBRIDGE_S3) {
      dispatcher.storage(Records.eventBridgeS3(event), contexts);
      return NOTHING;
    } else if (kind == Kind.SCHEDULE) {
      return schedule(event, contexts);
    } else if (kind == Kind.COGNITO) {
      return cognito(event, contexts);
    } else if (kind == Kind.EVENTBRIDGE) {
      throw new UnsupportedEventException(
          "aws: recognized "
              + kind.description()
              + " (source \""
              + str(event, "source")
              + "\", detail-type \""
              + str(event, "detail-type")
              + "\"); Tern maps EventBridge schedules and S3 events, and any EventBridge event when "
              + Settings.PIN
              + " names a queue function");
    } else if (kind == Kind.OTHER_RECORDS) {
      throw new UnsupportedEventException(
          "aws: recognized a batch of Records from \""
              + Detector.recordSource(Json.list(event, "Records").get(0))
              + "\" (or of mixed sources); Tern maps aws:sqs, aws:sns and aws:s3 records");
    }
    // Kind.UNKNOWN
    throw new UnsupportedEventException(
        "aws: the payload is "
            + describe(root)
            + ", which matches no Lambda event source Tern maps (API Gateway, function URL, ALB, SQS,"
            + " SNS, S3, EventBridge, Cognito); set "
            + Settings.PIN
            + " to a schedule or queue function for EventBridge Scheduler or direct invokes");
  }

  private byte[] http(
      Kind kind,
      Map<String, Object> event,
      Dispatcher.Contexts contexts,
      com.amazonaws.services.lambda.runtime.Context lambda) {
    HttpRequest request;
    try {
      request = HttpMapper.request(kind, event);
    } catch (InvalidValueException e) {
      // A value HTTP forbids (a header with CR or LF, a method that is no token) is the client's
      // fault: answer 400 in the request's format rather than failing the invocation.
      requestLog(lambda).warn("request refused", Map.of("reason", e.getMessage()));
      return HttpMapper.response(kind, event, HttpResponse.text("Bad Request").withStatus(400));
    }
    HttpResponse response = dispatcher.http(request, contexts);
    if (kind == Kind.ALB
        && !event.containsKey("multiValueHeaders")
        && response.cookies().size() > 1) {
      requestLog(lambda)
          .warn(
              "the ALB target group is in single-value mode: only the first of "
                  + response.cookies().size()
                  + " cookies is sent; enable lambda.multi_value_headers.enabled",
              Map.of("status", response.status()));
    }
    return HttpMapper.response(kind, event, response);
  }

  /** A log line outside any function, tagged with the request id. */
  private Log requestLog(com.amazonaws.services.lambda.runtime.Context lambda) {
    return JsonLog.builder(logSink)
        .threshold(JsonLog.threshold(settings))
        .field("AWSRequestId", AwsContext.requestId(lambda))
        .build();
  }

  private byte[] sqs(
      Map<String, Object> event,
      Dispatcher.Contexts contexts,
      com.amazonaws.services.lambda.runtime.Context lambda) {
    List<Map<String, Object>> records = Records.records(event, "SQS");
    boolean fifo = false;
    List<Delivery> deliveries = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      Map<String, Object> record = records.get(i);
      fifo |= Records.isFifo(record);
      // Without its id a record cannot be reported on its own, so it still fails the invocation.
      String id = Records.sqsId(record, i);
      ids.add(id);
      try {
        deliveries.add(Records.sqs(record, i));
      } catch (UndecodablePayloadException | UnsupportedEventException e) {
        requestLog(lambda)
            .warn("message refused", Map.of("messageId", id, "reason", e.getMessage()));
        deliveries.add(Delivery.refused(e));
      }
    }
    List<String> failed;
    Map<String, Throwable> errors = new LinkedHashMap<>();
    boolean plain = true;
    for (Delivery d : deliveries) {
      plain &= d.message() != null;
    }
    if (plain) {
      List<Message> messages = new ArrayList<>();
      for (Delivery d : deliveries) {
        messages.add(routed(d));
      }
      Dispatcher.BatchResult result = dispatcher.queueBatch(messages, fifo, contexts);
      failed = result.failedIds();
      errors.putAll(result.errors());
    } else {
      // Wrapped S3 notifications (S3 notifies standard queues only) or refused records: each
      // record on its own; an ordered batch still stops at the first failure.
      failed = new ArrayList<>();
      for (int i = 0; i < deliveries.size(); i++) {
        if (fifo && !failed.isEmpty()) {
          failed.add(ids.get(i));
          continue;
        }
        try {
          deliver(deliveries.get(i), contexts);
        } catch (RuntimeException e) {
          failed.add(ids.get(i));
          errors.put(ids.get(i), e);
        }
      }
    }
    // A function's failure is logged by the dispatcher; a message no function claims is not, and
    // would otherwise come back until it is dead-lettered without a word of why.
    if (!errors.isEmpty()) {
      for (Map.Entry<String, Throwable> e : errors.entrySet()) {
        if (e.getValue() instanceof NoFunctionException) {
          requestLog(lambda)
              .warn(
                  "message refused",
                  Map.of("messageId", e.getKey(), "reason", e.getValue().getMessage()));
        }
      }
    }
    if (!failed.isEmpty() && !reportBatchItemFailures) {
      Throwable first = errors.values().iterator().next();
      // No partial batch response: fail the invocation so Lambda deletes nothing of this batch.
      if (failed.size() == 1
          && (first instanceof FunctionFailedException
              || first instanceof UndecodablePayloadException
              || first instanceof UnsupportedEventException)) {
        throw (TernException) first;
      }
      throw new FunctionFailedException(
          "aws: "
              + failed.size()
              + " of "
              + records.size()
              + " SQS messages failed "
              + failed
              + "; "
              + BATCH_ITEM_FAILURES
              + " is not true, so the whole batch is returned to the queue",
          first);
    }
    List<Object> items = new ArrayList<>();
    for (String id : failed) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("itemIdentifier", id);
      items.add(item);
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("batchItemFailures", items);
    return Json.toBytes(response);
  }

  /**
   * A message routed by its queue, or by the SNS topic it came through when only that is claimed.
   */
  private Message routed(Delivery d) {
    Message m = d.message();
    if (d.topicArn() != null && !claimsQueue(m.source()) && claimsQueue(d.topicArn())) {
      return Message.builder(m.id(), d.topicArn())
          .body(m.body())
          .attributes(m.attributes())
          .attempt(m.attempt().orElse(0))
          .enqueuedAt(m.enqueuedAt().orElse(null))
          .orderingKey(m.orderingKey().orElse(null))
          .raw(m.raw().orElse(null))
          .build();
    }
    return m;
  }

  private boolean claimsQueue(String source) {
    try {
      router.forQueue(source);
      return true;
    } catch (NoFunctionException e) {
      return false;
    }
  }

  private void deliver(Delivery d, Dispatcher.Contexts contexts) {
    if (d.refusal() != null) {
      throw d.refusal();
    }
    if (d.s3Test()) {
      return; // S3's test notification when a bucket's notifications are configured: acknowledged
    }
    if (d.message() != null) {
      dispatcher.queue(routed(d), contexts);
      return;
    }
    for (ObjectEvent o : d.objects()) {
      dispatcher.storage(o, contexts);
    }
  }

  private byte[] sns(Map<String, Object> event, Dispatcher.Contexts contexts) {
    List<Map<String, Object>> records = Records.records(event, "SNS");
    List<Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      deliveries.add(Records.sns(records.get(i), i));
    }
    // SNS invokes asynchronously with one record; a failure fails the invocation so Lambda retries.
    for (Delivery d : deliveries) {
      deliver(d, contexts);
    }
    return NOTHING;
  }

  private byte[] schedule(Map<String, Object> event, Dispatcher.Contexts contexts) {
    String rule = ruleArn(event);
    FunctionDescriptor function;
    try {
      function = router.forScheduleSource(rule);
    } catch (NoFunctionException e) {
      // Rule names are often generated (SAM: stack-FunctionScheduleEvent-ID); one schedule
      // function in the deployment is then unambiguous.
      function = router.onlySchedule();
    }
    Instant due =
        Records.instant(
            Records.need(event, "time", "EventBridge scheduled event"),
            "EventBridge scheduled event time");
    dispatcher.schedule(
        function, Tick.of(function.name(), due, clock.instant(), false, event), contexts);
    return NOTHING;
  }

  /**
   * The rule from {@code resources[0]}: {@code arn:aws:events:…:rule/NAME}, whose last segment the
   * router matches against each schedule's source or name.
   */
  private static String ruleArn(Map<String, Object> event) {
    List<Object> resources = Json.list(event, "resources");
    if (resources != null && !resources.isEmpty() && resources.get(0) instanceof String) {
      return (String) resources.get(0);
    }
    return "";
  }

  /**
   * EventBridge Scheduler delivers its target input verbatim; the documented input template carries
   * {@code scheduledTime} (from {@code <aws.scheduler.scheduled-time>}).
   */
  private byte[] scheduler(
      FunctionDescriptor function,
      Map<String, Object> event,
      Object root,
      Dispatcher.Contexts contexts) {
    Instant now = clock.instant();
    Instant due = event == null ? null : Records.instantOrNull(str(event, "scheduledTime"));
    dispatcher.schedule(
        function, Tick.of(function.name(), due == null ? now : due, now, false, root), contexts);
    return NOTHING;
  }

  /** A direct invoke of a pinned queue function: the payload is the message. */
  private byte[] direct(
      FunctionDescriptor function,
      byte[] payload,
      Object root,
      com.amazonaws.services.lambda.runtime.Context lambda,
      Dispatcher.Contexts contexts) {
    Message message =
        Message.builder(AwsContext.requestId(lambda), router.source(function))
            .body(Body.of(payload, root == null ? null : "application/json"))
            .enqueuedAt(clock.instant())
            .raw(root)
            .build();
    dispatcher.queue(message, contexts);
    return NOTHING;
  }

  /** Any EventBridge event, for a pinned queue function: the detail is the message. */
  private byte[] eventBridgeMessage(Map<String, Object> event, Dispatcher.Contexts contexts) {
    String where = "EventBridge event";
    String id = Records.need(event, "id", where);
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("source", str(event, "source"));
    attributes.put("detail-type", str(event, "detail-type"));
    Message message =
        Message.builder(id, str(event, "source"))
            .body(Body.wrap(Json.toBytes(event.get("detail")), "application/json"))
            .attributes(attributes)
            .enqueuedAt(Records.timestamp(event, "time", where + " (" + id + ") time"))
            .raw(event)
            .build();
    dispatcher.queue(message, contexts);
    return NOTHING;
  }

  private byte[] cognito(Map<String, Object> event, Dispatcher.Contexts contexts) {
    if (Cognito.callsNoFunction(event)) {
      // PostConfirmation also follows a confirmed password reset, where no account was created,
      // and PreAuthentication may be about a username that matches no user: no function runs,
      // and Cognito gets its event back.
      return Json.toBytes(event);
    }
    AuthEvent auth = Cognito.event(event);
    AuthDecision decision = dispatcher.auth(auth, contexts);
    String callout = "Cognito " + auth.metadata().get("triggerSource");
    if (!decision.isAllowed()) {
      // Cognito refuses when the function fails and shows the error message to the user; it has
      // no validation error of its own, so invalid(...) is that refusal and its field errors are
      // lost.
      DecisionParts.warnUnapplied(
          contexts.create(router.forAuth(auth.moment())),
          callout,
          decision,
          Cognito.carries(auth.moment()));
      throw new FunctionFailedException(decision.message().orElse(Dispatcher.AUTH_FAILED));
    }
    byte[] answer = Json.toBytes(Cognito.respond(event, decision));
    DecisionParts.warnUnapplied(
        contexts.create(router.forAuth(auth.moment())),
        callout,
        decision,
        Cognito.carries(auth.moment()));
    return answer;
  }

  /**
   * The contexts of one invocation: a class rather than a lambda, so no class is generated at cold
   * start.
   */
  private final class InvocationContexts implements Dispatcher.Contexts {
    private final com.amazonaws.services.lambda.runtime.Context lambda;

    InvocationContexts(com.amazonaws.services.lambda.runtime.Context lambda) {
      this.lambda = lambda;
    }

    @Override
    public dev.tern.Context create(FunctionDescriptor function) {
      return new AwsContext(function, lambda, settings, logSink, clock);
    }
  }

  /** What a payload looks like, for messages: its first keys, never its values. */
  static String describe(Object value) {
    if (value instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) value;
      if (m.isEmpty()) {
        return "an empty JSON object";
      }
      List<String> keys = new ArrayList<>();
      for (Object k : m.keySet()) {
        if (keys.size() == 8) {
          keys.add("...");
          break;
        }
        keys.add(String.valueOf(k));
      }
      return "a JSON object with keys " + keys;
    }
    if (value instanceof List) {
      return "a JSON array";
    }
    if (value instanceof String) {
      return "a JSON string";
    }
    if (value == null) {
      return "JSON null";
    }
    return value instanceof Boolean ? "a JSON boolean" : "a JSON number";
  }
}
