package dev.tern.spi;

import static java.util.Objects.requireNonNull;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.ConfigurationException;
import dev.tern.Context;
import dev.tern.FunctionFailedException;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.HttpStatusException;
import dev.tern.InvalidValueException;
import dev.tern.Log;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.QueueFunction;
import dev.tern.ScheduleFunction;
import dev.tern.StorageFunction;
import dev.tern.Tick;
import dev.tern.UnreadableBodyException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls functions with normalized events and turns what they do into outcomes an adapter can
 * translate, with the same failure rules on every cloud:
 *
 * <ul>
 *   <li>HTTP: no route is 404, a wrong method 405 with {@code Allow}, a request body the function
 *       could not read ({@link dev.tern.UnreadableBodyException} about the request's body) or
 *       request headers that turned out malformed when it read them ({@link InvalidValueException}
 *       {@linkplain InvalidValueException#isAbout(dev.tern.Headers) about} them) 400, an {@link
 *       HttpStatusException} its own response (a 4xx logged at {@code INFO} as an answer, a 5xx at
 *       {@code ERROR} as a failure), any other exception or {@code Error} 500 with a generic body
 *       (out of memory is left to the platform); the exception is logged with the invocation id and
 *       never sent to the client.
 *   <li>Queue, storage, schedule: an exception becomes {@link FunctionFailedException}, the
 *       adapter's signal to the platform to retry or dead-letter. In a batch only the failing
 *       messages fail; in an ordered batch the first failure and every later message fail, and the
 *       later ones are not processed.
 *   <li>Auth: an exception at a blocking moment denies (fail closed); elsewhere it fails.
 * </ul>
 *
 * <p>Each function class is instantiated once, on first use (or by {@link #instantiateAll()}), and
 * shared by all threads. A dispatcher is safe to use from many threads.
 *
 * @since 0.1
 */
public final class Dispatcher {
  /** The body of every 500 answer. */
  public static final String INTERNAL_ERROR = "Internal Server Error";

  /** The denial message when an auth function fails at a blocking moment. */
  public static final String AUTH_FAILED = "The request could not be processed";

  /**
   * Holds the denial {@link #auth} gives when the function fails at a blocking moment, told apart
   * by identity, so that no decision a function makes, even with the same message, is taken for it.
   * A class of its own so that only a deployment with auth functions makes it.
   */
  private static final class Failed {
    static final AuthDecision DENIAL = AuthDecision.deny(AUTH_FAILED);
  }

  /** Creates the context for one invocation of one function. */
  @FunctionalInterface
  public interface Contexts {
    Context create(FunctionDescriptor function);
  }

  /**
   * What happened to a batch: the ids that failed (to report back to the platform), in batch order,
   * each with its exception.
   */
  public record BatchResult(List<String> failedIds, Map<String, Throwable> errors) {
    public BatchResult {
      failedIds = List.copyOf(failedIds);
      errors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    public boolean allSucceeded() {
      return failedIds.isEmpty();
    }
  }

  private final Router router;
  private final FunctionFactory factory;
  private final ClassLoader loader;
  private final Map<String, Object> instances;
  private final Clock clock;

  private Dispatcher(
      Router router,
      FunctionFactory factory,
      ClassLoader loader,
      Map<String, Object> instances,
      Clock clock) {
    this.router = router;
    this.factory = factory;
    this.loader = loader;
    this.instances = instances;
    this.clock = clock;
  }

  public static Dispatcher create(Router router, FunctionFactory factory, ClassLoader loader) {
    return new Dispatcher(
        requireNonNull(router, "router == null"),
        requireNonNull(factory, "factory == null"),
        requireNonNull(loader, "loader == null"),
        new ConcurrentHashMap<>(),
        null);
  }

  /**
   * The same dispatcher (same function instances) whose functions read the time from {@code clock},
   * whatever context the adapter creates. The harness uses it to run cloud-shaped tests on its
   * virtual clock.
   */
  public Dispatcher withClock(Clock clock) {
    return new Dispatcher(
        router, factory, loader, instances, requireNonNull(clock, "clock == null"));
  }

  /**
   * A dispatcher for the functions in the classpath's index, configured by environment. When the
   * index declares a {@linkplain dev.tern.CreatesFunctions function factory}, it is created now,
   * from {@code loader}, and creates every function; otherwise each function's public no-argument
   * constructor does.
   *
   * @throws ConfigurationException if the index declares no function ({@link
   *     FunctionIndex#readDeclared}), if its factory cannot be created ({@link
   *     FunctionFactory#declared}), or as {@link Router#create}
   */
  public static Dispatcher fromIndex(ClassLoader loader, Settings settings) {
    FunctionIndex index = FunctionIndex.readDeclared(loader);
    Router router = Router.create(index.functions(), settings);
    // Read from the index already in hand: without a factory, nothing more is loaded or read.
    String factory = index.factory().orElse(null);
    return create(
        router,
        factory == null ? FunctionFactory.reflective() : FunctionFactory.declared(factory, loader),
        loader);
  }

  public Router router() {
    return router;
  }

  /** Creates every function now, as at cold start; a constructor's exception propagates. */
  public void instantiateAll() {
    Optional<FunctionDescriptor> pinned = router.pinned();
    if (pinned.isPresent()) {
      instance(pinned.get());
      return;
    }
    for (FunctionDescriptor d : router.functions()) {
      instance(d);
    }
  }

  /** The (single) instance of a function. */
  public Object instance(FunctionDescriptor function) {
    Object existing = instances.get(function.name());
    if (existing != null) {
      return existing;
    }
    synchronized (instances) {
      existing = instances.get(function.name());
      if (existing == null) {
        existing = newInstance(function);
        instances.put(function.name(), existing);
      }
      return existing;
    }
  }

  private Object newInstance(FunctionDescriptor function) {
    Class<?> type;
    try {
      type = Class.forName(function.className(), true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException(
          "function " + function.name() + ": class " + function.className() + " cannot be loaded",
          e);
    }
    try {
      return factory.create(type);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ConfigurationException(
          "function " + function.name() + ": " + type.getName() + " could not be created", e);
    }
  }

  /** Routes and serves an HTTP request; never throws for what the function does. */
  public HttpResponse http(HttpRequest request, Contexts contexts) {
    Router.HttpRoute route = router.routeHttp(request.method(), request.path());
    // Comparisons rather than a switch: a switch on an enum costs a cold JVM one more class.
    if (route.outcome() == Router.Outcome.NOT_FOUND) {
      return HttpResponse.notFound();
    }
    if (route.outcome() == Router.Outcome.METHOD_NOT_ALLOWED) {
      return HttpResponse.text("Method Not Allowed")
          .withStatus(405)
          .withHeader("Allow", String.join(", ", route.allowed()));
    }
    FunctionDescriptor function = route.function();
    Context context = context(contexts, function);
    HttpRequest routed = request.withRoute(function.route(), route.params());
    try {
      HttpFunction fn = (HttpFunction) instance(function);
      HttpResponse response = fn.handle(routed, context);
      if (response == null) {
        throw new FunctionFailedException("function " + function.name() + " returned null");
      }
      return response;
    } catch (Exception | Error e) {
      // An answer the function threw is sent as it is; a 4xx among them is the client's fault, not
      // the function's failure. Tested with instanceof rather than a catch clause of its own, which
      // would make the verifier load the class on the first request.
      if (e instanceof HttpStatusException) {
        HttpResponse answer = ((HttpStatusException) e).response();
        if (answer.status() < 500) {
          context.log().log(
              Log.Level.INFO,
              "function answered a client error",
              Map.of(
                  "function",
                  function.name(),
                  "status",
                  answer.status(),
                  "error",
                  String.valueOf(e.getMessage())),
              null);
        } else {
          context.log().log(
              Log.Level.ERROR, "function failed", Map.of("function", function.name()), e);
        }
        return answer;
      }
      // Only the request's own body or headers that cannot be read are the client's fault (an
      // adapter may defer reading the headers until asked). A body the function fetched
      // elsewhere, a payload it made itself, any other exception or Error (an assertion, a class
      // it could not link, a stack overflow) is its failure: a 500. Out of memory, or the JVM
      // failing, is left to the platform, since answering could fail as well.
      String unreadable =
          e instanceof UnreadableBodyException
                  && ((UnreadableBodyException) e).isAbout(routed.body())
              ? "request body could not be read"
              : e instanceof InvalidValueException
                      && ((InvalidValueException) e).isAbout(routed.headers())
                  ? "request headers could not be read"
                  : null;
      if (unreadable != null) {
        context.log().log(
            Log.Level.WARN,
            unreadable,
            Map.of("function", function.name(), "error", e.getMessage()),
            null);
        return HttpResponse.text("Bad Request: " + e.getMessage()).withStatus(400);
      }
      if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
        throw (VirtualMachineError) e;
      }
      context.log().log(Log.Level.ERROR, "function failed", Map.of("function", function.name()), e);
      return HttpResponse.text(INTERNAL_ERROR).withStatus(500);
    }
  }

  /**
   * Delivers one message.
   *
   * @throws FunctionFailedException if the function threw
   * @throws dev.tern.NoFunctionException if no function consumes the message's source
   */
  public void queue(Message message, Contexts contexts) {
    FunctionDescriptor function = router.forQueue(message.source());
    Context context = context(contexts, function);
    try {
      ((QueueFunction) instance(function)).handle(message, context);
    } catch (Exception e) {
      throw failed(function, context, "message " + message.id(), e);
    }
  }

  /**
   * Delivers a batch one message at a time and reports which failed. When {@code ordered}, the
   * first failure stops the batch and every later message is reported failed unprocessed, so order
   * is kept on redelivery (SQS FIFO).
   */
  public BatchResult queueBatch(List<Message> messages, boolean ordered, Contexts contexts) {
    List<String> failed = new ArrayList<>();
    Map<String, Throwable> errors = new LinkedHashMap<>();
    for (Message message : messages) {
      if (ordered && !failed.isEmpty()) {
        failed.add(message.id());
        continue;
      }
      try {
        queue(message, contexts);
      } catch (RuntimeException e) {
        failed.add(message.id());
        errors.put(message.id(), e);
      }
    }
    return new BatchResult(failed, errors);
  }

  /** Delivers a storage event; throws {@link FunctionFailedException} if the function threw. */
  public void storage(ObjectEvent event, Contexts contexts) {
    FunctionDescriptor function = router.forStorage(event.bucket(), event.kind());
    Context context = context(contexts, function);
    try {
      ((StorageFunction) instance(function)).handle(event, context);
    } catch (Exception e) {
      throw failed(function, context, "event " + event.id(), e);
    }
  }

  /** Delivers a tick to the schedule it names. */
  public void schedule(Tick tick, Contexts contexts) {
    schedule(router.forSchedule(tick.name()), tick, contexts);
  }

  /** Delivers a tick to a known schedule function (for sources that do not name it). */
  public void schedule(FunctionDescriptor function, Tick tick, Contexts contexts) {
    Context context = context(contexts, function);
    try {
      ((ScheduleFunction) instance(function)).handle(tick, context);
    } catch (Exception e) {
      throw failed(function, context, "tick " + tick.name(), e);
    }
  }

  /**
   * Runs an auth moment. At a blocking moment an exception denies with {@link #AUTH_FAILED}, a
   * denial {@link #isFailure} tells from the function's own; at other moments an exception or a
   * denial throws {@link FunctionFailedException}.
   */
  public AuthDecision auth(AuthEvent event, Contexts contexts) {
    FunctionDescriptor function = router.forAuth(event.moment());
    Context context = context(contexts, function);
    AuthDecision decision;
    try {
      decision = ((AuthFunction) instance(function)).handle(event, context);
      if (decision == null) {
        throw new FunctionFailedException("function " + function.name() + " returned null");
      }
    } catch (Exception e) {
      if (!event.moment().isBlocking()) {
        throw failed(function, context, event.moment() + " event", e);
      }
      context.log().log(
          Log.Level.ERROR,
          "auth function failed; denying",
          Map.of("function", function.name(), "moment", event.moment().name()),
          e);
      return Failed.DENIAL;
    }
    if (!decision.isAllowed() && !event.moment().isBlocking()) {
      throw new FunctionFailedException(
          "function "
              + function.name()
              + " denied at "
              + event.moment()
              + ", which is not a blocking moment: "
              + decision.message().orElse(""));
    }
    return decision;
  }

  /**
   * Whether {@code decision} is the denial {@link #auth} gave because the function failed, rather
   * than one the function made: a platform whose callers tell a failure from a refusal (Identity
   * Platform's error status) answers it as a failure, still without approving.
   */
  public static boolean isFailure(AuthDecision decision) {
    return decision == Failed.DENIAL;
  }

  private Context context(Contexts contexts, FunctionDescriptor function) {
    Context context = contexts.create(function);
    return clock == null ? context : new ClockedContext(context, clock);
  }

  /** A context that reads the time from another clock; everything else is the adapter's. */
  private static final class ClockedContext implements Context {
    private final Context delegate;
    private final Clock clock;

    ClockedContext(Context delegate, Clock clock) {
      this.delegate = delegate;
      this.clock = clock;
    }

    @Override
    public String invocationId() {
      return delegate.invocationId();
    }

    @Override
    public String functionName() {
      return delegate.functionName();
    }

    @Override
    public dev.tern.Cloud cloud() {
      return delegate.cloud();
    }

    @Override
    public java.util.Optional<java.time.Instant> deadline() {
      return delegate.deadline();
    }

    @Override
    public java.util.Optional<String> traceId() {
      return delegate.traceId();
    }

    @Override
    public Log log() {
      return delegate.log();
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public java.util.Optional<String> setting(String name) {
      return delegate.setting(name);
    }

    @Override
    public <T> java.util.Optional<T> unwrap(Class<T> type) {
      return delegate.unwrap(type);
    }
  }

  private static FunctionFailedException failed(
      FunctionDescriptor function, Context context, String what, Exception e) {
    context.log().log(
        Log.Level.ERROR, "function failed", Map.of("function", function.name(), "event", what), e);
    return e instanceof FunctionFailedException
        ? (FunctionFailedException) e
        : new FunctionFailedException(
            "function " + function.name() + " failed on " + what + ": " + e.getClass().getName(),
            e);
  }
}
