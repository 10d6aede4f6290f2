package dev.tern.aws;

import dev.tern.AuthMoment;
import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.HttpResponse;
import dev.tern.Log;
import dev.tern.aws.internal.Json;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * SnapStart priming: before Lambda snapshots the initialized JVM, run one synthetic event of each
 * declared kind through the whole path — parse, detect, map, dispatch, write the answer — so the
 * classes and JIT state of that path are in the snapshot
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html).
 *
 * <p>{@code TERN_AWS_PRIMING} chooses what runs: {@code adapter} (the default) runs the synthetic
 * events through the adapter with the functions replaced by no-ops, so no function's side effects
 * or state end up in the snapshot; {@code functions} also calls each function with its synthetic
 * event, whose {@link Context#invocationId()} is {@value #INVOCATION_ID}, for functions known to be
 * safe to call; {@code off} registers nothing. A function class that declares {@code public void
 * prime(dev.tern.Context)} is primed by that method instead, in either mode.
 *
 * <p>The Lambda runtime keeps registered resources in a weak map, so the registered resource is
 * held here, strongly, for the life of the JVM.
 */
final class Priming implements org.crac.Resource {
  /** The setting choosing what priming runs. */
  static final String SETTING = "TERN_AWS_PRIMING";

  /** The invocation id of every priming call. */
  static final String INVOCATION_ID = "tern-priming";

  /** Strong references: the runtime's CRaC context holds resources weakly. */
  private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

  private final AwsHandler handler;
  private final Settings settings;
  private final Consumer<String> log;

  Priming(AwsHandler handler, Settings settings, Consumer<String> log) {
    this.handler = handler;
    this.settings = settings;
    this.log = log;
  }

  /** Registers priming for {@code handler} with the CRaC context, unless turned off. */
  static void register(AwsHandler handler, Settings settings, Consumer<String> log) {
    // Read here, at init, so that a bad value fails the init rather than the snapshot.
    if (mode(settings).equals("off")) {
      return;
    }
    Priming priming = new Priming(handler, settings, log);
    REGISTERED.add(priming);
    try {
      org.crac.Core.getGlobalContext().register(priming);
    } catch (RuntimeException | LinkageError e) {
      // No CRaC support in this JVM: priming simply never runs.
      REGISTERED.remove(priming);
    }
  }

  /** The resources registered so far (held strongly). */
  static List<Priming> registered() {
    return List.copyOf(REGISTERED);
  }

  /**
   * {@code adapter} (the default), {@code functions} or {@code off}.
   *
   * @throws dev.tern.ConfigurationException for any other value: a mistyped mode must neither call
   *     the functions before the snapshot nor silently skip priming
   */
  static String mode(Settings settings) {
    return settings.choice(SETTING, "adapter", "functions", "off");
  }

  @Override
  public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) {
    int primed = prime();
    log.accept(
        "{\"level\":\"INFO\",\"message\":\"SnapStart priming done\",\"events\":" + primed + "}");
  }

  @Override
  public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {
    // Nothing is cached across the snapshot: contexts, deadlines and ids are per invocation.
  }

  /** Runs the synthetic events; returns how many went through. Failures are logged, not thrown. */
  int prime() {
    Dispatcher dispatcher = handler.dispatcher();
    Router router = dispatcher.router();
    // Only the functions mode calls them: off registers no hook, but a training run (Train)
    // primes whatever the mode says.
    boolean callFunctions = mode(settings).equals("functions");
    AwsHandler target =
        callFunctions
            ? handler
            : new AwsHandler(
                Dispatcher.create(router, Priming::noOp, Priming.class.getClassLoader()),
                settings,
                line -> {},
                java.time.Clock.systemUTC());
    List<FunctionDescriptor> functions = router.pinned().map(List::of).orElse(router.functions());
    int primed = 0;
    for (FunctionDescriptor function : functions) {
      try {
        // A function that declares prime(Context) asked to be called: it is, in every mode.
        if (primeByMethod(dispatcher, function)) {
          primed++;
          continue;
        }
        target.handle(Json.toBytes(synthetic(router, function)), LAMBDA_CONTEXT);
        primed++;
      } catch (RuntimeException e) {
        // A synthetic event a function refuses (a denial, a validation) is still a warmed path.
        log.accept(
            "{\"level\":\"INFO\",\"message\":\"priming event refused\",\"function\":\""
                + function.name()
                + "\",\"error\":\""
                + e.getClass().getName()
                + "\"}");
        primed++;
      }
    }
    return primed;
  }

  private boolean primeByMethod(Dispatcher dispatcher, FunctionDescriptor function)
      throws RuntimeException {
    Object instance = dispatcher.instance(function);
    Method prime;
    try {
      prime = instance.getClass().getMethod("prime", Context.class);
    } catch (NoSuchMethodException e) {
      return false;
    }
    if (!Modifier.isPublic(prime.getModifiers()) || Modifier.isStatic(prime.getModifiers())) {
      return false;
    }
    try {
      prime.invoke(instance, new PrimingContext(function, settings));
    } catch (ReflectiveOperationException e) {
      throw new dev.tern.FunctionFailedException(
          "function " + function.name() + " failed to prime", e);
    }
    return true;
  }

  /** A stand-in that does nothing, for priming the adapter alone. */
  private static Object noOp(Class<?> type) {
    if (dev.tern.HttpFunction.class.isAssignableFrom(type)) {
      return (dev.tern.HttpFunction) (request, context) -> HttpResponse.text("primed");
    }
    if (dev.tern.QueueFunction.class.isAssignableFrom(type)) {
      return (dev.tern.QueueFunction) (message, context) -> {};
    }
    if (dev.tern.StorageFunction.class.isAssignableFrom(type)) {
      return (dev.tern.StorageFunction) (event, context) -> {};
    }
    if (dev.tern.ScheduleFunction.class.isAssignableFrom(type)) {
      return (dev.tern.ScheduleFunction) (tick, context) -> {};
    }
    return (dev.tern.AuthFunction) (event, context) -> dev.tern.AuthDecision.allow();
  }

  /** A native event of the function's kind that the router sends to it. */
  static Map<String, Object> synthetic(Router router, FunctionDescriptor function) {
    String now = Instant.now().toString();
    switch (function.kind()) {
      case HTTP:
        {
          String path = function.route().replaceAll("\\{[^}]*}", "prime");
          String method = function.methods().isEmpty() ? "GET" : function.methods().get(0);
          Map<String, Object> http = new LinkedHashMap<>();
          http.put("method", method);
          http.put("path", path);
          http.put("sourceIp", "127.0.0.1");
          Map<String, Object> rc = new LinkedHashMap<>();
          rc.put("requestId", INVOCATION_ID);
          rc.put("domainName", "priming.execute-api.localhost");
          rc.put("http", http);
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("version", "2.0");
          event.put("routeKey", "$default");
          event.put("rawPath", path);
          event.put("rawQueryString", "");
          event.put("headers", Map.of("content-type", "application/json"));
          event.put("requestContext", rc);
          event.put("isBase64Encoded", false);
          return event;
        }
      case QUEUE:
        {
          Map<String, Object> record = new LinkedHashMap<>();
          record.put("messageId", INVOCATION_ID);
          record.put("body", "{}");
          record.put("attributes", Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "0"));
          record.put("messageAttributes", Map.of());
          record.put("eventSource", "aws:sqs");
          record.put(
              "eventSourceARN", "arn:aws:sqs:priming:000000000000:" + router.source(function));
          return Map.of("Records", List.of(record));
        }
      case STORAGE:
        {
          Map<String, Object> s3 = new LinkedHashMap<>();
          s3.put("bucket", Map.of("name", router.source(function)));
          s3.put("object", Map.of("key", "tern-priming", "size", 0L, "sequencer", "0"));
          Map<String, Object> record = new LinkedHashMap<>();
          record.put("eventSource", "aws:s3");
          record.put("eventTime", now);
          record.put(
              "eventName",
              function.objectKinds().contains(dev.tern.ObjectEvent.Kind.CREATED)
                      || function.objectKinds().isEmpty()
                  ? "ObjectCreated:Put"
                  : "ObjectRemoved:Delete");
          record.put("responseElements", Map.of("x-amz-request-id", INVOCATION_ID));
          record.put("s3", s3);
          return Map.of("Records", List.of(record));
        }
      case SCHEDULE:
        {
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("version", "0");
          event.put("id", INVOCATION_ID);
          event.put("detail-type", "Scheduled Event");
          event.put("source", "aws.events");
          event.put("time", now);
          String rule = router.source(function);
          event.put(
              "resources",
              List.of(
                  rule.startsWith("arn:")
                      ? rule
                      : "arn:aws:events:priming:000000000000:rule/" + rule));
          event.put("detail", Map.of());
          return event;
        }
      default:
        {
          AuthMoment moment =
              function.moments().stream().sorted().findFirst().orElse(AuthMoment.BEFORE_SIGN_UP);
          String trigger;
          switch (moment) {
            case AFTER_SIGN_UP:
              trigger = "PostConfirmation_ConfirmSignUp";
              break;
            case BEFORE_SIGN_IN:
              trigger = "PreAuthentication_Authentication";
              break;
            case AFTER_SIGN_IN:
              trigger = "PostAuthentication_Authentication";
              break;
            case TOKEN_ISSUANCE:
              trigger = "TokenGeneration_Authentication";
              break;
            default:
              trigger = "PreSignUp_SignUp";
          }
          Map<String, Object> request = new LinkedHashMap<>();
          request.put(
              "userAttributes", Map.of("sub", INVOCATION_ID, "email", "priming@example.invalid"));
          Map<String, Object> event = new LinkedHashMap<>();
          event.put("version", "1");
          event.put("triggerSource", trigger);
          event.put("userPoolId", "priming");
          event.put("userName", INVOCATION_ID);
          event.put("callerContext", Map.of("clientId", INVOCATION_ID));
          event.put("request", request);
          event.put("response", new LinkedHashMap<>());
          return event;
        }
    }
  }

  /** The Lambda context of priming calls: request id {@value #INVOCATION_ID}, no deadline. */
  private static final com.amazonaws.services.lambda.runtime.Context LAMBDA_CONTEXT =
      new com.amazonaws.services.lambda.runtime.Context() {
        @Override
        public String getAwsRequestId() {
          return INVOCATION_ID;
        }

        @Override
        public String getLogGroupName() {
          return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
        }

        @Override
        public String getLogStreamName() {
          return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
        }

        @Override
        public String getFunctionName() {
          return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        }

        @Override
        public String getFunctionVersion() {
          return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
        }

        @Override
        public String getInvokedFunctionArn() {
          return "";
        }

        @Override
        public com.amazonaws.services.lambda.runtime.CognitoIdentity getIdentity() {
          return null;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.ClientContext getClientContext() {
          return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
          return 0;
        }

        @Override
        public int getMemoryLimitInMB() {
          return 0;
        }

        @Override
        public com.amazonaws.services.lambda.runtime.LambdaLogger getLogger() {
          return null;
        }
      };

  /** The context handed to a function's own {@code prime} method. */
  private static final class PrimingContext implements Context {
    private final FunctionDescriptor function;
    private final Settings settings;

    PrimingContext(FunctionDescriptor function, Settings settings) {
      this.function = function;
      this.settings = settings;
    }

    @Override
    public String invocationId() {
      return INVOCATION_ID;
    }

    @Override
    public String functionName() {
      return function.name();
    }

    @Override
    public Cloud cloud() {
      return Cloud.AWS;
    }

    @Override
    public Optional<Instant> deadline() {
      return Optional.empty();
    }

    @Override
    public Optional<String> traceId() {
      return Optional.empty();
    }

    @Override
    public Log log() {
      return (level, message, fields, error) -> {};
    }

    @Override
    public Optional<String> setting(String name) {
      return settings.get(name);
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
      return Optional.empty();
    }
  }
}
