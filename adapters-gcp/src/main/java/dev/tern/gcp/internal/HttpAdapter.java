package dev.tern.gcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.Body;
import dev.tern.ConfigurationException;
import dev.tern.FunctionFailedException;
import dev.tern.Headers;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.Log;
import dev.tern.NoFunctionException;
import dev.tern.Query;
import dev.tern.SetCookie;
import dev.tern.TernException;
import dev.tern.Tick;
import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.HeaderNames;
import dev.tern.spi.Router;
import dev.tern.spi.TriggerKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Serves one request of the Functions Framework's {@code HttpFunction}. What arrives over HTTP is,
 * in this order, and each only when a function of that kind is declared: a Cloud Scheduler call
 * ({@code X-CloudScheduler: true}, schedule), a Pub/Sub push envelope (queue, or a schedule bound
 * to the topic), an Identity Platform blocking request ({@code {"data":{"jwt"}}}, auth); anything
 * else is an HTTP request routed by method and path.
 */
public final class HttpAdapter {
  /** Cloud Run refuses HTTP/1 requests over 32 MiB (https://cloud.google.com/run/quotas). */
  public static final int MAX_BODY = 32 * 1024 * 1024;

  private static final byte[] NO_BYTES = new byte[0];

  private final GcpRuntime runtime;

  /** Whether an HTTP function is declared (or pinned). */
  private final boolean servesHttp;

  /** Whether push envelopes and scheduler calls are taken; see {@link #handle}. */
  private final boolean eventService;

  private final boolean wantsPubSub;
  private final boolean wantsSchedule;
  private final boolean wantsAuth;

  public HttpAdapter(GcpRuntime runtime) {
    this.runtime = runtime;
    Router router = runtime.dispatcher().router();
    this.servesHttp = router.declares(TriggerKind.HTTP);
    this.eventService = !servesHttp || runtime.httpEvents();
    this.wantsPubSub =
        eventService
            && (router.declares(TriggerKind.QUEUE) || router.declares(TriggerKind.SCHEDULE));
    this.wantsSchedule = eventService && router.declares(TriggerKind.SCHEDULE);
    this.wantsAuth = router.declares(TriggerKind.AUTH);
  }

  public GcpRuntime runtime() {
    return runtime;
  }

  /** Serves a request; never throws for what the request or the function does. */
  public void service(
      com.google.cloud.functions.HttpRequest request,
      com.google.cloud.functions.HttpResponse response)
      throws IOException {
    String[] noted = new String[NOTED];
    Headers headers = headers(request.getHeaders(), noted);
    GcpRuntime.Invocation invocation =
        runtime.httpInvocation(
            noted[EXECUTION_ID], noted[TRACEPARENT], noted[CLOUD_TRACE], request, response);
    HttpResponse answer;
    try {
      answer = handle(request, headers, noted, invocation);
    } catch (RuntimeException e) {
      answer = failure(e, invocation);
    }
    write(answer, response);
  }

  private HttpResponse handle(
      com.google.cloud.functions.HttpRequest request,
      Headers headers,
      String[] noted,
      GcpRuntime.Invocation invocation)
      throws IOException {
    byte[] body = readBody(request);
    if (body == null) {
      runtime.note(
          Log.Level.WARN,
          invocation.invocationId(),
          invocation.traceId(),
          "request body over the size limit",
          Map.of("limit", MAX_BODY));
      return HttpResponse.text("Payload Too Large").withStatus(413);
    }
    String method = request.getMethod();
    Dispatcher.Contexts contexts = invocation;

    // A push envelope or a Cloud Scheduler call is only as trustworthy as the service's access
    // control, and anyone can POST one to a public API. So they are recognized only in a
    // deployment that serves no HTTP function (a queue or schedule function pinned with
    // TERN_FUNCTION, deployed with --no-allow-unauthenticated so Google checks the OIDC token),
    // or where TERN_GCP_HTTP_EVENTS says the service is private (eventService).
    // A scheduler call is told by its header alone: its body is the job's, whatever text the job
    // was given, and Pub/Sub never sends the header, so the body is not looked at.
    if (wantsSchedule && isTrue(noted[CLOUD_SCHEDULER])) {
      return schedule(headers, request, contexts);
    }
    boolean jsonPost = "POST".equalsIgnoreCase(method) && looksLikeJsonObject(body);
    JsonNode json = null;
    if (jsonPost && (wantsPubSub || wantsAuth)) {
      try {
        json = Json.parse(body, "request body");
      } catch (UndecodablePayloadException e) {
        if (!servesHttp) {
          if (wantsAuth) {
            return BlockingCall.refused(
                runtime, e, invocation.invocationId(), invocation.traceId());
          }
          throw e;
        }
      }
      if (json != null
          && wantsPubSub
          && json.isObject()
          && json.has("message")
          && json.has("subscription")) {
        PubSubMessage message =
            PubSubMessage.read(json, "Pub/Sub push envelope", null, null, null, request);
        runtime.pubsub(message, contexts);
        return HttpResponse.noContent();
      }
    }
    if (json != null && wantsAuth && json.isObject() && IdentityPlatform.isBlockingRequest(json)) {
      return BlockingCall.answer(
          runtime, json, request, contexts, invocation.invocationId(), invocation.traceId());
    }
    if (wantsAuth && !servesHttp) {
      // No HTTP function would take it, and Identity Platform, the one caller of such a
      // deployment, shows the client app only an answer in the error shape.
      return BlockingCall.refused(
          runtime,
          new UndecodablePayloadException(
              "gcp: "
                  + method
                  + " request is not an Identity Platform blocking call, a POST of"
                  + " {\"data\":{\"jwt\":...}}"),
          invocation.invocationId(),
          invocation.traceId());
    }
    Optional<String> query = request.getQuery();
    HttpRequest neutral =
        HttpRequest.builder(method, path(request.getPath()))
            .query(query.isPresent() ? Query.parse(query.get()) : Query.of())
            .headers(headers)
            .body(Body.wrap(body, noted[CONTENT_TYPE]))
            .raw(request)
            .build();
    return runtime.dispatcher().http(neutral, contexts);
  }

  /** Where {@link #headers} notes the first value of each header it looks for. */
  private static final int TRACEPARENT = 0;

  private static final int CLOUD_TRACE = 1;
  private static final int EXECUTION_ID = 2;
  private static final int CONTENT_TYPE = 3;
  private static final int CLOUD_SCHEDULER = 4;
  static final int NOTED = 5;

  /**
   * The framework's headers, {@linkplain Headers#deferred copied} as {@link Headers#of(Map)} does
   * the first time something reads them, as most functions never do. The first value of each header
   * this adapter reads is noted now, as {@link Headers#first} would find it, so that none is looked
   * up; names of another length cannot be equal ignoring case, so most names are compared with none
   * of them. A noted value is checked where it is used (the content type by {@link Body}, the trace
   * headers by their parsers, the execution id by {@link #invocationId}). The invoker makes a new
   * map on each call of {@code getHeaders()}, so it stays as it was after the request ends
   * (https://github.com/GoogleCloudPlatform/functions-framework-java, {@code HttpRequestImpl}).
   */
  static Headers headers(Map<String, List<String>> map, String[] noted) {
    if (map == null) {
      throw new NullPointerException("the framework's request has no header map");
    }
    for (Map.Entry<String, List<String>> e : map.entrySet()) {
      String name = e.getKey();
      List<String> values = e.getValue();
      if (name == null || values == null || values.isEmpty()) {
        continue; // refused, if ever read, by the copy
      }
      int length = name.length();
      if (length == 11) {
        note(noted, TRACEPARENT, name, "traceparent", values);
      } else if (length == 21) {
        note(noted, CLOUD_TRACE, name, "X-Cloud-Trace-Context", values);
        note(noted, EXECUTION_ID, name, "Function-Execution-Id", values);
      } else if (length == 12) {
        note(noted, CONTENT_TYPE, name, "Content-Type", values);
      } else if (length == 16) {
        note(noted, CLOUD_SCHEDULER, name, "X-CloudScheduler", values);
      }
    }
    return Headers.deferred(new Copy(map));
  }

  /** Copies the framework's headers; a null name, list or value is an invalid header. */
  private static final class Copy implements Supplier<Headers> {
    private final Map<String, List<String>> map;

    Copy(Map<String, List<String>> map) {
      this.map = map;
    }

    @Override
    public Headers get() {
      try {
        return Headers.of(map);
      } catch (NullPointerException e) {
        throw new InvalidValueException("request header with a null name or value", e);
      }
    }
  }

  private static void note(
      String[] noted, int slot, String name, String wanted, List<String> values) {
    if (noted[slot] == null && HeaderNames.same(name, wanted)) {
      noted[slot] = values.get(0);
    }
  }

  private static boolean isTrue(String value) {
    return value != null && value.trim().equalsIgnoreCase("true");
  }

  /**
   * A Cloud Scheduler HTTP target: {@code X-CloudScheduler-JobName} names the job (short id or
   * {@code projects/P/locations/L/jobs/J}), {@code X-CloudScheduler-ScheduleTime} is when it was
   * due. Headers per
   * https://cloud.google.com/scheduler/docs/reference/rpc/google.cloud.scheduler.v1#httptarget.
   */
  private HttpResponse schedule(Headers headers, Object request, Dispatcher.Contexts contexts) {
    Instant fired = runtime.clock().instant();
    String time = headers.first("X-CloudScheduler-ScheduleTime").orElse("");
    Instant due =
        time.isBlank() ? fired : Json.instant(time, "X-CloudScheduler-ScheduleTime header");
    String job = headers.first("X-CloudScheduler-JobName").orElse("").trim();
    Router router = runtime.dispatcher().router();
    FunctionDescriptor function =
        job.isEmpty() ? router.onlySchedule() : router.forScheduleSource(job);
    runtime
        .dispatcher()
        .schedule(function, Tick.of(function.name(), due, fired, false, request), contexts);
    return HttpResponse.noContent();
  }

  /**
   * The status for a failure outside the function: 400 for what the request got wrong, 404 when no
   * function claims it, 500 for a failed function (the retry signal) and anything else. The body is
   * never the exception's text.
   */
  private HttpResponse failure(RuntimeException e, GcpRuntime.Invocation invocation) {
    int status;
    String text;
    if (e instanceof UndecodablePayloadException
        || e instanceof InvalidValueException
        || e instanceof UnsupportedEventException) {
      status = 400;
      text = "Bad Request";
    } else if (e instanceof NoFunctionException) {
      status = 404;
      text = "Not Found";
    } else {
      status = 500;
      text = Dispatcher.INTERNAL_ERROR;
    }
    Log.Level level =
        status == 500 && !(e instanceof FunctionFailedException) ? Log.Level.ERROR : Log.Level.WARN;
    boolean ours = e instanceof TernException && !(e instanceof ConfigurationException);
    runtime.log(invocation.invocationId(), invocation.traceId(), null).log(
        level,
        "request failed",
        Map.of("status", status, "reason", ours ? e.getMessage() : e.getClass().getName()),
        ours ? null : e);
    return HttpResponse.text(text).withStatus(status);
  }

  /**
   * Reads the whole body once; null when it is over {@link #MAX_BODY}. The declared length, when
   * there is one, sizes the buffer but is not trusted: the stream decides where the body ends.
   */
  static byte[] readBody(com.google.cloud.functions.HttpRequest request) throws IOException {
    try (InputStream in = request.getInputStream()) {
      int first = in == null ? -1 : in.read();
      if (first < 0) {
        return NO_BYTES;
      }
      long declared = request.getContentLength();
      byte[] bytes = new byte[declared > 0 ? (int) Math.min(declared, 64 * 1024) : 8192];
      bytes[0] = (byte) first;
      int size = 1;
      while (size <= MAX_BODY) {
        if (size == bytes.length) {
          int next = in.read();
          if (next < 0) {
            return bytes;
          }
          bytes = Arrays.copyOf(bytes, (int) Math.min(2L * size, MAX_BODY + 1L));
          bytes[size++] = (byte) next;
          continue;
        }
        int read = in.read(bytes, size, bytes.length - size);
        if (read < 0) {
          return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
        size += read;
      }
      return null;
    }
  }

  static void write(HttpResponse answer, com.google.cloud.functions.HttpResponse response)
      throws IOException {
    response.setStatusCode(answer.status());
    // What effectiveHeaders() holds, without building it: the headers, then the body's type.
    Headers headers = answer.headers();
    if (!headers.isEmpty()) {
      headers.forEach(new HeaderWriter(response));
    }
    Optional<String> bodyType = answer.body().contentType();
    if (bodyType.isPresent() && !headers.contains("Content-Type")) {
      response.setContentType(bodyType.get());
    }
    List<SetCookie> cookies = answer.cookies();
    if (!cookies.isEmpty()) { // most answers set none: no iterator for them
      for (SetCookie cookie : cookies) {
        response.appendHeader("Set-Cookie", cookie.headerValue());
      }
    }
    if (!answer.body().isEmpty()) {
      try (OutputStream out = response.getOutputStream()) {
        out.write(answer.body().unsafeBytes());
      }
    }
  }

  /** Appends each header to the framework's response; the content type has its own setter. */
  private static final class HeaderWriter implements BiConsumer<String, List<String>> {
    private final com.google.cloud.functions.HttpResponse response;

    HeaderWriter(com.google.cloud.functions.HttpResponse response) {
      this.response = response;
    }

    @Override
    public void accept(String name, List<String> values) {
      boolean contentType = name.equalsIgnoreCase("Content-Type");
      for (String value : values) {
        if (contentType) {
          response.setContentType(value);
        } else {
          response.appendHeader(name, value);
        }
      }
    }
  }

  private static boolean looksLikeJsonObject(byte[] body) {
    int i = 0;
    if (body.length >= 3
        && (body[0] & 0xff) == 0xEF
        && (body[1] & 0xff) == 0xBB
        && (body[2] & 0xff) == 0xBF) {
      i = 3;
    }
    while (i < body.length
        && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
      i++;
    }
    return i < body.length && body[i] == '{';
  }

  private static String path(String path) {
    return path == null || path.isEmpty() ? "/" : path;
  }

  /** Whether {@code text} is visible ASCII without quotes or backslashes. */
  private static boolean isPrintable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /** The platform's execution id when it sends a sane one, else a fresh id. */
  static String invocationId(String header) {
    if (header != null && !header.isEmpty() && header.length() <= 128 && isPrintable(header)) {
      return header;
    }
    // Not UUID.randomUUID(): its SecureRandom loads the JCA providers on the first request, which
    // cost a cold start hundreds of milliseconds for an id that needs to be unique, not secret.
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }
}
