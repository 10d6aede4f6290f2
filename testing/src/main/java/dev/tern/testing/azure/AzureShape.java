package dev.tern.testing.azure;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.annotation.BlobTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger;
import com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger;
import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.Cloud;
import dev.tern.FunctionFailedException;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.Message;
import dev.tern.NoFunctionException;
import dev.tern.ObjectEvent;
import dev.tern.SetCookie;
import dev.tern.TernException;
import dev.tern.Tick;
import dev.tern.UndecodablePayloadException;
import dev.tern.UnsupportedEventException;
import dev.tern.azure.AzureAdapter;
import dev.tern.azure.internal.EntryProcessor;
import dev.tern.jackson.TernJson;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import dev.tern.spi.TriggerKind;
import dev.tern.testing.CloudShape;
import dev.tern.testing.ObjectChange;
import dev.tern.testing.internal.CookieHeader;
import dev.tern.testing.internal.ShapeLog;
import dev.tern.testing.internal.ShapeSettings;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs neutral events through tern-azure's {@link AzureAdapter} in the form the Azure Functions
 * Java worker binds them, calling the same adapter methods the generated entry classes call:
 *
 * <ul>
 *   <li>HTTP: an {@code HttpRequestMessage} whose headers are lower-cased and comma-joined and
 *       whose body is bytes for {@code application/octet-stream} and {@code multipart/*}, text
 *       otherwise (as the host sends it); the answer is decoded from the worker's response builder.
 *   <li>Queue: each message alone (single dispatch), from the source the function's generated entry
 *       binds ({@code -Atern.azure.bindings}: Queue Storage by default, or Service Bus, with or
 *       without sessions), read from the entry's trigger annotation. A message that source could
 *       not carry is refused as the harness enqueues it (see {@link #requireDeliverable}):
 *       attributes or an ordering key for Queue Storage, a message without an ordering key for a
 *       session-enabled queue, and an ordered delivery policy for a source without sessions, each
 *       naming the binding that would. Where the class path holds no entry (tern-azure's processor
 *       did not run), a message with attributes or an ordering key travels as a Service Bus
 *       message, others as a Queue Storage message. Once a message of a session fails, the later
 *       ones of that session are reported failed without being delivered, as Service Bus sessions
 *       keep order.
 *   <li>Storage: an Event Grid {@code BlobCreated}/{@code BlobDeleted} event with a {@code
 *       sequencer}, which has no place for the object's user metadata or its version; {@code
 *       BlobDeleted} has the deleted blob's content type but no {@code eTag} and no {@code
 *       contentLength}, so the function sees neither on a deletion (<a
 *       href="https://learn.microsoft.com/azure/event-grid/event-schema-blob-storage">schema</a>).
 *       A function whose generated entry binds the blob trigger gets a blob trigger invocation
 *       instead, which carries the metadata, and the version in a versioned bucket; {@link
 *       #withBlobTrigger()} does so for every function, and {@link #withBlobTriggerFor(String...)}
 *       for the named ones, where the class path holds no entries.
 *   <li>Schedule: the timer trigger's {@code TimerInfo} JSON, ticking at {@link Tick#firedAt()}.
 *   <li>Auth: before sign-up as an Azure AD B2C API connector call ({@code
 *       PostAttributeCollection}), token issuance as an Entra {@code tokenIssuanceStart} call.
 *       B2C's {@code ValidationError} is decoded as {@code AuthDecision.invalid} with its message
 *       only, as the answer has no place for field errors.
 * </ul>
 *
 * <p>A request no function's route and methods take gets the host's own 404, with no body, as the
 * real host answers it: Tern's 405 cannot happen on Azure.
 *
 * @since 0.1
 */
public final class AzureShape implements CloudShape {
  private static final String EXTENSIONS_APP = "b2c00000000000000000000000000001";

  /**
   * The user properties a {@code tokenIssuanceStart} call carries (<a
   * href="https://learn.microsoft.com/entra/identity-platform/custom-claims-provider-reference">request</a>).
   */
  private static final Set<String> ENTRA_USER_PROPERTIES =
      Set.of(
          "companyName",
          "createdDateTime",
          "displayName",
          "givenName",
          "id",
          "mail",
          "onPremisesSamAccountName",
          "onPremisesSecurityIdentifier",
          "onPremisesUserPrincipalName",
          "preferredDataLocation",
          "preferredLanguage",
          "surname",
          "userPrincipalName",
          "userType");

  private final Dispatcher dispatcher;
  private final Settings settings;
  private final Clock clock;
  private final ShapeLog log;
  private final Logger logger;
  private final boolean blobTrigger;
  private final Set<String> blobTriggerFunctions;
  private final AtomicLong invocations;

  /** The trigger annotation of each function's generated entry; empty without an entry. */
  private final Map<String, Optional<Annotation>> entryTriggers;

  /**
   * A shape over {@code dispatcher} with no settings but its own, on the system clock; log lines
   * are dropped. Identity callouts are authenticated by the function key.
   */
  public AzureShape(Dispatcher dispatcher) {
    this(dispatcher, Map.of(), Clock.systemUTC(), line -> {});
  }

  /**
   * A shape over {@code dispatcher} whose adapter reads {@code settings} (as app settings) and
   * {@code clock}, and whose worker logger writes each line, in the harness's form, to {@code
   * logs}. Identity callouts are authenticated as {@value AzureAdapter#AUTH_VERIFY} asks: by the
   * function key unless {@code settings} say otherwise, or with {@code basic} by the credentials
   * {@value AzureAdapter#AUTH_USER} and {@value AzureAdapter#AUTH_PASSWORD} name, as the API
   * connector sends them.
   */
  public AzureShape(
      Dispatcher dispatcher, Map<String, String> settings, Clock clock, Consumer<String> logs) {
    this.dispatcher = requireNonNull(dispatcher, "dispatcher == null");
    this.settings =
        ShapeSettings.layered(
            Map.of(AzureAdapter.AUTH_VERIFY, "key"), requireNonNull(settings, "settings == null"));
    this.clock = requireNonNull(clock, "clock == null");
    this.log = new ShapeLog(ShapeLog.Form.AZURE, clock, requireNonNull(logs, "logs == null"));
    this.logger = Logger.getAnonymousLogger();
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.ALL);
    logger.addHandler(log.handler());
    this.blobTrigger = false;
    this.blobTriggerFunctions = Set.of();
    this.invocations = new AtomicLong();
    this.entryTriggers = new ConcurrentHashMap<>();
  }

  private AzureShape(AzureShape base, boolean blobTrigger, Set<String> blobTriggerFunctions) {
    this.dispatcher = base.dispatcher;
    this.settings = base.settings;
    this.clock = base.clock;
    this.log = base.log;
    this.logger = base.logger;
    this.blobTrigger = blobTrigger;
    this.blobTriggerFunctions = blobTriggerFunctions;
    this.invocations = base.invocations;
    this.entryTriggers = base.entryTriggers;
  }

  /**
   * A shape that delivers storage events as the blob trigger binds them, for functions generated
   * with the {@code blob} binding ({@code -Atern.azure.storage=blob}): {@code BlobTrigger}, the
   * blob's {@code Properties} and its {@code Metadata}, each as the JSON text the worker hands
   * over. The blob trigger fires only for created or overwritten blobs and has no event id, so the
   * function sees the id {@code <container>/<name>@<etag>}; the object's user metadata arrives as
   * given.
   */
  public AzureShape withBlobTrigger() {
    return new AzureShape(this, true, Set.of());
  }

  /**
   * A shape that delivers the storage events of the named functions as the blob trigger binds them
   * (see {@link #withBlobTrigger()}), and those of the other storage functions as Event Grid
   * events, as for functions generated with {@code -Atern.azure.bindings=<name>=blob}: {@code
   * withBlobTriggerFor("Thumbnails")}. The names are function names, as the router reports them.
   */
  public AzureShape withBlobTriggerFor(String... functions) {
    Set<String> names = new HashSet<>();
    for (String name : requireNonNull(functions, "functions == null")) {
      names.add(requireNonNull(name, "function == null"));
    }
    return new AzureShape(this, false, Set.copyOf(names));
  }

  @Override
  public Cloud cloud() {
    return Cloud.AZURE;
  }

  private AzureAdapter adapter() {
    return AzureAdapter.create(dispatcher, settings, clock);
  }

  /** The worker's context of the next invocation, whose id is {@code inv-1}, {@code inv-2}, … */
  private WorkerContext context(String function) {
    long n = invocations.incrementAndGet();
    return new WorkerContext(
        "inv-" + n, function, String.format("00-%032x-%016x-01", n, n), logger);
  }

  private Router router() {
    return dispatcher.router();
  }

  @Override
  public HttpResponse http(HttpRequest request) {
    requireNonNull(request, "request == null");
    Router.HttpRoute route = router().routeHttp(request.method(), request.path());
    if (route.outcome() != Router.Outcome.MATCHED) {
      // Each entry declares its route and methods, and the host routes by them: a request none
      // takes gets the host's own 404, with no body, and reaches no function.
      if (router().functions().stream().noneMatch(d -> d.kind() == TriggerKind.HTTP)) {
        throw new UnsupportedEventException("azure: no HTTP function is declared");
      }
      return HttpResponse.status(404);
    }
    String function = route.function().name();
    Map<String, String> headers = new LinkedHashMap<>();
    request
        .headers()
        .asMap()
        .forEach(
            (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
    // Cookies given apart from the headers reach the worker as the browser sends them.
    if (!request.cookies().isEmpty() && !headers.containsKey("cookie")) {
      headers.put("cookie", CookieHeader.of(request.cookies()));
    }
    String contentType =
        request.header("Content-Type").or(() -> request.body().contentType()).orElse(null);
    if (contentType != null) {
      headers.putIfAbsent("content-type", contentType);
    }
    URI uri = uri(request);
    Object body;
    if (request.body().isEmpty()) {
      body = Optional.empty();
    } else if (contentType != null
        && (contentType.toLowerCase(Locale.ROOT).startsWith("application/octet-stream")
            || contentType.toLowerCase(Locale.ROOT).startsWith("multipart/"))) {
      body = Optional.of(request.body().bytes());
    } else {
      body = Optional.of(request.body().text());
    }
    WorkerResponse response =
        (WorkerResponse)
            adapter()
                .http(
                    new WorkerRequest<>(request.method(), uri, headers, body),
                    context(function),
                    function);
    return decode(response);
  }

  /**
   * The URL the host reports: the route prefix, the path and the raw (or re-encoded) query. A
   * character a URL cannot hold raw, such as a space, is percent-encoded, as the client sent it:
   * {@code /files/q1 2024.csv} is {@code /files/q1%202024.csv}.
   */
  private static URI uri(HttpRequest request) {
    String base = "https://tern-app.azurewebsites.net/api" + encodeRawPath(request.path());
    String raw = request.query().raw();
    try {
      return URI.create(raw.isEmpty() ? base : base + "?" + raw);
    } catch (IllegalArgumentException e) {
      // a query given unencoded (spaces, '|'): send it as a client would have encoded it
      return URI.create(base + "?" + dev.tern.Query.of(request.query().asMap()).raw());
    }
  }

  /**
   * Percent-encodes, in UTF-8, what a path may not hold raw (<a
   * href="https://www.rfc-editor.org/rfc/rfc3986#section-3.3">RFC 3986 section 3.3</a>: {@code
   * pchar} and {@code /}); an escape already there ({@code %2F}) is kept as it is.
   */
  static String encodeRawPath(String path) {
    StringBuilder out = new StringBuilder();
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int c = bytes[i] & 0xff;
      boolean escape =
          c == '%'
              && i + 2 < bytes.length
              && HEX.indexOf(Character.toUpperCase((char) bytes[i + 1])) >= 0
              && HEX.indexOf(Character.toUpperCase((char) bytes[i + 2])) >= 0;
      if (escape
          || c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append(String.format("%%%02X", c));
      }
    }
    return out.toString();
  }

  private static final String HEX = "0123456789ABCDEF";

  /**
   * The worker's response as a local one holds it: the {@code Content-Type} header is the body's
   * type, not a header of its own.
   */
  static HttpResponse decode(WorkerResponse native_) {
    HttpResponse response = HttpResponse.status(native_.getStatusCode());
    String contentType = null;
    for (Map.Entry<String, String> header : native_.headers().entrySet()) {
      if (header.getKey().equalsIgnoreCase("Set-Cookie")) {
        response = response.withCookie(parseCookie(header.getValue()));
      } else if (header.getKey().equalsIgnoreCase("Content-Type")) {
        contentType = header.getValue();
      } else {
        response = response.withHeader(header.getKey(), header.getValue());
      }
    }
    Object body = native_.getBody();
    if (body instanceof byte[]) {
      response = response.withBody(dev.tern.Body.of((byte[]) body, contentType));
    } else if (body instanceof String) {
      response = response.withBody(dev.tern.Body.ofText((String) body, contentType));
    } else if (contentType != null) {
      response = response.withBody(dev.tern.Body.of(new byte[0], contentType));
    }
    return response;
  }

  static SetCookie parseCookie(String header) {
    String[] parts = header.split(";");
    int eq = parts[0].indexOf('=');
    SetCookie cookie =
        SetCookie.of(parts[0].substring(0, eq).trim(), parts[0].substring(eq + 1).trim());
    for (int i = 1; i < parts.length; i++) {
      String attribute = parts[i].trim();
      String lower = attribute.toLowerCase(Locale.ROOT);
      String value = attribute.contains("=") ? attribute.substring(attribute.indexOf('=') + 1) : "";
      if (lower.startsWith("path=")) {
        cookie = cookie.withPath(value);
      } else if (lower.startsWith("domain=")) {
        cookie = cookie.withDomain(value);
      } else if (lower.startsWith("max-age=")) {
        cookie = cookie.withMaxAge(Duration.ofSeconds(Long.parseLong(value)));
      } else if (lower.equals("secure")) {
        cookie = cookie.secure();
      } else if (lower.equals("httponly")) {
        cookie = cookie.httpOnly();
      } else if (lower.startsWith("samesite=")) {
        cookie = cookie.withSameSite(SetCookie.SameSite.valueOf(value.toUpperCase(Locale.ROOT)));
      }
    }
    return cookie;
  }

  @Override
  public List<String> queue(List<Message> batch) {
    return queueBatch(batch).failedIds();
  }

  /** Delivers each message on its own; a failed one carries what the adapter threw. */
  @Override
  public Dispatcher.BatchResult queueBatch(List<Message> batch) {
    requireNonNull(batch, "batch == null");
    for (Message m : batch) {
      requireDeliverable(m, false);
    }
    List<String> failed = new ArrayList<>();
    Map<String, Throwable> errors = new LinkedHashMap<>();
    Set<String> failedSessions = new HashSet<>();
    for (Message message : batch) {
      Optional<String> session = message.orderingKey();
      if (session.isPresent() && failedSessions.contains(session.get())) {
        failed.add(message.id());
        errors.put(
            message.id(),
            new FunctionFailedException(
                "not processed: an earlier message of session " + session.get() + " failed"));
        continue;
      }
      try {
        deliver(message);
      } catch (TernException e) {
        failed.add(message.id());
        errors.put(message.id(), e);
        session.ifPresent(failedSessions::add);
      }
    }
    return new Dispatcher.BatchResult(failed, errors);
  }

  /**
   * Delivers {@code batch} as {@link #queueBatch(List)} does, or, when {@code ordered}, as from a
   * session-enabled Service Bus queue: message by message, holding back the rest after a failure.
   *
   * @throws InvalidValueException if {@code ordered} and a message has no ordering key: it would
   *     travel without a {@code SessionId}, which a session-enabled queue refuses (<a
   *     href="https://learn.microsoft.com/azure/service-bus-messaging/message-sessions">message
   *     sessions</a>), or as a Queue Storage message, which has no sessions; nothing is delivered
   *     then
   */
  @Override
  public Dispatcher.BatchResult queueBatch(List<Message> batch, boolean ordered) {
    requireNonNull(batch, "batch == null");
    for (Message m : batch) {
      requireDeliverable(m, ordered);
    }
    return CloudShape.super.queueBatch(batch, ordered);
  }

  /** A queue function's source, as the {@code @…Trigger} of its generated entry names it. */
  private enum QueueSource {
    QUEUE_STORAGE("Queue Storage"),
    SERVICE_BUS("Service Bus without sessions"),
    SERVICE_BUS_SESSIONS("Service Bus with sessions");

    final String text;

    QueueSource(String text) {
      this.text = text;
    }
  }

  /**
   * Refuses {@code message} when the queue its function is bound to could not carry it, so that
   * nothing of the batch is delivered: a message without an ordering key for a session-enabled
   * Service Bus queue, which requires a {@code SessionId} (<a
   * href="https://learn.microsoft.com/azure/service-bus-messaging/message-sessions">message
   * sessions</a>); attributes or an ordering key for Queue Storage, which has neither; and an
   * ordered delivery for a source that keeps no order.
   */
  @Override
  public void requireDeliverable(Message message, boolean ordered) {
    requireNonNull(message, "message == null");
    FunctionDescriptor function = router().forQueue(message.source());
    Optional<QueueSource> bound = queueSource(function);
    boolean sessions = bound.map(b -> b == QueueSource.SERVICE_BUS_SESSIONS).orElse(ordered);
    if (sessions && message.orderingKey().isEmpty()) {
      throw new InvalidValueException(
          "azure: message "
              + message.id()
              + " of session-enabled queue "
              + message.source()
              + " has no ordering key, so it would have no SessionId, which a session-enabled"
              + " Service Bus queue requires");
    }
    if (bound.isEmpty()) {
      return;
    }
    String bindings = "-Atern.azure.bindings=" + function.name() + "=";
    String boundBy = "; its entry " + entryName(function) + " binds " + bound.get().text;
    if (bound.get() == QueueSource.QUEUE_STORAGE
        && (!message.attributes().isEmpty() || message.orderingKey().isPresent())) {
      boolean keyed = message.orderingKey().isPresent();
      throw new InvalidValueException(
          "azure: message "
              + message.id()
              + " has "
              + (keyed ? "an ordering key" : "attributes")
              + ", which a Queue Storage message cannot carry, so function "
              + function.name()
              + " would never see "
              + (keyed ? "it" : "them")
              + boundBy
              + "; build it with "
              + bindings
              + (keyed ? "servicebus-queue+sessions" : "servicebus-queue")
              + " to take Service Bus messages");
    }
    if (ordered && bound.get() != QueueSource.SERVICE_BUS_SESSIONS) {
      throw new InvalidValueException(
          "azure: the delivery policy keeps each ordering key's messages in order, which "
              + bound.get().text
              + " does not for function "
              + function.name()
              + boundBy
              + "; build it with "
              + bindings
              + "servicebus-queue+sessions for ordered delivery");
    }
  }

  /**
   * The source the entry class tern-azure generated for {@code function} binds, read from its
   * trigger annotation; empty when the class path holds no entry (tern-azure's processor did not
   * run), and each message then travels as it can best be carried.
   */
  private Optional<QueueSource> queueSource(FunctionDescriptor function) {
    Optional<Annotation> trigger = entryTrigger(function);
    if (trigger.isEmpty()) {
      return Optional.empty();
    }
    Annotation a = trigger.get();
    boolean sessions;
    if (a instanceof ServiceBusQueueTrigger) {
      sessions = ((ServiceBusQueueTrigger) a).isSessionsEnabled();
    } else if (a instanceof ServiceBusTopicTrigger) {
      sessions = ((ServiceBusTopicTrigger) a).isSessionsEnabled();
    } else {
      return a instanceof QueueTrigger ? Optional.of(QueueSource.QUEUE_STORAGE) : Optional.empty();
    }
    return Optional.of(sessions ? QueueSource.SERVICE_BUS_SESSIONS : QueueSource.SERVICE_BUS);
  }

  /**
   * The trigger annotation of the entry class tern-azure generated for {@code function}, or empty
   * when the class path holds no entry (tern-azure's processor did not run).
   */
  private Optional<Annotation> entryTrigger(FunctionDescriptor function) {
    return entryTriggers.computeIfAbsent(
        function.name(),
        name -> {
          ClassLoader loader = dispatcher.instance(function).getClass().getClassLoader();
          Class<?> entry;
          try {
            entry = Class.forName(entryName(function), false, loader);
          } catch (ClassNotFoundException e) {
            return Optional.empty();
          }
          for (Method method : entry.getDeclaredMethods()) {
            for (Annotation[] annotations : method.getParameterAnnotations()) {
              for (Annotation a : annotations) {
                if (a.annotationType().getSimpleName().endsWith("Trigger")) {
                  return Optional.of(a);
                }
              }
            }
          }
          return Optional.empty();
        });
  }

  /**
   * The entry tern-azure generates for {@code function}: {@code <Class>AzureEntry} beside it,
   * nesting flattened with {@code _}.
   */
  private static String entryName(FunctionDescriptor function) {
    String className = function.className();
    int dot = className.lastIndexOf('.');
    return className.substring(0, dot + 1)
        + className.substring(dot + 1).replace('$', '_')
        + EntryProcessor.SUFFIX;
  }

  private void deliver(Message message) {
    FunctionDescriptor descriptor = router().forQueue(message.source());
    String function = descriptor.name();
    Instant enqueued = message.enqueuedAt().orElse(clock.instant());
    String attempt = Integer.toString(message.attempt().orElse(1));
    String time = "\"" + enqueued.atOffset(ZoneOffset.UTC) + "\"";
    Optional<QueueSource> bound = queueSource(descriptor);
    if (bound.isPresent()
        ? bound.get() == QueueSource.QUEUE_STORAGE
        : message.attributes().isEmpty() && message.orderingKey().isEmpty()) {
      adapter()
          .storageQueue(
              message.body().bytes(), message.id(), attempt, time, context(function), function);
    } else {
      ObjectNode properties = TernJson.mapper().createObjectNode();
      message.attributes().forEach(properties::put);
      adapter()
          .serviceBus(
              message.body().bytes(),
              message.id(),
              attempt,
              time,
              properties.toString(),
              message.orderingKey().orElse(null),
              context(function),
              function);
    }
  }

  @Override
  public void storage(ObjectEvent event) {
    requireNonNull(event, "event == null");
    storage(event, ObjectChange.of(event));
  }

  /**
   * Delivers {@code event} as an Event Grid event with {@code data.sequencer}, the change's
   * sequence in 32 upper-case hex digits, or through the blob trigger, whose {@code Properties}
   * carry {@code VersionId} only when the bucket is versioned. Event Grid's blob events have no
   * version field, versioned or not.
   */
  @Override
  public void storage(ObjectEvent event, ObjectChange change) {
    requireNonNull(event, "event == null");
    requireNonNull(change, "change == null");
    if (throughBlobTrigger(event)) {
      blob(event, change);
      return;
    }
    String type;
    if (event.kind() == ObjectEvent.Kind.CREATED) {
      type = "Microsoft.Storage.BlobCreated";
    } else if (event.kind() == ObjectEvent.Kind.DELETED) {
      type = "Microsoft.Storage.BlobDeleted";
    } else {
      throw new UnsupportedEventException(
          "azure: Blob Storage has no "
              + event.kind()
              + " event; Event Grid "
              + "delivers BlobCreated and BlobDeleted");
    }
    String function = router().forStorage(event.bucket(), event.kind()).name();
    ObjectNode root = TernJson.mapper().createObjectNode();
    root.put(
        "topic",
        "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/tern/providers/"
            + "Microsoft.Storage/storageAccounts/ternapp");
    root.put(
        "subject", "/blobServices/default/containers/" + event.bucket() + "/blobs/" + event.key());
    root.put("eventType", type);
    root.put("eventTime", event.time().toString());
    root.put("id", event.id());
    ObjectNode data = root.putObject("data");
    boolean created = event.kind() == ObjectEvent.Kind.CREATED;
    data.put("api", created ? "PutBlob" : "DeleteBlob");
    // BlobDeleted has the deleted blob's content type, but no eTag and no contentLength.
    if (created) {
      event.etag().ifPresent(etag -> data.put("eTag", "\"" + etag + "\""));
    }
    event.contentType().ifPresent(type2 -> data.put("contentType", type2));
    if (created) {
      event.size().ifPresent(size -> data.put("contentLength", size));
    }
    data.put("blobType", "BlockBlob");
    data.put(
        "url",
        "https://ternapp.blob.core.windows.net/" + event.bucket() + "/" + encodePath(event.key()));
    // "An opaque string value representing the logical sequence of events for any particular blob
    // name. Users can use standard string comparison to understand the relative sequence of two
    // events on the same blob name": fixed in number of digits, as Azure's
    // "00000000000004420000000000028963", so that later compares greater.
    // https://learn.microsoft.com/azure/event-grid/event-schema-blob-storage
    data.put("sequencer", String.format(Locale.ROOT, "%032X", change.sequence()));
    root.put("dataVersion", "");
    root.put("metadataVersion", "1");
    adapter().eventGrid(root.toString(), context(function), function);
  }

  /** Whether the function {@code event} goes to takes the blob trigger. */
  private boolean throughBlobTrigger(ObjectEvent event) {
    if (blobTrigger) {
      return true;
    }
    try {
      return takesBlobTrigger(router().forStorage(event.bucket(), event.kind()).name());
    } catch (NoFunctionException e) {
      // No function takes it: the Event Grid path refuses it as the adapter does.
      return false;
    }
  }

  /**
   * Whether this shape delivers the events of the storage function named {@code function} as the
   * blob trigger binds them rather than as Event Grid events: with {@link #withBlobTrigger()}, for
   * the functions {@link #withBlobTriggerFor(String...)} names, and for a function whose generated
   * entry binds the blob trigger ({@code -Atern.azure.bindings=<name>=blob}). The harness retries
   * the events of such a function as the blob trigger does, and those of the others as Event Grid
   * does (see {@link dev.tern.testing.StoragePolicy}).
   *
   * @throws NoFunctionException if no function has that name
   */
  public boolean takesBlobTrigger(String function) {
    requireNonNull(function, "function == null");
    if (blobTrigger || blobTriggerFunctions.contains(function)) {
      return true;
    }
    FunctionDescriptor found =
        router().functions().stream()
            .filter(d -> d.name().equals(function))
            .findFirst()
            .orElseThrow(() -> new NoFunctionException("azure: no function " + function));
    return entryTrigger(found).filter(a -> a instanceof BlobTrigger).isPresent();
  }

  private void blob(ObjectEvent event, ObjectChange change) {
    if (event.kind() != ObjectEvent.Kind.CREATED) {
      throw new UnsupportedEventException(
          "azure: the blob trigger fires only for created or overwritten blobs, "
              + "not "
              + event.kind());
    }
    String function = router().forStorage(event.bucket(), event.kind()).name();
    ObjectNode properties = TernJson.mapper().createObjectNode();
    properties.put("LastModified", event.time().atOffset(ZoneOffset.UTC).toString());
    event.size().ifPresent(size -> properties.put("ContentLength", size));
    event.contentType().ifPresent(type -> properties.put("ContentType", type));
    event.etag().ifPresent(etag -> properties.put("ETag", "\"" + etag + "\""));
    // A blob has a version id only when blob versioning is on for its account, and the blob
    // trigger's Properties then carry it (VersionId is null in a capture without versioning):
    // https://learn.microsoft.com/azure/storage/blobs/versioning-overview
    if (change.versioned()) {
      event.version().ifPresent(version -> properties.put("VersionId", version));
    }
    ObjectNode metadata = TernJson.mapper().createObjectNode();
    event.metadata().forEach(metadata::put);
    adapter()
        .blob(
            event.bucket() + "/" + event.key(),
            properties.toString(),
            metadata.toString(),
            context(function),
            function);
  }

  private static String encodePath(String key) {
    StringBuilder out = new StringBuilder();
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || "-._~/".indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append(String.format("%%%02X", c));
      }
    }
    return out.toString();
  }

  @Override
  public void schedule(Tick tick) {
    requireNonNull(tick, "tick == null");
    String function = router().forSchedule(tick.name()).name();
    ObjectNode root = TernJson.mapper().createObjectNode();
    root.putObject("Schedule").put("AdjustForDST", true);
    ObjectNode status = root.putObject("ScheduleStatus");
    status.put("Last", tick.dueAt().minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC).toString());
    status.put("Next", tick.dueAt().atOffset(ZoneOffset.UTC).toString());
    status.put(
        "LastUpdated", tick.dueAt().minus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC).toString());
    root.put("IsPastDue", tick.isLate());
    AzureAdapter.create(dispatcher, settings, Clock.fixed(tick.firedAt(), ZoneOffset.UTC))
        .timer(root.toString(), context(function), function);
  }

  @Override
  public AuthDecision auth(AuthEvent event) {
    requireNonNull(event, "event == null");
    String function = router().forAuth(event.moment()).name();
    ObjectNode body;
    if (event.moment() == AuthMoment.BEFORE_SIGN_UP) {
      body = b2c(event);
    } else if (event.moment() == AuthMoment.TOKEN_ISSUANCE) {
      body = entraToken(event);
    } else {
      throw new UnsupportedEventException(
          "azure: neither B2C nor Entra calls out at " + event.moment());
    }
    URI uri =
        URI.create(
            "https://tern-app.azurewebsites.net/api/auth/" + function + "?code=function-key");
    WorkerResponse response =
        (WorkerResponse)
            adapter()
                .auth(
                    new WorkerRequest<>(
                        "POST", uri, calloutHeaders(), Optional.of(body.toString())),
                    context(function),
                    function);
    return decision(event.moment(), response);
  }

  /**
   * The callout's headers: with {@code basic}, the credentials the API connector is configured
   * with, as it sends them; the function key, the default, travels in the URL.
   */
  private Map<String, String> calloutHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    if (settings.get(AzureAdapter.AUTH_VERIFY).orElse("").trim().equalsIgnoreCase("basic")) {
      String credentials =
          settings.get(AzureAdapter.AUTH_USER).orElse("")
              + ":"
              + settings.get(AzureAdapter.AUTH_PASSWORD).orElse("");
      headers.put(
          "authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return headers;
  }

  private static ObjectNode b2c(AuthEvent event) {
    ObjectNode body = TernJson.mapper().createObjectNode();
    // No objectId: the user does not exist yet when the attributes are collected.
    event.user().email().ifPresent(email -> body.put("email", email));
    event
        .user()
        .attributes()
        .forEach((name, value) -> body.put("extension_" + EXTENSIONS_APP + "_" + name, value));
    event
        .user()
        .username()
        .ifPresent(name -> body.put("extension_" + EXTENSIONS_APP + "_username", name));
    body.put("step", "PostAttributeCollection");
    event.clientId().ifPresent(client -> body.put("client_id", client));
    body.put("ui_locales", "en-US");
    return body;
  }

  private static ObjectNode entraToken(AuthEvent event) {
    ObjectNode body = TernJson.mapper().createObjectNode();
    body.put("type", "microsoft.graph.authenticationEvent.tokenIssuanceStart");
    body.put("source", "/tenants/00000000-0000-0000-0000-000000000001/applications/tern");
    ObjectNode data = body.putObject("data");
    data.put("@odata.type", "microsoft.graph.onTokenIssuanceStartCalloutData");
    data.put("tenantId", "00000000-0000-0000-0000-000000000001");
    ObjectNode context = data.putObject("authenticationContext");
    context.put("correlationId", event.id().orElse("00000000-0000-0000-0000-000000000002"));
    ObjectNode client = context.putObject("client");
    event.ipAddress().ifPresent(ip -> client.put("ip", ip));
    client.put("locale", "en-us");
    context.put("protocol", "OAUTH2.0");
    event.clientId().ifPresent(id -> context.putObject("clientServicePrincipal").put("appId", id));
    ObjectNode user = context.putObject("user");
    event.user().id().ifPresent(id -> user.put("id", id));
    event.user().email().ifPresent(mail -> user.put("mail", mail));
    event.user().username().ifPresent(upn -> user.put("userPrincipalName", upn));
    // The call carries the user's directory properties only: a custom attribute never arrives.
    event
        .user()
        .attributes()
        .forEach(
            (name, value) -> {
              if (ENTRA_USER_PROPERTIES.contains(name)) {
                user.put(name, value);
              }
            });
    return body;
  }

  private static AuthDecision decision(AuthMoment moment, WorkerResponse response) {
    if (response.getStatusCode() == 403 && moment == AuthMoment.TOKEN_ISSUANCE) {
      return AuthDecision.deny("token issuance refused");
    }
    if (!(response.getBody() instanceof byte[])) {
      throw new UndecodablePayloadException(
          "azure: identity callout answered " + response.getStatusCode() + " without a JSON body");
    }
    JsonNode answer;
    try {
      answer = TernJson.mapper().readTree((byte[]) response.getBody());
    } catch (IOException e) {
      throw new UndecodablePayloadException("azure: identity callout answer is not JSON");
    }
    if (moment == AuthMoment.TOKEN_ISSUANCE) {
      AuthDecision decision = AuthDecision.allow();
      JsonNode claims = answer.at("/data/actions/0/claims");
      for (Map.Entry<String, JsonNode> claim : claims.properties()) {
        if (claim.getValue().isArray()) {
          List<String> values = new ArrayList<>();
          claim.getValue().forEach(v -> values.add(v.asText()));
          decision = decision.withClaim(claim.getKey(), values);
        } else {
          decision = decision.withClaim(claim.getKey(), claim.getValue().asText());
        }
      }
      return decision;
    }
    String action = answer.path("action").asText();
    if (action.equals("ValidationError")) {
      return AuthDecision.invalid(answer.path("userMessage").asText());
    }
    if (!action.equals("Continue")) {
      return AuthDecision.deny(answer.path("userMessage").asText());
    }
    AuthDecision decision = AuthDecision.allow();
    for (Map.Entry<String, JsonNode> field : answer.properties()) {
      String name = field.getKey();
      if (name.equals("version") || name.equals("action")) {
        continue;
      }
      String prefix = "extension_" + EXTENSIONS_APP + "_";
      decision =
          decision.withAttribute(
              name.startsWith(prefix) ? name.substring(prefix.length()) : name,
              field.getValue().asText());
    }
    return decision;
  }
}
