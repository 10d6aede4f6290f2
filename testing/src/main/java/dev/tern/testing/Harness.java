package dev.tern.testing;

import static java.util.Objects.requireNonNull;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.AuthUser;
import dev.tern.Body;
import dev.tern.Cloud;
import dev.tern.ConfigurationException;
import dev.tern.FunctionFailedException;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.Log;
import dev.tern.Message;
import dev.tern.NoFunctionException;
import dev.tern.ObjectEvent;
import dev.tern.StorageFunction;
import dev.tern.Tick;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.FunctionIndex;
import dev.tern.spi.JsonLog;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import dev.tern.spi.TriggerKind;
import dev.tern.testing.DeliveryPolicy.Ordering;
import dev.tern.testing.aws.AwsShape;
import dev.tern.testing.azure.AzureShape;
import dev.tern.testing.internal.LoggedFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs Tern functions in memory, deterministically, in milliseconds: send HTTP requests, enqueue
 * messages, put and delete objects, run auth moments, and move a virtual clock that fires every
 * schedule due on the way.
 *
 * <pre>{@code
 * Harness harness = Harness.of(Hello.class);
 * HttpResponse response = harness.http(HttpRequest.get("/hello?name=Ada"));
 * assertThat(response.body().text()).isEqualTo("{\"greeting\":\"Hello, Ada!\"}");
 * }</pre>
 *
 * <p>Queue messages are delivered the way the platforms do: at least once, in batches, a failed
 * message retried after the policy's delay with the same id and the next attempt number, and
 * dead-lettered after the last attempt. With an ordered policy ({@link DeliveryPolicy#sqsFifo()}) a
 * batch stops at its first failure and a message group waits for its failed message, on every
 * cloud; every message then needs an ordering key, its group. With {@link
 * DeliveryPolicy#pubsubOrdered()} a message with an ordering key waits until the key's previous
 * message is acknowledged or dead-lettered, and messages without one keep no order. Ids are {@code
 * m-1}, {@code m-2}, … in order, invocation ids {@code inv-1}, …; the clock starts at {@link
 * VirtualClock#DEFAULT_START}.
 *
 * <p>Storage events are retried under a {@link StoragePolicy} of their own, as each platform
 * retries them: with {@link Builder#cloud(Cloud)} that cloud's (on AWS Lambda's asynchronous
 * invocation, on Azure the blob trigger's or Event Grid's by the function's trigger, on GCP that of
 * a function deployed with {@code --retry}), without a cloud as the delivery policy retries
 * messages, unless {@link Builder#storageDelivery(StoragePolicy)} chooses one. Through the AWS
 * shape a retry is the invocation Lambda retries: the same S3 notification under the same request
 * id (see {@link AwsShape#retryStorage(ObjectEvent)}). An event that runs out of attempts is in
 * {@link #deadEvents(String)}, also where the platform would discard it, and {@link
 * #deadEvent(String)} says why.
 *
 * <p>A schedule function that fails is called again where the platform retries it: with {@link
 * Builder#cloud(Cloud)} AWS, twice, 1 and then 2 minutes later, as Lambda's asynchronous invocation
 * does, each retry a tick with the same {@link Tick#dueAt()} and, through the AWS shape, the same
 * EventBridge event, {@code id} and {@code time}, under the same request id (see {@link
 * AwsShape#retrySchedule(Tick)}); elsewhere not, as Azure timers and Cloud Scheduler's default make
 * none, and the function runs again at its next slot. {@link
 * Builder#scheduleDelivery(StoragePolicy)} chooses the retries as {@link StoragePolicy} does for
 * storage events, and a tick that runs out of attempts is in {@link #deadTicks(String)}, with why.
 *
 * <p>With {@link Builder#cloud(Cloud)} every event also goes through that cloud's real adapter in
 * native form (see {@link CloudShape}), so a test proves the function ports. Storage events carry
 * the sequencer S3 and Event Grid send, from the order of the changes of the harness's buckets (see
 * {@link ObjectChange}): on AWS the function sees an event id such as {@code
 * e-1:000000000000000001:uploads/report.csv}, the request id, sequencer and object joined as Tern's
 * AWS adapter does. On Azure, storage events arrive as Event Grid events, except for the functions
 * that take the blob trigger: those whose generated Azure entry binds it, and those {@link
 * Builder#azureBlobTrigger()} (all) or {@link Builder#azureBlobTrigger(Class[])} (some) choose.
 * Queue messages come from the source each function's entry binds (see {@link
 * AzureShape#requireDeliverable}).
 *
 * <p>A harness is not thread-safe; use one per test.
 *
 * @since 0.1
 */
public final class Harness {
  private static final CronParser CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  /** A local run's ticks: no retries, and no platform to discard one that fails ({@link #fate}). */
  private static final StoragePolicy LOCAL_TICKS = noRetries("a local run");

  /**
   * How each cloud retries a schedule function that failed. On AWS an EventBridge rule or
   * EventBridge Scheduler invokes Lambda asynchronously, which retries a failed invocation twice,
   * about 1 and then 2 minutes later, as it does a storage event's (<a
   * href="https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html">error
   * handling</a>). The others make no retry, and the function runs again at its next slot: an Azure
   * timer has no retry policy unless the function declares one, which Tern's generated entries do
   * not, and a Cloud Scheduler job's {@code RetryConfig} makes no retry by default (<a
   * href="https://cloud.google.com/scheduler/docs/configuring/retry-jobs">retry jobs</a>).
   */
  private static final Map<Cloud, StoragePolicy> SCHEDULE_RETRIES =
      Map.of(
          Cloud.AWS, StoragePolicy.lambdaAsync(),
          Cloud.AZURE, noRetries("an Azure timer"),
          Cloud.GCP, noRetries("a Cloud Scheduler job's default RetryConfig"),
          Cloud.LOCAL, LOCAL_TICKS);

  private final Dispatcher dispatcher;
  private final Cloud cloud;
  private final CloudShape shape;
  private final VirtualClock clock;
  private final Map<String, String> settings;
  private final DeliveryPolicy policy;

  /** The storage policy the test chose, or null for each cloud's own. */
  private final StoragePolicy storage;

  /** How ticks are retried: the policy the test chose, else the cloud's. */
  private final StoragePolicy schedules;

  private final Consumer<String> echo;
  private final Set<String> versioned;

  private final List<Delivery> deliveries = new ArrayList<>();
  private final List<String> logs = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, List<Message>> deadLetters = new LinkedHashMap<>();
  private final Map<String, List<ObjectEvent>> deadEvents = new LinkedHashMap<>();
  private final Map<String, DeadEvent> deadEventsById = new HashMap<>();
  private final Map<String, List<DeadTick>> deadTicks = new LinkedHashMap<>();

  /** What waits to be delivered, by the time it becomes visible, then in the order it was made. */
  private final TimeOrderedQueue<Pending> pending =
      new TimeOrderedQueue<>(p -> p.visibleAt, p -> p.seq);

  /**
   * With an ordered policy, each message group's pending messages by their place in the group's
   * order: the first is the only one that may be delivered. Kept beside {@link #pending} so that
   * finding what may go next costs a lookup, not a pass over every pending message.
   */
  private final Map<String, TreeMap<Long, Pending>> groups = new HashMap<>();

  /**
   * How many pending items are in no message group (see {@link #grouped(Pending)}): storage events,
   * and with {@link Ordering#KEYED} messages without an ordering key.
   */
  private int ungrouped;

  private final Map<String, Instant> nextFire = new TreeMap<>();
  private final Map<String, Map<String, Stored>> buckets = new LinkedHashMap<>();
  private long ids;
  private long invocations;
  private long sequence;

  /** The last generation given to a stored object: 1, 2, 3, … in the order objects are put. */
  private long generations;

  /** The sequence of the last storage event: 1, 2, 3, … in the order the events happen. */
  private long changes;

  private Harness(Builder b) {
    this.clock = VirtualClock.startingAt(b.start);
    this.settings = Map.copyOf(b.settings);
    this.policy = b.policy;
    this.storage =
        b.storagePreset == StoragePolicy.Preset.DELIVERY ? StoragePolicy.of(b.policy) : b.storage;
    this.cloud = b.cloud;
    this.schedules = b.schedules != null ? b.schedules : SCHEDULE_RETRIES.get(b.cloud);
    this.echo = b.echo;
    this.versioned = Set.copyOf(b.versionedBuckets);
    List<FunctionDescriptor> functions = new ArrayList<>();
    // The factory given, else the one the class path's index declares, as the adapters use it.
    FunctionFactory factory = b.factory;
    String declared;
    if (b.classes.isEmpty()) {
      FunctionIndex index = FunctionIndex.readDeclared(b.loader);
      functions.addAll(index.functions());
      declared = index.factory().orElse(null);
    } else {
      declared = factory == null ? FunctionIndex.declaredFactory(b.loader).orElse(null) : null;
      for (Class<?> type : b.classes) {
        // A factory of the app's own may create a class without a no-argument constructor.
        functions.add(FunctionIndex.describe(type, factory == null && declared == null));
      }
    }
    if (factory == null) {
      factory =
          declared == null
              ? FunctionFactory.reflective()
              : FunctionFactory.declared(declared, b.loader);
    }
    Dispatcher local =
        Dispatcher.create(Router.create(functions, Settings.of(settings)), factory, b.loader);
    // Through a cloud's adapter, functions still read the virtual clock.
    this.dispatcher = cloud == Cloud.LOCAL ? local : local.withClock(clock);
    List<FunctionDescriptor> blobTrigger = chosen(b.azureBlobTriggerFunctions, functions);
    if (cloud == Cloud.AZURE && b.azureBlobTrigger) {
      refuseWhatTheBlobTriggerCannotDeliver(
          functions,
          "build the harness without azureBlobTrigger(), or choose the blob trigger only for the "
              + "functions that want CREATED alone with azureBlobTrigger(Class...), to receive "
              + "them as Event Grid events");
      this.shape = ((AzureShape) shape(cloud, dispatcher)).withBlobTrigger();
    } else if (cloud == Cloud.AZURE && !blobTrigger.isEmpty()) {
      refuseWhatTheBlobTriggerCannotDeliver(
          blobTrigger,
          "leave it out of azureBlobTrigger(Class...) to receive them as Event Grid events");
      this.shape =
          ((AzureShape) shape(cloud, dispatcher))
              .withBlobTriggerFor(
                  blobTrigger.stream().map(FunctionDescriptor::name).toArray(String[]::new));
    } else {
      this.shape = cloud == Cloud.LOCAL ? null : shape(cloud, dispatcher);
    }
    for (FunctionDescriptor d : functions) {
      if (d.kind() == TriggerKind.SCHEDULE) {
        nextFire.put(d.name(), next(d, clock.instant()));
      }
    }
  }

  /**
   * The shape of {@code cloud}, whose adapter reads this harness's settings and virtual clock and
   * writes its log lines to {@link #logs()}.
   */
  private CloudShape shape(Cloud cloud, Dispatcher dispatcher) {
    return CloudShapes.create(cloud, dispatcher, settings, clock, this::log);
  }

  private void log(String line) {
    logs.add(line);
    if (echo != null) {
      echo.accept(line);
    }
  }

  /**
   * A harness for these function classes with default settings: queue messages delivered as {@link
   * DeliveryPolicy#sqs()} does, and storage events retried the same way.
   */
  public static Harness of(Class<?>... functions) {
    return builder().functions(functions).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The cloud events travel through: {@link Cloud#LOCAL} unless built with a cloud shape. */
  public Cloud cloud() {
    return cloud;
  }

  public VirtualClock clock() {
    return clock;
  }

  /** How this harness delivers queue messages. */
  public DeliveryPolicy policy() {
    return policy;
  }

  /**
   * How this harness retries the events of the storage function {@code function}: the policy {@link
   * Builder#storageDelivery(StoragePolicy)} chose, else its cloud's, which on Azure depends on the
   * function's trigger, {@link StoragePolicy#blobTrigger()} or {@link StoragePolicy#eventGrid()}.
   *
   * @throws NoFunctionException if {@code function} is not one of this harness's storage functions
   */
  public StoragePolicy storagePolicy(Class<? extends StorageFunction> function) {
    requireNonNull(function, "function == null");
    for (FunctionDescriptor d : router().functions()) {
      if (d.kind() == TriggerKind.STORAGE && d.className().equals(function.getName())) {
        return storagePolicy(d.name());
      }
    }
    throw new NoFunctionException(
        "storagePolicy("
            + function.getSimpleName()
            + ".class): "
            + function.getName()
            + " is not a storage function of this harness");
  }

  /** The storage policy of the function named {@code function}. */
  StoragePolicy storagePolicy(String function) {
    if (storage != null) {
      return storage;
    }
    switch (cloud) {
      case AWS:
        return StoragePolicy.lambdaAsync();
      case AZURE:
        return ((AzureShape) shape).takesBlobTrigger(function)
            ? StoragePolicy.blobTrigger()
            : StoragePolicy.eventGrid();
      case GCP:
        // As docs/deploy/gcp.md deploys storage functions: with --retry.
        return StoragePolicy.eventarcWithRetry();
      default:
        return StoragePolicy.of(policy);
    }
  }

  /**
   * How this harness retries a schedule function's failed tick: the policy {@link
   * Builder#scheduleDelivery(StoragePolicy)} chose, else its cloud's, {@link
   * StoragePolicy#lambdaAsync()} on AWS and one that makes no retry elsewhere.
   */
  public StoragePolicy schedulePolicy() {
    return schedules;
  }

  /** A policy that makes no retries, as {@code source} does for ticks, and drops what failed. */
  private static StoragePolicy noRetries(String source) {
    return new StoragePolicy(source, 1, List.of(), StoragePolicy.NO_MAXIMUM, Optional.empty());
  }

  public Router router() {
    return dispatcher.router();
  }

  /**
   * Serves an HTTP request. A {@code HEAD} request, a {@code 1xx}, a {@code 204} and a {@code 304}
   * are answered with the status and headers alone, without the body the function wrote, as the
   * platforms and the local server send them.
   */
  public HttpResponse http(HttpRequest request) {
    requireNonNull(request, "request == null");
    int logged = logs.size();
    HttpResponse response =
        shape != null ? shape.http(request) : dispatcher.http(request, this::context);
    FunctionDescriptor routed = router().routeHttp(request.method(), request.path()).function();
    String function = routed == null ? "-" : routed.name();
    FunctionFailedException error = null;
    if (response.status() >= 500) {
      Throwable thrown = thrownSince(logged);
      error =
          thrown == null
              ? new FunctionFailedException("answered " + response.status())
              : new FunctionFailedException(
                  "answered " + response.status() + ": " + thrown, thrown);
    }
    record(
        new Delivery(
            function, "http", request.toString(), 1, clock.instant(), error, response.status()));
    if (isBodiless(request.method(), response.status()) && !response.body().isEmpty()) {
      // The status and headers alone, as every platform sends them; the body's content type
      // stays, as the Content-Type header the platform sends.
      response =
          response.withBody(Body.wrap(new byte[0], response.body().contentType().orElse(null)));
    }
    return response;
  }

  /**
   * Whether an answer to {@code method} with {@code status} goes out without a body, whatever the
   * function wrote: one to {@code HEAD}, a {@code 1xx}, a {@code 204} and a {@code 304} (RFC 9110,
   * 9.3.2, 15.2, 15.3.5, 15.4.5).
   */
  static boolean isBodiless(String method, int status) {
    return method.equals("HEAD") || status < 200 || status == 204 || status == 304;
  }

  /**
   * What a function threw during the request that began when {@link #logs} held {@code from} lines:
   * the client saw only a 500, but the dispatcher logged the exception, in a local run and, through
   * the adapter, in a cloud run alike.
   */
  private Throwable thrownSince(int from) {
    synchronized (logs) {
      for (int i = from; i < logs.size(); i++) {
        Optional<Throwable> thrown = LoggedFailure.thrownIn(logs.get(i));
        if (thrown.isPresent()) {
          return thrown.get();
        }
      }
    }
    return null;
  }

  /** {@code GET target}: {@code harness.get("/hello?name=Ada")}. */
  public HttpResponse get(String target) {
    return http(HttpRequest.get(target));
  }

  /**
   * Enqueues a text message on {@code queue} and delivers everything that is due.
   *
   * @return the message as enqueued, with its id
   * @throws NoFunctionException if no function consumes {@code queue}
   * @throws InvalidValueException with an ordered queue's policy ({@link Ordering#FIFO}), which
   *     needs an ordering key on every message: use {@link #enqueue(Message)}
   */
  public Message enqueue(String queue, String body) {
    return enqueue(Message.builder(nextId("m"), queue).body(Body.ofText(body)).build());
  }

  /** Enqueues a message built by the test (its id is kept) and delivers everything due. */
  public Message enqueue(Message message) {
    requireNonNull(message, "message == null");
    return enqueueAll(List.of(message)).get(0);
  }

  /** Enqueues several text messages at once, so they are delivered together in batches. */
  public List<Message> enqueueAll(String queue, List<String> bodies) {
    requireNonNull(bodies, "bodies == null");
    List<Message> messages = new ArrayList<>();
    for (String body : bodies) {
      messages.add(Message.builder(nextId("m"), queue).body(Body.ofText(body)).build());
    }
    return enqueueAll(messages);
  }

  /**
   * Enqueues messages built by the test at once (their ids are kept), so they are delivered
   * together in batches, in this order: with {@link DeliveryPolicy#sqsFifo()}, {@code
   * enqueueAll(List.of(first, second))} where both have {@code orderingKey("g1")} is one batch of
   * one message group; with {@link DeliveryPolicy#pubsubOrdered()}, {@code second} goes once {@code
   * first} is acknowledged.
   *
   * <p>With an ordered queue's policy ({@link Ordering#FIFO}: {@link DeliveryPolicy#sqsFifo()},
   * {@link DeliveryPolicy#serviceBusSessions()}) every message needs an ordering key, which is its
   * group: SQS FIFO refuses a message without a {@code MessageGroupId}, a session-enabled Service
   * Bus queue one without a {@code SessionId}, and so does the harness, on every cloud, so a test
   * that forgets the key fails as the send would in production.
   *
   * @return the messages as enqueued
   * @throws NoFunctionException if no function consumes one of the messages' queues; then none is
   *     enqueued
   * @throws InvalidValueException if the policy is {@link Ordering#FIFO} and a message has no
   *     ordering key, naming its queue and the field the cloud requires, or if the cloud's queue
   *     could not carry a message (see {@link CloudShape#requireDeliverable}); then none is
   *     enqueued
   */
  public List<Message> enqueueAll(List<Message> messages) {
    requireNonNull(messages, "messages == null");
    List<Message> enqueued = new ArrayList<>();
    for (Message message : messages) {
      requireNonNull(message, "message == null");
      router().forQueue(message.source());
      requireOrderingKey(message);
      if (shape != null) {
        shape.requireDeliverable(message, policy.ordering() == Ordering.FIFO);
      }
      enqueued.add(
          message.toBuilder().enqueuedAt(message.enqueuedAt().orElse(clock.instant())).build());
    }
    for (Message m : enqueued) {
      long seq = sequence++;
      add(new Pending(m, null, null, 1, clock.instant(), seq, seq, clock.instant()));
    }
    drain();
    return List.copyOf(enqueued);
  }

  /**
   * Refuses, under {@link Ordering#FIFO}, a message without an ordering key, as an SQS FIFO queue
   * refuses one without a {@code MessageGroupId} (<a
   * href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html">SendMessage</a>)
   * and a session-enabled Service Bus queue one without a {@code SessionId} (<a
   * href="https://learn.microsoft.com/azure/service-bus-messaging/message-sessions">message
   * sessions</a>). Through a cloud shape the error names that cloud's field; without one, or on
   * GCP, whose Pub/Sub has no ordered queue of this kind, both.
   */
  private void requireOrderingKey(Message message) {
    if (policy.ordering() != Ordering.FIFO || message.orderingKey().isPresent()) {
      return;
    }
    String refusal;
    if (cloud == Cloud.AWS) {
      refusal = "an SQS FIFO queue refuses a message without a MessageGroupId";
    } else if (cloud == Cloud.AZURE) {
      refusal = "a session-enabled Service Bus queue refuses a message without a SessionId";
    } else {
      refusal =
          "SQS FIFO refuses a message without a MessageGroupId, and a session-enabled Service Bus"
              + " queue one without a SessionId";
    }
    throw new InvalidValueException(
        "queue "
            + message.source()
            + " is ordered (DeliveryPolicy ordering FIFO), but message "
            + message.id()
            + " has no ordering key: "
            + refusal
            + "; give every message one with Message.builder(id, queue).orderingKey(group)");
  }

  /**
   * Stores an object and fires a {@code CREATED} event to the function watching the bucket, if one
   * wants it. The event carries size, an MD5 ETag, the content type and a generation as version (1,
   * 2, 3, … in the order objects are put). The ETag is the MD5 in hex; through {@link
   * Builder#cloud(Cloud) cloud(Cloud.GCP)} the function sees it in base64, as Cloud Storage's
   * {@code md5Hash} carries it.
   *
   * <p>Putting an object where one is stored replaces it, and on GCP that is also a deletion: with
   * {@link Builder#cloud(Cloud) cloud(Cloud.GCP)}, the {@code CREATED} event of the new object is
   * followed by a {@code DELETED} event for the replaced one, to the function that wants deletions
   * from the bucket, if any. Cloud Storage sends {@code google.cloud.storage.object.v1.deleted} for
   * an object that is overwritten in a bucket without Object Versioning, and does not order it with
   * the new object's {@code finalized}; the harness sends it second, the order in which a function
   * that cleans up after deletions undoes what was just written. In a bucket declared with {@link
   * Builder#versionedBuckets(String...)}, Object Versioning keeps the replaced generation as a
   * noncurrent one, and Cloud Storage sends {@code archived}: the harness then sends an {@code
   * ARCHIVED} event instead, to the function that wants those. That event describes the replaced
   * object as {@link #deleteObject(String, String)} does (its size, ETag, content type, generation
   * as version and user metadata) and has an id of its own, which {@link #deliveries()} shows after
   * the created one; this method returns the {@code CREATED} event. Without a cloud, and on AWS and
   * Azure, whose S3 notifications and Event Grid blob events report an overwrite as a creation
   * only, an overwrite fires {@code CREATED} alone.
   *
   * @throws NoFunctionException if no storage function watches {@code bucket}, naming the declared
   *     ones; nothing is stored then
   * @see <a href="https://cloud.google.com/functions/docs/calling/storage">Cloud Storage
   *     triggers</a>
   * @see <a href="https://cloud.google.com/storage/docs/pubsub-notifications">Cloud Storage
   *     notifications ({@code OBJECT_DELETE}, {@code OBJECT_ARCHIVE})</a>
   */
  public ObjectEvent putObject(String bucket, String key, byte[] content, String contentType) {
    return putObject(bucket, key, content, contentType, Map.of());
  }

  /**
   * Stores an object with user metadata, as an upload with {@code x-goog-meta-camera: x100} does,
   * and fires its {@code CREATED} event, whose {@link ObjectEvent#metadata()} is {@code metadata}:
   * {@code putObject("photos", "cat.png", png, "image/png", Map.of("camera", "x100"))}.
   *
   * <p>With {@link Builder#cloud(Cloud)} it arrives only where that cloud's event carries it: on
   * GCP, and on Azure for a function that takes the blob trigger ({@link
   * Builder#azureBlobTrigger()}, {@link Builder#azureBlobTrigger(Class[])}). S3 notifications (AWS)
   * and Event Grid blob events (Azure's default) have no place for it, so there the function sees
   * none. Replacing a stored object fires as {@link #putObject(String, String, byte[], String)}
   * says: on GCP, a {@code DELETED} event for the replaced object follows, with its metadata
   * ({@code ARCHIVED} in a versioned bucket).
   */
  public ObjectEvent putObject(
      String bucket, String key, byte[] content, String contentType, Map<String, String> metadata) {
    requireNonNull(content, "content == null");
    requireWatched(bucket, ObjectEvent.Kind.CREATED);
    ObjectEvent event =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, bucket, key)
            .size(content.length)
            .etag(md5(content))
            .contentType(contentType)
            .metadata(metadata)
            .version(Long.toString(++generations))
            .time(clock.instant())
            .id(nextId("e"))
            .build();
    Stored replaced =
        buckets
            .computeIfAbsent(bucket, b -> new LinkedHashMap<>())
            .put(key, new Stored(content.clone(), event));
    boolean created = reaches(event);
    // Cloud Storage says what became of the generation an upload replaces: permanently deleted,
    // or noncurrent (archived) with Object Versioning.
    ObjectEvent.Kind replacedAs =
        versioned.contains(bucket) ? ObjectEvent.Kind.ARCHIVED : ObjectEvent.Kind.DELETED;
    ObjectEvent replacement =
        replaced != null && cloud == Cloud.GCP && takes(bucket, replacedAs)
            ? gone(replacedAs, bucket, key, replaced)
            : null;
    ObjectChange change = change(bucket);
    if (created) {
      pend(event, change);
    }
    if (replacement != null) {
      pend(replacement, change(bucket));
    }
    if (created || replacement != null) {
      drain();
    }
    return event;
  }

  /** Stores a UTF-8 text object. */
  public ObjectEvent putObject(String bucket, String key, String text) {
    return putObject(
        bucket, key, text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
  }

  /**
   * Deletes an object and fires a {@code DELETED} event to the function watching, if any. The
   * returned event describes the deleted object as Cloud Storage's {@code deleted} event does: the
   * size, ETag, content type, version and user metadata of its {@code CREATED} event. Deleting an
   * object that is not stored fires the event too, with none of these.
   *
   * <p>Without a cloud the function sees this event; with {@link Builder#cloud(Cloud)} it sees what
   * that cloud's deletion event carries:
   *
   * <ul>
   *   <li>GCP: all of them, as the {@code google.cloud.storage.object.v1.deleted} event holds the
   *       whole object resource.
   *   <li>AWS: none of them; an S3 {@code ObjectRemoved:Delete} notification has no size, ETag,
   *       content type or user metadata, and a {@code versionId} only in versioned buckets.
   *   <li>Azure: the content type only; an Event Grid {@code BlobDeleted} event has no content
   *       length, ETag or user metadata (and the blob trigger does not fire for deletions).
   * </ul>
   *
   * <p>On GCP, {@link #putObject(String, String, byte[], String)} fires such an event too when it
   * replaces a stored object, as Cloud Storage does for an overwrite.
   *
   * <p>In a bucket declared with {@link Builder#versionedBuckets(String...)}, deleting an object
   * that names no version keeps it as a noncurrent version, and each cloud says so its own way:
   *
   * <ul>
   *   <li>GCP: Cloud Storage sends {@code google.cloud.storage.object.v1.archived}, not {@code
   *       deleted}, so the event (and what this method returns) is {@code ARCHIVED}, describing the
   *       object as above, and goes to the function that wants {@code ARCHIVED} events, not to one
   *       that wants only {@code DELETED}.
   *   <li>AWS: S3 leaves a delete marker, a version of its own, and sends {@code
   *       ObjectRemoved:DeleteMarkerCreated} with the marker's {@code versionId}: the function sees
   *       a {@code DELETED} event whose version is the marker's, the next generation, not the
   *       deleted object's. S3 leaves a marker even for a key that is not stored.
   *   <li>Azure and without a cloud: the same {@code DELETED} event as without versioning.
   * </ul>
   *
   * <p>A key that holds no object fires {@code DELETED} without a cloud and on AWS, where S3's
   * {@code DeleteObject} succeeds whether the key is stored or not (in a versioned bucket it leaves
   * a delete marker, as above). Cloud Storage and Blob Storage answer such a deletion 404 Not
   * Found, so through the GCP and Azure shapes this method throws, as their clients would.
   *
   * @throws NoFunctionException if no storage function watches {@code bucket}, naming the declared
   *     ones; nothing is deleted then
   * @throws NoSuchElementException through the GCP or Azure shape, if {@code key} holds no object
   *     in {@code bucket}; nothing is sent then
   * @see <a href="https://cloud.google.com/storage/docs/json_api/v1/objects">Cloud Storage object
   *     resource</a>
   * @see <a
   *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html">S3
   *     event message structure</a>
   * @see <a href="https://learn.microsoft.com/azure/event-grid/event-schema-blob-storage">Blob
   *     Storage as an Event Grid source</a>
   * @see <a href="https://cloud.google.com/storage/docs/pubsub-notifications">Cloud Storage
   *     notifications ({@code OBJECT_ARCHIVE})</a>
   * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html">S3
   *     DeleteObject</a>
   * @see <a href="https://cloud.google.com/storage/docs/json_api/v1/objects/delete">Cloud Storage
   *     objects.delete</a>
   * @see <a href="https://learn.microsoft.com/rest/api/storageservices/delete-blob">Blob Storage
   *     Delete Blob</a>
   * @see <a
   *     href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-how-to-event-types-and-destinations.html">S3
   *     event types ({@code s3:ObjectRemoved:DeleteMarkerCreated})</a>
   */
  public ObjectEvent deleteObject(String bucket, String key) {
    requireWatched(bucket, ObjectEvent.Kind.DELETED);
    Map<String, Stored> objects = buckets.get(bucket);
    Stored deleted = objects == null ? null : objects.remove(key);
    if (deleted == null && (cloud == Cloud.GCP || cloud == Cloud.AZURE)) {
      throw new NoSuchElementException(
          (cloud == Cloud.GCP ? "gcp: " : "azure: ")
              + bucket
              + " holds no object "
              + key
              + "; "
              + (cloud == Cloud.GCP ? "Cloud Storage" : "Blob Storage")
              + " answers its deletion 404 Not Found");
    }
    boolean keepsVersions = versioned.contains(bucket);
    ObjectEvent event =
        gone(
            keepsVersions && deleted != null && cloud == Cloud.GCP
                ? ObjectEvent.Kind.ARCHIVED
                : ObjectEvent.Kind.DELETED,
            bucket,
            key,
            deleted);
    ObjectChange change = change(bucket);
    if (keepsVersions && cloud == Cloud.AWS) {
      change = change.withDeleteMarker(Long.toString(++generations));
    }
    fire(event, change);
    return event;
  }

  /**
   * The {@code kind} event of {@code key} ({@code DELETED} or {@code ARCHIVED}), describing {@code
   * gone} as Cloud Storage's {@code deleted} and {@code archived} events do, or nothing of it when
   * {@code gone} is null.
   */
  private ObjectEvent gone(ObjectEvent.Kind kind, String bucket, String key, Stored gone) {
    ObjectEvent.Builder event =
        ObjectEvent.builder(kind, bucket, key).time(clock.instant()).id(nextId("e"));
    if (gone != null) {
      ObjectEvent created = gone.created();
      created.size().ifPresent(event::size);
      event
          .etag(created.etag().orElse(null))
          .contentType(created.contentType().orElse(null))
          .version(created.version().orElse(null))
          .metadata(created.metadata());
    }
    return event.build();
  }

  /** The content of a stored object. */
  public Optional<byte[]> object(String bucket, String key) {
    return Optional.ofNullable(buckets.getOrDefault(bucket, Map.of()).get(key))
        .map(o -> o.content().clone());
  }

  /** Runs an auth moment and returns the decision. */
  public AuthDecision auth(AuthEvent event) {
    requireNonNull(event, "event == null");
    String function = router().forAuth(event.moment()).name();
    try {
      AuthDecision decision =
          shape != null ? shape.auth(event) : dispatcher.auth(event, this::context);
      record(new Delivery(function, "auth", event.moment().name(), 1, clock.instant(), null));
      return decision;
    } catch (RuntimeException e) {
      record(new Delivery(function, "auth", event.moment().name(), 1, clock.instant(), e));
      throw e;
    }
  }

  /** Runs {@code moment} for {@code user}. */
  public AuthDecision auth(AuthMoment moment, AuthUser user) {
    return auth(AuthEvent.builder(moment, user).id(nextId("a")).build());
  }

  /** Runs {@link AuthMoment#BEFORE_SIGN_UP} for a user with this e-mail address. */
  public AuthDecision signUp(String email) {
    return auth(AuthMoment.BEFORE_SIGN_UP, AuthUser.builder().username(email).email(email).build());
  }

  /**
   * Moves the clock forward by {@code duration}, firing every schedule that falls due and
   * redelivering every message, storage event and tick whose retry delay ends on the way, in time
   * order.
   *
   * @return the ticks fired
   */
  public List<Tick> advance(Duration duration) {
    requireNonNull(duration, "duration == null");
    Instant target = clock.instant().plus(duration);
    List<Tick> fired = new ArrayList<>();
    while (true) {
      Instant next = nextEventTime();
      if (next == null || next.isAfter(target)) {
        break;
      }
      clock.moveTo(next);
      for (Map.Entry<String, Instant> schedule : new ArrayList<>(nextFire.entrySet())) {
        if (!schedule.getValue().isAfter(next)) {
          fired.add(fireSchedule(schedule.getKey(), schedule.getValue()));
        }
      }
      drain();
    }
    clock.moveTo(target);
    return fired;
  }

  /**
   * Fires the named schedule now, as if it were due, without waiting for its cron slot.
   *
   * @throws NoFunctionException if no schedule function has that name, naming the declared ones
   */
  public Tick fire(String schedule) {
    return fireSchedule(router().forSchedule(schedule).name(), clock.instant());
  }

  /**
   * Fires the schedule that {@code function} declares now, as {@link #fire(String)} does with its
   * name: {@code fire(NightlyCleanup.class)}.
   *
   * @throws NoFunctionException if {@code function} is not one of this harness's schedule functions
   *     (or another function is pinned), naming the class and the declared schedule functions with
   *     their classes
   */
  public Tick fire(Class<?> function) {
    requireNonNull(function, "function == null");
    List<FunctionDescriptor> schedules =
        router().functions().stream()
            .filter(d -> d.kind() == TriggerKind.SCHEDULE)
            .filter(d -> router().pinned().map(d::equals).orElse(true))
            .toList();
    for (FunctionDescriptor d : schedules) {
      if (d.className().equals(function.getName())) {
        return fire(d.name());
      }
    }
    String declared =
        schedules.stream()
            .map(d -> d.name() + " (" + d.className() + ")")
            .reduce((x, y) -> x + ", " + y)
            .orElse("none");
    String is =
        router().functions().stream()
            .filter(d -> d.className().equals(function.getName()))
            .findFirst()
            .map(
                d ->
                    d.kind() == TriggerKind.SCHEDULE
                        ? " is not the schedule function this harness runs"
                        : " is the "
                            + d.kind().name().toLowerCase(Locale.ROOT)
                            + " function "
                            + d.name()
                            + ", not a schedule function")
            .orElse(" is not a schedule function of this harness");
    throw new NoFunctionException(
        "fire("
            + function.getSimpleName()
            + ".class): "
            + function.getName()
            + is
            + router().pinned().map(p -> " (" + Settings.PIN + " pins " + p.name() + ")").orElse("")
            + "; its schedule functions: "
            + declared);
  }

  /** Every call the harness made, in order. */
  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** The calls made for one message or event id. */
  public List<Delivery> deliveriesOf(String eventId) {
    return deliveries.stream().filter(d -> d.eventId().equals(eventId)).toList();
  }

  /** Messages of {@code queue} that ran out of attempts, in the order they did. */
  public List<Message> deadLetters(String queue) {
    return List.copyOf(deadLetters.getOrDefault(queue, List.of()));
  }

  /**
   * Storage events of {@code bucket} that ran out of attempts under their {@link StoragePolicy}, in
   * the order they did: those the platform would dead-letter, and those it would discard, which the
   * harness keeps so that no failure goes unseen. {@link #deadEvent(String)} says which.
   */
  public List<ObjectEvent> deadEvents(String bucket) {
    return List.copyOf(deadEvents.getOrDefault(bucket, List.of()));
  }

  /**
   * How the storage event {@code eventId} ran out of attempts, in any bucket: its attempts, the
   * last error, whether the platform would have discarded it, and why, as {@code Event Grid stopped
   * after 11 attempts: the next would come when the event is 34h46m40s old, past its maximum age of
   * 24h; the platform discards the event}. Empty while it has attempts left, and once it succeeded.
   */
  public Optional<DeadEvent> deadEvent(String eventId) {
    return Optional.ofNullable(deadEventsById.get(requireNonNull(eventId, "eventId == null")));
  }

  /**
   * The ticks of the schedule function {@code schedule} that ran out of attempts under {@link
   * #schedulePolicy()}, in the order they did, with why: on AWS after Lambda's three attempts, or
   * fewer as the policy chose, and elsewhere after the one attempt a timer or a Cloud Scheduler job
   * makes by default. The harness keeps them all, also those the platform discards, which {@link
   * DeadTick#discarded()} says. Empty for a name that is not a schedule function's.
   */
  public List<DeadTick> deadTicks(String schedule) {
    return List.copyOf(
        deadTicks.getOrDefault(requireNonNull(schedule, "schedule == null"), List.of()));
  }

  /** Messages, storage events and ticks waiting for a delivery or a retry. */
  public int inFlight() {
    return pending.size();
  }

  /**
   * The JSON lines functions logged; in a cloud run, those the cloud's adapter wrote, in the same
   * form.
   */
  public List<String> logs() {
    synchronized (logs) {
      return List.copyOf(logs);
    }
  }

  /** The instance the harness created for a function class, to inspect its state. */
  public <T> T instance(Class<T> type) {
    for (FunctionDescriptor d : router().functions()) {
      if (d.className().equals(type.getName())) {
        return type.cast(dispatcher.instance(d));
      }
    }
    throw new ConfigurationException(type.getName() + " is not a function of this harness");
  }

  // ---------------------------------------------------------------------------------------------

  private void fire(ObjectEvent event, ObjectChange change) {
    if (reaches(event)) {
      pend(event, change);
      drain();
    }
  }

  /**
   * Whether {@code event} is delivered: to a function that wants it, or to a pinned storage
   * function, which is sent whatever its deployment's trigger sends.
   */
  private boolean reaches(ObjectEvent event) {
    return wanted(event.bucket(), event.kind())
        || router().pinned().filter(d -> d.kind() == TriggerKind.STORAGE).isPresent();
  }

  /**
   * Refuses a change in a bucket no storage function watches, as {@link #enqueue(Message)} refuses
   * a message no function consumes and as an adapter fails an event no function claims: with the
   * router's {@link NoFunctionException}, which names the declared storage functions and their
   * buckets. A bucket a function watches for other kinds is watched: the notification is configured
   * to send only what the functions declare, so such a change fires nothing.
   */
  private void requireWatched(String bucket, ObjectEvent.Kind kind) {
    requireNonNull(bucket, "bucket == null");
    // A pinned storage function is sent whatever its deployment's trigger sends.
    boolean watched =
        router()
            .pinned()
            .map(d -> d.kind() == TriggerKind.STORAGE)
            .orElseGet(
                () ->
                    router().functions().stream()
                        .anyMatch(
                            d ->
                                d.kind() == TriggerKind.STORAGE
                                    && Router.sourceMatches(router().source(d), bucket)));
    if (!watched) {
      router().forStorage(bucket, kind);
    }
  }

  /** Whether a storage function wants {@code kind} events of {@code bucket}. */
  private boolean wanted(String bucket, ObjectEvent.Kind kind) {
    return router().functions().stream()
        .anyMatch(
            d ->
                d.kind() == TriggerKind.STORAGE
                    && d.objectKinds().contains(kind)
                    && Router.sourceMatches(router().source(d), bucket));
  }

  /**
   * Whether a function is there to take {@code bucket}'s {@code kind} events: the pinned function,
   * which is sent whatever its trigger sends, when it wants them, else any storage function that
   * wants them from the bucket.
   */
  private boolean takes(String bucket, ObjectEvent.Kind kind) {
    return router()
        .pinned()
        .map(d -> d.kind() == TriggerKind.STORAGE && d.objectKinds().contains(kind))
        .orElseGet(() -> wanted(bucket, kind));
  }

  /** The next change of {@code bucket}, numbered in the order of the changes of all buckets. */
  private ObjectChange change(String bucket) {
    return versioned.contains(bucket)
        ? ObjectChange.versioned(++changes)
        : ObjectChange.unversioned(++changes);
  }

  /** Queues the first delivery of {@code event}, due now. */
  private void pend(ObjectEvent event, ObjectChange change) {
    long seq = sequence++;
    add(new Pending(null, event, change, 1, clock.instant(), seq, seq, clock.instant()));
  }

  /**
   * The hosted storage functions of {@code classes}, refusing a class the harness does not host as
   * a storage function, as Tern's Azure build refuses a binding choice for a function it does not
   * compile.
   */
  private static List<FunctionDescriptor> chosen(
      List<Class<? extends StorageFunction>> classes, List<FunctionDescriptor> functions) {
    List<FunctionDescriptor> chosen = new ArrayList<>();
    for (Class<?> type : classes) {
      FunctionDescriptor found =
          functions.stream()
              .filter(d -> d.kind() == TriggerKind.STORAGE)
              .filter(d -> d.className().equals(type.getName()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          "azureBlobTrigger("
                              + type.getSimpleName()
                              + ".class): "
                              + type.getName()
                              + " is not a storage function of this harness; its storage functions: "
                              + functions.stream()
                                  .filter(d -> d.kind() == TriggerKind.STORAGE)
                                  .map(FunctionDescriptor::className)
                                  .reduce((x, y) -> x + ", " + y)
                                  .orElse("none")));
      if (!chosen.contains(found)) {
        chosen.add(found);
      }
    }
    return chosen;
  }

  /**
   * Fails as Tern's Azure build does for a storage function bound to the blob trigger; {@code hint}
   * says how to receive the refused kinds instead.
   */
  private static void refuseWhatTheBlobTriggerCannotDeliver(
      List<FunctionDescriptor> functions, String hint) {
    for (FunctionDescriptor d : functions) {
      List<ObjectEvent.Kind> others =
          d.kind() != TriggerKind.STORAGE
              ? List.of()
              : d.objectKinds().stream()
                  .filter(k -> k != ObjectEvent.Kind.CREATED)
                  .sorted()
                  .toList();
      if (!others.isEmpty()) {
        throw new ConfigurationException(
            "azure: "
                + d.name()
                + " wants "
                + others
                + " events, but the blob trigger fires only for created or overwritten blobs"
                + " (CREATED); "
                + hint);
      }
    }
  }

  private Tick fireSchedule(String name, Instant due) {
    FunctionDescriptor function = router().forSchedule(name);
    Tick tick = Tick.of(name, due, clock.instant(), false);
    if (nextFire.containsKey(name) && !nextFire.get(name).isAfter(clock.instant())) {
      nextFire.put(name, next(function, clock.instant()));
    }
    deliverTick(tick, 1, clock.instant());
    return tick;
  }

  /**
   * Calls the schedule function with {@code fired}, the tick as it was fired at {@code since}, for
   * its {@code attempt}th try, and if it fails, queues its retry as {@link #schedulePolicy()} says
   * or, when it has had its attempts, keeps it in {@link #deadTicks(String)}.
   */
  private void deliverTick(Tick fired, int attempt, Instant since) {
    String function = router().forSchedule(fired.name()).name();
    // A retry is the same event again: due when it was, fired now.
    Tick tick =
        attempt == 1
            ? fired
            : Tick.of(fired.name(), fired.dueAt(), clock.instant(), fired.isLate());
    Throwable error = null;
    try {
      if (attempt > 1 && shape instanceof AwsShape) {
        // Lambda retries the invocation it made: the event it sent, under the same request id.
        ((AwsShape) shape).retrySchedule(fired);
      } else if (shape != null) {
        shape.schedule(tick);
      } else {
        dispatcher.schedule(tick, this::context);
      }
    } catch (RuntimeException e) {
      error = e;
    }
    Delivery delivery =
        record(new Delivery(function, "schedule", tick.name(), attempt, clock.instant(), error));
    if (error == null) {
      return;
    }
    String ranOut = ranOut(schedules, attempt, since);
    if (ranOut == null) {
      Instant retry = clock.instant().plus(schedules.retryDelay(attempt));
      add(new Pending(fired, attempt + 1, retry, sequence++, since));
      return;
    }
    deadTicks
        .computeIfAbsent(fired.name(), n -> new ArrayList<>())
        .add(
            new DeadTick(
                fired,
                function,
                attempt,
                clock.instant(),
                delivery.error(),
                schedules.discards(),
                ranOut + fate(schedules)));
  }

  /**
   * Delivers every pending item whose time has come, in time order, batching messages of one queue.
   * With an ordered policy, a message waits while an earlier message of its group is pending (see
   * {@link #held(Pending)}); under {@link Ordering#FIFO} a batch takes a group's messages in their
   * order, under {@link Ordering#KEYED} at most one message of each key, whose next one waits until
   * it is acknowledged.
   */
  private void drain() {
    while (true) {
      List<Pending> skipped = new ArrayList<>();
      Pending head = null;
      while (head == null && isDue(pending.peek())) {
        Pending p = pending.poll();
        if (held(p)) {
          skipped.add(p);
        } else {
          head = p;
        }
      }
      if (head == null) {
        pending.addAll(skipped);
        return;
      }
      take(head);
      if (head.tick != null) {
        pending.addAll(skipped);
        deliverTick(head.tick, head.attempt, head.since);
        continue;
      }
      if (head.event != null) {
        pending.addAll(skipped);
        deliverEvent(head);
        continue;
      }
      List<Pending> batch = new ArrayList<>();
      batch.add(head);
      String source = head.message.source();
      Set<String> keys = new HashSet<>();
      keyTaken(head, keys);
      while (batch.size() < policy.batchSize() && isDue(pending.peek())) {
        Pending p = pending.poll();
        if (joins(p, source, keys)) {
          take(p);
          batch.add(p);
          keyTaken(p, keys);
        } else {
          skipped.add(p);
        }
      }
      // A message held by one the batch has just taken may follow it now, in the same batch.
      boolean added = policy.ordering() == Ordering.FIFO;
      while (added && batch.size() < policy.batchSize()) {
        added = false;
        for (Iterator<Pending> i = skipped.iterator();
            i.hasNext() && batch.size() < policy.batchSize(); ) {
          Pending p = i.next();
          if (joins(p, source, keys)) {
            i.remove();
            take(p);
            batch.add(p);
            added = true;
          }
        }
      }
      pending.addAll(skipped);
      deliverBatch(batch);
    }
  }

  /**
   * Whether {@code p} may join a batch of {@code source}'s messages: a message of that queue that
   * is not held, and under {@link Ordering#KEYED} not of a key the batch has taken, whose next
   * message Pub/Sub sends only once the previous one is acknowledged.
   */
  private boolean joins(Pending p, String source, Set<String> keys) {
    return p.message != null
        && p.message.source().equals(source)
        && !held(p)
        && !(policy.ordering() == Ordering.KEYED && grouped(p) && keys.contains(group(p)));
  }

  /** Notes, under {@link Ordering#KEYED}, the key of a message a batch has taken. */
  private void keyTaken(Pending p, Set<String> keys) {
    if (policy.ordering() == Ordering.KEYED && grouped(p)) {
      keys.add(group(p));
    }
  }

  private boolean isDue(Pending p) {
    return p != null && !p.visibleAt.isAfter(clock.instant());
  }

  /** Queues {@code p}, and with an ordered policy puts a message in its group's order. */
  private void add(Pending p) {
    pending.add(p);
    if (grouped(p)) {
      groups.computeIfAbsent(group(p), g -> new TreeMap<>()).put(p.order, p);
    } else {
      ungrouped++;
    }
  }

  /** Takes {@code p}, already polled from {@link #pending}, for delivery. */
  private void take(Pending p) {
    if (grouped(p)) {
      TreeMap<Long, Pending> group = groups.get(group(p));
      group.remove(p.order);
      if (group.isEmpty()) {
        groups.remove(group(p));
      }
    } else {
      ungrouped--;
    }
  }

  /**
   * Whether {@code p} is a message the policy keeps in order within its group: under {@link
   * Ordering#FIFO} every message (each has an ordering key, see {@link
   * #requireOrderingKey(Message)}), under {@link Ordering#KEYED} those with an ordering key, as
   * Pub/Sub orders nothing else.
   */
  private boolean grouped(Pending p) {
    if (p.message == null) {
      return false;
    }
    if (policy.ordering() == Ordering.KEYED) {
      return p.message.orderingKey().isPresent();
    }
    return policy.ordering() == Ordering.FIFO;
  }

  /**
   * Whether {@code p} must wait, under an ordered policy, because an earlier message of its group
   * is pending: SQS FIFO returns no message of a group while one of the group is in flight, until
   * it is deleted or visible again (<a
   * href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html">FIFO
   * delivery logic</a>, <a
   * href="https://repost.aws/knowledge-center/sqs-fifo-messages-not-returned">"Inflight messages
   * block delivery of available messages within the same message group"</a>), and Pub/Sub, with
   * message ordering, redelivers a key's failed message before the key's later ones (<a
   * href="https://cloud.google.com/pubsub/docs/ordering">ordering</a>). The group is the message's
   * queue and ordering key; under {@link Ordering#KEYED} a message without one is in no group and
   * never waits. Messages the batch being built has taken no longer count.
   */
  private boolean held(Pending p) {
    if (!grouped(p)) {
      return false;
    }
    return groups.get(group(p)).firstEntry().getValue() != p;
  }

  /** The message group of {@code p}: its queue and ordering key. */
  private static String group(Pending p) {
    return p.message.source() + '\n' + p.message.orderingKey().orElse("");
  }

  private void deliverBatch(List<Pending> batch) {
    List<Message> messages = new ArrayList<>();
    for (Pending p : batch) {
      messages.add(p.message.withAttempt(p.attempt));
    }
    String function = router().forQueue(messages.get(0).source()).name();
    Map<String, Throwable> errors = new LinkedHashMap<>();
    // Under KEYED a batch holds at most one message of each key: nothing in it waits for another.
    boolean fifo = policy.ordering() == Ordering.FIFO;
    if (shape != null) {
      errors.putAll(shape.queueBatch(messages, fifo).errors());
    } else {
      errors.putAll(dispatcher.queueBatch(messages, fifo, this::context).errors());
    }
    // An ordered batch fails the rest unprocessed once one message fails, on every cloud: say so,
    // unless the cloud said why already. A batch AWS returns whole (no batchItemFailures) comes
    // back with messages that ran before the failing one, which keeps what it threw.
    if (fifo) {
      boolean failedBefore = false;
      for (Message m : messages) {
        if (failedBefore) {
          errors.putIfAbsent(
              m.id(),
              new FunctionFailedException(
                  "not processed: an earlier message of the ordered batch failed"));
        } else if (errors.containsKey(m.id())) {
          failedBefore = true;
        }
      }
    }
    for (Pending p : batch) {
      Throwable error = errors.get(p.message.id());
      record(new Delivery(function, "queue", p.message.id(), p.attempt, clock.instant(), error));
      if (error != null) {
        retryOrDeadLetter(p);
      }
    }
  }

  private void deliverEvent(Pending p) {
    ObjectEvent event = p.event;
    String function = router().forStorage(event.bucket(), event.kind()).name();
    Throwable error = null;
    try {
      if (p.attempt > 1 && shape instanceof AwsShape) {
        // Lambda retries the invocation it made: the notification it sent, under the same request
        // id.
        ((AwsShape) shape).retryStorage(event);
      } else if (shape != null) {
        shape.storage(event, p.change);
      } else {
        dispatcher.storage(event, this::context);
      }
    } catch (RuntimeException e) {
      error = e;
    }
    Delivery delivery =
        record(new Delivery(function, "storage", event.id(), p.attempt, clock.instant(), error));
    if (error != null) {
      retryOrRunOut(p, function, delivery.error());
    }
  }

  /**
   * Retries the storage event of {@code p}, which {@code function} failed with {@code error}, as
   * its function's {@link StoragePolicy} does, or, when it has had its attempts or its next retry
   * would come after its maximum age, keeps it in {@link #deadEvents(String)} with the reason.
   */
  private void retryOrRunOut(Pending p, String function, Throwable error) {
    StoragePolicy storage = storagePolicy(function);
    String ranOut = ranOut(storage, p.attempt, p.since);
    if (ranOut == null) {
      Instant retry = clock.instant().plus(storage.retryDelay(p.attempt));
      add(new Pending(null, p.event, p.change, p.attempt + 1, retry, sequence++, p.order, p.since));
      return;
    }
    deadEvents.computeIfAbsent(p.event.bucket(), b -> new ArrayList<>()).add(p.event);
    deadEventsById.put(
        p.event.id(),
        new DeadEvent(
            p.event,
            function,
            p.attempt,
            clock.instant(),
            error,
            storage.discards(),
            ranOut + fate(storage)));
  }

  /**
   * Why {@code policy} makes no retry after failed attempt {@code attempt} of an event first tried
   * at {@code since}: it has had its attempts, or the retry would come after its maximum age; null
   * when it retries.
   */
  private String ranOut(StoragePolicy policy, int attempt, Instant since) {
    if (attempt >= policy.maxAttempts()) {
      return policy.maxAttempts() == 1
          ? policy.source() + " makes no retries"
          : policy.source() + " ran out of its " + policy.maxAttempts() + " attempts";
    }
    Duration age = Duration.between(since, clock.instant().plus(policy.retryDelay(attempt)));
    if (age.compareTo(policy.maxAge()) <= 0) {
      return null;
    }
    return policy.source()
        + " stopped after "
        + attempt
        + (attempt == 1 ? " attempt" : " attempts")
        + ": the next would come when the event is "
        + StoragePolicy.readable(age)
        + " old, past its maximum age of "
        + StoragePolicy.readable(policy.maxAge());
  }

  /** What the platform does with an event that ran out under {@code policy}, as a reason ends. */
  private static String fate(StoragePolicy policy) {
    if (policy == LOCAL_TICKS) {
      return "; no platform is there to keep it: it is only in deadTicks";
    }
    return policy
        .deadLetter()
        .map(d -> "; it goes to " + d)
        .orElse("; the platform discards the event");
  }

  private void retryOrDeadLetter(Pending p) {
    if (p.attempt >= policy.maxAttempts()) {
      deadLetters
          .computeIfAbsent(p.message.source(), q -> new ArrayList<>())
          .add(p.message.withAttempt(p.attempt));
    } else {
      add(
          new Pending(
              p.message,
              null,
              null,
              p.attempt + 1,
              clock.instant().plus(policy.retryDelay(p.attempt)),
              sequence++,
              p.order,
              p.since));
    }
  }

  private Instant nextEventTime() {
    Instant next = null;
    if (!policy.ordered()) {
      next = pending.isEmpty() ? null : pending.peek().visibleAt;
    } else {
      // A held message waits for the first of its group, whose time is the next event.
      for (TreeMap<Long, Pending> group : groups.values()) {
        Instant at = group.firstEntry().getValue().visibleAt;
        if (next == null || at.isBefore(next)) {
          next = at;
        }
      }
      if (ungrouped > 0) {
        for (Pending p : pending) {
          if (!grouped(p) && (next == null || p.visibleAt.isBefore(next))) {
            next = p.visibleAt;
          }
        }
      }
    }
    for (Instant fire : nextFire.values()) {
      if (next == null || fire.isBefore(next)) {
        next = fire;
      }
    }
    return next;
  }

  private static Instant next(FunctionDescriptor schedule, Instant after) {
    return ExecutionTime.forCron(CRON.parse(schedule.cron()))
        .nextExecution(ZonedDateTime.ofInstant(after, ZoneOffset.UTC))
        .map(ZonedDateTime::toInstant)
        .orElseThrow(
            () -> new ConfigurationException("schedule " + schedule.name() + " never fires again"));
  }

  /** Keeps {@code d}, its error with the message the function threw; returns what it kept. */
  private Delivery record(Delivery d) {
    Delivery kept =
        new Delivery(
            d.function(),
            d.kind(),
            d.eventId(),
            d.attempt(),
            d.at(),
            withCauseMessage(d.error()),
            d.status());
    deliveries.add(kept);
    return kept;
  }

  /**
   * The dispatcher names only the class of what the function threw ({@code … failed on message m-1:
   * java.lang.IllegalStateException}); the message says which failure it was, so it is added.
   */
  private static Throwable withCauseMessage(Throwable error) {
    if (!(error instanceof FunctionFailedException)) {
      return error;
    }
    Throwable cause = error.getCause();
    String message = error.getMessage();
    if (cause == null
        || cause.getMessage() == null
        || message == null
        || !message.endsWith(": " + cause.getClass().getName())) {
      return error;
    }
    FunctionFailedException described =
        new FunctionFailedException(message + ": " + cause.getMessage(), cause);
    described.setStackTrace(error.getStackTrace());
    return described;
  }

  private HarnessContext context(FunctionDescriptor function) {
    String invocationId = nextInvocation();
    return new HarnessContext(
        invocationId, function.name(), clock, new InvocationLog(invocationId, function), settings);
  }

  /**
   * The log of one invocation: JSON lines naming the invocation and the function, into {@link
   * #logs}. Its writer is made at the first line, as most invocations write none.
   */
  private final class InvocationLog implements Log {
    private final String invocationId;
    private final FunctionDescriptor function;

    /** Made at the first line; threads that race here make equal writers. */
    private Log json;

    InvocationLog(String invocationId, FunctionDescriptor function) {
      this.invocationId = invocationId;
      this.function = function;
    }

    @Override
    public void log(Level level, String message, Map<String, ?> fields, Throwable error) {
      Log writer = json;
      if (writer == null) {
        writer =
            JsonLog.builder(Harness.this::log)
                .clock(clock)
                .threshold(Log.Level.DEBUG)
                .field("invocationId", invocationId)
                .field("function", function.name())
                .build();
        json = writer;
      }
      // Every line names the function; a line's own "function" naming it again (as the
      // dispatcher's "function failed" line does) would come out a second time, as
      // "field.function".
      writer.log(level, message, withoutRepeated(fields, function.name()), error);
    }
  }

  private static Map<String, ?> withoutRepeated(Map<String, ?> fields, String function) {
    if (fields == null || !function.equals(fields.get("function"))) {
      return fields;
    }
    Map<String, Object> rest = new LinkedHashMap<>(fields);
    rest.remove("function");
    return rest;
  }

  private synchronized String nextInvocation() {
    return "inv-" + ++invocations;
  }

  /** The next id of the harness's sequence: {@code m-1}, {@code e-2}, {@code a-3}, … */
  String nextId(String prefix) {
    return prefix + "-" + ++ids;
  }

  private static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A stored object: its content, and the event of its creation, which its deletion reports. */
  private record Stored(byte[] content, ObjectEvent created) {}

  /** A message, storage event (with its change) or tick waiting to be delivered. */
  private static final class Pending {
    final Message message;
    final ObjectEvent event;
    final ObjectChange change;
    final Tick tick;
    final int attempt;
    final Instant visibleAt;
    final long seq;

    /** The {@code seq} of the first delivery: where the item stands in its group's order. */
    final long order;

    /** When the first delivery was due, from which a storage event's or tick's age is counted. */
    final Instant since;

    Pending(
        Message message,
        ObjectEvent event,
        ObjectChange change,
        int attempt,
        Instant visibleAt,
        long seq,
        long order,
        Instant since) {
      this(message, event, change, null, attempt, visibleAt, seq, order, since);
    }

    /**
     * The retry of a failed tick, as it was first fired at {@code since}, due at {@code visibleAt}.
     */
    Pending(Tick tick, int attempt, Instant visibleAt, long seq, Instant since) {
      this(null, null, null, tick, attempt, visibleAt, seq, seq, since);
    }

    private Pending(
        Message message,
        ObjectEvent event,
        ObjectChange change,
        Tick tick,
        int attempt,
        Instant visibleAt,
        long seq,
        long order,
        Instant since) {
      this.order = order;
      this.since = since;
      this.message = message;
      this.event = event;
      this.change = change;
      this.tick = tick;
      this.attempt = attempt;
      this.visibleAt = visibleAt;
      this.seq = seq;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Pending && ((Pending) other).seq == seq;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(seq);
    }
  }

  /** Configures a {@link Harness}. */
  public static final class Builder {
    private final List<Class<?>> classes = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private DeliveryPolicy policy = DeliveryPolicy.sqs();
    private StoragePolicy storage;
    private StoragePolicy.Preset storagePreset = StoragePolicy.Preset.CLOUD;
    private StoragePolicy schedules;
    private Instant start = VirtualClock.DEFAULT_START;
    private Cloud cloud = Cloud.LOCAL;
    private boolean azureBlobTrigger;
    private final List<Class<? extends StorageFunction>> azureBlobTriggerFunctions =
        new ArrayList<>();
    private FunctionFactory factory;
    private ClassLoader loader =
        Thread.currentThread().getContextClassLoader() != null
            ? Thread.currentThread().getContextClassLoader()
            : Harness.class.getClassLoader();
    private Consumer<String> echo;
    private final Set<String> versionedBuckets = new LinkedHashSet<>();

    private Builder() {}

    /**
     * The function classes to host; without any, the classpath's function index is used, and {@link
     * #build()} refuses a class path that declares no function ({@link
     * FunctionIndex#loadDeclared}).
     */
    public Builder functions(Class<?>... functions) {
      for (Class<?> f : requireNonNull(functions, "functions == null")) {
        classes.add(requireNonNull(f, "function == null"));
      }
      return this;
    }

    /** A setting, as {@code ${NAME}} references and {@code context.setting(name)} see it. */
    public Builder setting(String name, String value) {
      settings.put(requireNonNull(name, "name == null"), requireNonNull(value, "value == null"));
      return this;
    }

    public Builder settings(Map<String, String> values) {
      values.forEach(this::setting);
      return this;
    }

    /**
     * How queue messages are delivered, and how storage events are retried without a cloud or with
     * {@link #storageDelivery(StoragePolicy.Preset) storageDelivery(Preset.DELIVERY)}, unless
     * {@link #storageDelivery(StoragePolicy)} chooses their policy.
     */
    public Builder delivery(DeliveryPolicy policy) {
      this.policy = requireNonNull(policy, "policy == null");
      return this;
    }

    /**
     * Retries every storage function's events as {@code policy} says, on every cloud, rather than
     * as each cloud does: {@code storageDelivery(StoragePolicy.eventarcWithRetry())} for a function
     * deployed with {@code --retry}, {@code storageDelivery(StoragePolicy.lambdaAsync()
     * .withDeadLetter("uploads-failed"))} for one with an on-failure destination.
     */
    public Builder storageDelivery(StoragePolicy policy) {
      this.storage = requireNonNull(policy, "policy == null");
      this.storagePreset = null;
      return this;
    }

    /**
     * Retries storage events as the preset says: {@link StoragePolicy.Preset#CLOUD} as each cloud
     * does (the default), {@link StoragePolicy.Preset#DELIVERY} as the delivery policy retries
     * messages, on every cloud, and the others as their policy, as {@link
     * #storageDelivery(StoragePolicy)} does.
     */
    public Builder storageDelivery(StoragePolicy.Preset preset) {
      requireNonNull(preset, "preset == null");
      this.storage = preset.policy().orElse(null);
      this.storagePreset = preset;
      return this;
    }

    /**
     * Retries every schedule function's failed ticks as {@code policy} says, on every cloud, rather
     * than as each cloud does, with the same {@link StoragePolicy} that retries storage events: an
     * EventBridge rule invokes Lambda asynchronously as S3 does, so one event invoke config sets
     * both. {@code scheduleDelivery(StoragePolicy.lambdaAsync().withMaxAttempts(1))} for a function
     * whose {@code MaximumRetryAttempts} is 0, {@code
     * scheduleDelivery(StoragePolicy.lambdaAsync().withDeadLetter("nightly-failed"))} for one with
     * an on-failure destination; {@link StoragePolicy#lambdaAsync()} refuses values Lambda does not
     * take. Without it, ticks are retried as {@link Harness#schedulePolicy()} says. In a test,
     * {@link TernTest#schedule()} chooses a preset: {@code @TernTest(value = Nightly.class,
     * schedule = StoragePolicy.Preset.LAMBDA_ASYNC)}.
     */
    public Builder scheduleDelivery(StoragePolicy policy) {
      this.schedules = requireNonNull(policy, "policy == null");
      return this;
    }

    public Builder startingAt(Instant start) {
      this.start = requireNonNull(start, "start == null");
      return this;
    }

    /** Sends every event through this cloud's real adapter in native form. */
    public Builder cloud(Cloud cloud) {
      this.cloud = requireNonNull(cloud, "cloud == null");
      return this;
    }

    /**
     * Through the Azure shape, delivers every storage function's events as the blob trigger binds
     * them rather than as Event Grid blob events, as for functions built with {@code
     * -Atern.azure.storage=blob}: the function then sees the object's user metadata, and the event
     * id {@code <container>/<name>@<etag>} (see {@link AzureShape#withBlobTrigger()}). To choose it
     * for some functions only, use {@link #azureBlobTrigger(Class[])}. A function whose generated
     * Azure entry binds the blob trigger gets it without this; the option is for apps whose class
     * path holds no entries.
     *
     * <p>The blob trigger fires only for created or overwritten blobs, so {@link #build()} refuses
     * a storage function that wants other kinds, as Tern's Azure build does. With any other cloud
     * this has no effect, so one builder serves every run of {@link AcrossClouds}.
     */
    public Builder azureBlobTrigger() {
      this.azureBlobTrigger = true;
      return this;
    }

    /**
     * Through the Azure shape, delivers the events of these storage functions as the blob trigger
     * binds them, and those of the others as Event Grid blob events, as for functions built with
     * {@code -Atern.azure.bindings=Thumbnails=blob}: {@code azureBlobTrigger(Thumbnails.class)}.
     * The chosen functions see what {@link #azureBlobTrigger()} gives every storage function; calls
     * add up, and {@link #azureBlobTrigger()} still chooses all.
     *
     * <p>{@link #build()} refuses a chosen function that wants kinds other than {@code CREATED}, as
     * Tern's Azure build does, and on every cloud a class that is not one of the harness's storage
     * functions; otherwise other clouds are not affected.
     */
    @SafeVarargs
    public final Builder azureBlobTrigger(Class<? extends StorageFunction>... functions) {
      for (Class<? extends StorageFunction> f : requireNonNull(functions, "functions == null")) {
        azureBlobTriggerFunctions.add(requireNonNull(f, "function == null"));
      }
      return this;
    }

    /**
     * Declares buckets that keep versions, as S3 versioning, Cloud Storage Object Versioning and
     * Azure blob versioning do: {@code versionedBuckets("photos")}, by the names {@link
     * Harness#putObject(String, String, byte[], String)} is given. Calls add up; other buckets keep
     * no versions. Through a cloud shape, it changes what the function is sent:
     *
     * <ul>
     *   <li>AWS: {@code s3.object.versionId}, which S3 sends only for versioned buckets, and a
     *       deletion leaves a delete marker ({@code ObjectRemoved:DeleteMarkerCreated}).
     *   <li>GCP: an overwritten or deleted object becomes noncurrent, reported as {@code ARCHIVED}
     *       ({@code archived}) rather than {@code DELETED}.
     *   <li>Azure: the blob trigger's {@code VersionId}; Event Grid blob events have no version
     *       field, so with them nothing changes.
     * </ul>
     *
     * <p>Without a cloud nothing changes: the events always carry a generation as version.
     */
    public Builder versionedBuckets(String... buckets) {
      for (String bucket : requireNonNull(buckets, "buckets == null")) {
        requireNonNull(bucket, "bucket == null");
        if (bucket.isBlank()) {
          throw new InvalidValueException("a versioned bucket has no name");
        }
        versionedBuckets.add(bucket);
      }
      return this;
    }

    /**
     * Creates function instances, for example from a DI container or with test doubles. Without
     * one, the harness uses the factory the class path's function index declares ({@link
     * dev.tern.CreatesFunctions}), created from {@link #classLoader(ClassLoader)}'s loader, or else
     * each function's public no-argument constructor. With either factory, a function class need
     * not have that constructor.
     */
    public Builder factory(FunctionFactory factory) {
      this.factory = requireNonNull(factory, "factory == null");
      return this;
    }

    public Builder classLoader(ClassLoader loader) {
      this.loader = requireNonNull(loader, "loader == null");
      return this;
    }

    /** Also passes every log line to {@code echo}, for example {@code System.out::println}. */
    public Builder echoLogs(Consumer<String> echo) {
      this.echo = echo;
      return this;
    }

    public Harness build() {
      return new Harness(this);
    }
  }
}
