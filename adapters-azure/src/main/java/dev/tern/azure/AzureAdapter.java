package dev.tern.azure;

import static java.util.Objects.requireNonNull;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import dev.tern.AuthDecision;
import dev.tern.ConfigurationException;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.Log;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.TernException;
import dev.tern.Tick;
import dev.tern.UndecodablePayloadException;
import dev.tern.azure.internal.AuthMapper;
import dev.tern.azure.internal.AzureContext;
import dev.tern.azure.internal.EntraToken;
import dev.tern.azure.internal.HttpMapper;
import dev.tern.azure.internal.QueueMapper;
import dev.tern.azure.internal.StorageMapper;
import dev.tern.azure.internal.TimerMapper;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.JsonLog;
import dev.tern.spi.Settings;
import dev.tern.spi.TriggerKind;
import dev.tern.spi.Warmup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs Tern functions on Azure Functions. The entry classes that tern-azure's annotation processor
 * generates (one per function, such as {@code OrdersAzureEntry}) call one method here per trigger
 * kind with what the Java worker bound; the adapter builds the neutral event, hands it to the
 * {@link Dispatcher} and turns the outcome into the worker's answer: an {@link
 * HttpResponseMessage}, a normal return (the message is completed), or an exception (the worker
 * reports the invocation failed, and the trigger retries, poisons or dead-letters).
 *
 * <pre>{@code
 * // what a generated entry does; tests do the same with fakes of the worker's interfaces
 * AzureAdapter adapter = AzureAdapter.create(dispatcher);
 * HttpResponseMessage response = adapter.http(request, executionContext, "Hello");
 * }</pre>
 *
 * <p>Settings (app settings, read as environment variables): {@value #ROUTE_PREFIX}, {@value
 * #TRUST_PRINCIPAL}, {@value #QUEUE_ENCODING}, {@value #AUTH_VERIFY}, {@value #AUTH_USER}, {@value
 * #AUTH_PASSWORD}, {@value #AUTH_TENANT}, {@value #AUTH_AUTHORITY_HOST}, {@value #AUTH_AUDIENCE},
 * {@value #AUTH_DENY}, {@value #B2C_EXTENSIONS_APP}, {@value #LOG_LEVEL}; see the module README.
 *
 * <p>An adapter is safe to use from many threads.
 *
 * @since 0.1
 */
public final class AzureAdapter {
  /**
   * The host's HTTP route prefix, removed from request paths; {@code api} like the host's default.
   */
  public static final String ROUTE_PREFIX = "TERN_AZURE_ROUTE_PREFIX";

  /** {@code true} when App Service Authentication sets {@code X-MS-CLIENT-PRINCIPAL}. */
  public static final String TRUST_PRINCIPAL = "TERN_AZURE_TRUST_CLIENT_PRINCIPAL";

  /** {@code host} (default: the host decoded the queue message) or {@code base64}. */
  public static final String QUEUE_ENCODING = "TERN_AZURE_QUEUE_ENCODING";

  /**
   * How identity callouts are authenticated: {@code basic} (default), {@code bearer} (Entra's
   * signed token to a custom authentication extension), {@code principal}, {@code key}.
   */
  public static final String AUTH_VERIFY = "TERN_AZURE_AUTH_VERIFY";

  /** The user name the B2C API connector sends with basic authentication. */
  public static final String AUTH_USER = "TERN_AZURE_AUTH_USERNAME";

  /** The password the B2C API connector sends with basic authentication. */
  public static final String AUTH_PASSWORD = "TERN_AZURE_AUTH_PASSWORD";

  /** With {@code bearer}: the directory (tenant) id whose tokens are accepted, a GUID. */
  public static final String AUTH_TENANT = "TERN_AZURE_AUTH_TENANT_ID";

  /**
   * With {@code bearer}: the host of the tenant's authority, {@code login.microsoftonline.com}
   * (default) or, for an External ID tenant, {@code <tenant-id>.ciamlogin.com}.
   */
  public static final String AUTH_AUTHORITY_HOST = "TERN_AZURE_AUTH_AUTHORITY_HOST";

  /**
   * With {@code bearer}: the audience the token must name, the custom authentication extension's
   * app registration: its application (client) id or its application id URI, as in the token.
   */
  public static final String AUTH_AUDIENCE = "TERN_AZURE_AUTH_AUDIENCE";

  /**
   * {@code block} (default) or {@code validation}: how a {@code deny(message)} before sign-up is
   * shown, for the whole deployment. {@code AuthDecision.invalid(message)} is the per-decision way
   * to ask for a validation error, and is one whatever this says.
   */
  public static final String AUTH_DENY = "TERN_AZURE_AUTH_DENY";

  /**
   * The client id of the tenant's b2c-extensions-app, where B2C and Entra External ID keep custom
   * attributes, to name those a function sets that did not arrive in the request.
   */
  public static final String B2C_EXTENSIONS_APP = "TERN_AZURE_B2C_EXTENSIONS_APP_ID";

  /**
   * The lowest log level written: {@code DEBUG}, {@code INFO} (default), {@code WARN}, {@code
   * ERROR}.
   */
  public static final String LOG_LEVEL = JsonLog.LEVEL_SETTING;

  private static volatile AzureAdapter shared;

  private final Dispatcher dispatcher;
  private final Settings settings;
  private final Clock clock;
  private final Log.Level threshold;
  private final String routePrefix;
  private final boolean trustsPrincipal;

  /** {@value #QUEUE_ENCODING} is {@code base64}: the adapter decodes queue messages itself. */
  private final boolean decodesBase64;

  /** {@value #AUTH_DENY} is {@code validation}. */
  private final boolean denialsValidate;

  /** Given for tests; otherwise made from the settings by the first bearer callout. */
  private volatile AzureKeySource keys;

  /** The index's functions by name: each invocation names its function. */
  private final Map<String, FunctionDescriptor> functions;

  private AzureAdapter(Dispatcher dispatcher, Settings settings, Clock clock, AzureKeySource keys) {
    this.dispatcher = dispatcher;
    this.keys = keys;
    this.functions = new HashMap<>();
    for (FunctionDescriptor d : dispatcher.router().functions()) {
      functions.putIfAbsent(d.name(), d);
    }
    this.settings = settings;
    this.clock = clock;
    this.threshold = JsonLog.threshold(settings);
    this.routePrefix = HttpMapper.routePrefix(settings.get(ROUTE_PREFIX).orElse("api"));
    this.trustsPrincipal = settings.flag(TRUST_PRINCIPAL);
    this.decodesBase64 = settings.choice(QUEUE_ENCODING, "host", "base64").equals("base64");
    this.denialsValidate = settings.choice(AUTH_DENY, "block", "validation").equals("validation");
  }

  /**
   * The adapter of this process, built on first use from the function index on the classpath and
   * the environment. Generated entries use it.
   *
   * @throws ConfigurationException if the index is missing or inconsistent
   */
  public static AzureAdapter shared() {
    AzureAdapter adapter = shared;
    if (adapter == null) {
      synchronized (AzureAdapter.class) {
        adapter = shared;
        if (adapter == null) {
          // Jackson and the neutral types load on another thread while this one reads the index.
          if (Warmup.worthStarting()) {
            Warmup.start(Warmup.neutralHttp());
          }
          Settings environment = Settings.environment();
          ClassLoader loader = AzureAdapter.class.getClassLoader();
          adapter =
              new AzureAdapter(
                  Dispatcher.fromIndex(loader, environment), environment, Clock.systemUTC(), null);
          shared = adapter;
        }
      }
    }
    return adapter;
  }

  /** An adapter over {@code dispatcher}, reading settings from the environment. */
  public static AzureAdapter create(Dispatcher dispatcher) {
    return create(dispatcher, Settings.environment());
  }

  /** An adapter over {@code dispatcher} with explicit settings, for tests and the harness. */
  public static AzureAdapter create(Dispatcher dispatcher, Settings settings) {
    return create(dispatcher, settings, Clock.systemUTC());
  }

  /** An adapter with explicit settings and clock (the clock dates ticks and blob events). */
  public static AzureAdapter create(Dispatcher dispatcher, Settings settings, Clock clock) {
    return new AzureAdapter(
        requireNonNull(dispatcher, "dispatcher == null"),
        requireNonNull(settings, "settings == null"),
        requireNonNull(clock, "clock == null"),
        null);
  }

  /**
   * An adapter whose {@code bearer} callouts are verified with {@code keys} instead of the keys the
   * tenant publishes, for tests that sign tokens with their own keys. The clock also judges the
   * tokens' expiry.
   */
  public static AzureAdapter create(
      Dispatcher dispatcher, Settings settings, Clock clock, AzureKeySource keys) {
    return new AzureAdapter(
        requireNonNull(dispatcher, "dispatcher == null"),
        requireNonNull(settings, "settings == null"),
        requireNonNull(clock, "clock == null"),
        requireNonNull(keys, "keys == null"));
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /**
   * Serves an HTTP trigger. Never throws for what the request or the function does: an unreadable
   * request is 400, a failing function 500 (see {@link Dispatcher#http}).
   */
  public HttpResponseMessage http(
      HttpRequestMessage<?> request, ExecutionContext context, String function) {
    requireNonNull(request, "request == null");
    requireNonNull(context, "context == null");
    FunctionDescriptor descriptor = descriptor(function, TriggerKind.HTTP);
    HttpRequest neutral;
    try {
      neutral = HttpMapper.request(request, routePrefix, trustsPrincipal);
    } catch (UndecodablePayloadException | InvalidValueException e) {
      context(context, descriptor)
          .log()
          .log(Log.Level.WARN, "request refused", Map.of("error", e.getMessage()), null);
      return HttpMapper.plain(request, 400, "Bad Request");
    }
    HttpResponse response = dispatcher.http(neutral, new Contexts(context));
    try {
      return HttpMapper.response(request, response);
    } catch (InvalidValueException e) {
      context(context, descriptor)
          .log()
          .log(
              Log.Level.ERROR,
              "response cannot be sent on Azure",
              Map.of("error", e.getMessage()),
              null);
      return HttpMapper.plain(request, 500, Dispatcher.INTERNAL_ERROR);
    }
  }

  /**
   * Delivers a Queue Storage message. Returns normally when the function succeeded, so the host
   * deletes the message; throws otherwise, so it is retried and, after {@code maxDequeueCount} (5
   * by default), moved to {@code <queue>-poison}.
   */
  public void storageQueue(
      byte[] message,
      String id,
      String dequeueCount,
      String insertionTime,
      ExecutionContext context,
      String function) {
    requireNonNull(context, "context == null");
    FunctionDescriptor descriptor = descriptor(function, TriggerKind.QUEUE);
    boolean base64 = decodesBase64;
    Message neutral =
        QueueMapper.storageQueue(
            message,
            id,
            dequeueCount,
            insertionTime,
            dispatcher.router().source(descriptor),
            base64);
    dispatcher.queue(neutral, new Contexts(context));
  }

  /**
   * Delivers a Service Bus message. Throwing abandons it; the broker redelivers it until the
   * entity's maximum delivery count, then moves it to the dead-letter subqueue.
   */
  public void serviceBus(
      byte[] message,
      String messageId,
      String deliveryCount,
      String enqueuedTime,
      String properties,
      String sessionId,
      ExecutionContext context,
      String function) {
    requireNonNull(context, "context == null");
    FunctionDescriptor descriptor = descriptor(function, TriggerKind.QUEUE);
    Message neutral =
        QueueMapper.serviceBus(
            message,
            messageId,
            deliveryCount,
            enqueuedTime,
            properties,
            sessionId,
            dispatcher.router().source(descriptor));
    dispatcher.queue(neutral, new Contexts(context));
  }

  /** Fires a schedule from the timer trigger's {@code TimerInfo} JSON. */
  public void timer(String timerInfo, ExecutionContext context, String function) {
    requireNonNull(context, "context == null");
    FunctionDescriptor descriptor = descriptor(function, TriggerKind.SCHEDULE);
    Tick tick = TimerMapper.tick(timerInfo, descriptor.name(), clock.instant());
    dispatcher.schedule(tick, new Contexts(context));
  }

  /** Delivers one Event Grid event (Event Grid or CloudEvents schema) about a blob. */
  public void eventGrid(String event, ExecutionContext context, String function) {
    requireNonNull(context, "context == null");
    descriptor(function, TriggerKind.STORAGE);
    ObjectEvent neutral = StorageMapper.eventGrid(event);
    dispatcher.storage(neutral, new Contexts(context));
  }

  /** Delivers a blob trigger invocation as a {@code CREATED} event; the content is not read. */
  public void blob(
      String blobPath,
      String properties,
      String metadata,
      ExecutionContext context,
      String function) {
    requireNonNull(context, "context == null");
    descriptor(function, TriggerKind.STORAGE);
    ObjectEvent neutral = StorageMapper.blob(blobPath, properties, metadata, clock.instant());
    dispatcher.storage(neutral, new Contexts(context));
  }

  /**
   * Answers an Azure AD B2C API connector or Entra custom authentication extension. The caller is
   * verified first (see {@value #AUTH_VERIFY}); a callout that cannot be verified or read, or a
   * function that fails, is never answered with an approval.
   */
  public HttpResponseMessage auth(
      HttpRequestMessage<?> request, ExecutionContext context, String function) {
    requireNonNull(request, "request == null");
    requireNonNull(context, "context == null");
    FunctionDescriptor descriptor = descriptor(function, TriggerKind.AUTH);
    AzureContext ours = context(context, descriptor);
    Optional<String> mode = settings.get(AUTH_VERIFY);
    String verify = mode.isPresent() ? mode.get().trim().toLowerCase(Locale.ROOT) : "basic";
    Optional<String> refusal;
    try {
      refusal = verify(verify, request);
    } catch (TernException e) {
      // missing settings, or the tenant's keys out of reach: no callout can be verified
      ours.log().log(
          Log.Level.ERROR, "identity callout refused: " + e.getMessage(), Map.of(), null);
      return HttpMapper.plain(request, 500, Dispatcher.INTERNAL_ERROR);
    }
    if (refusal.isPresent()) {
      ours.log().log(
          Log.Level.WARN, "identity callout refused", Map.of("reason", refusal.get()), null);
      HttpResponseMessage.Builder builder =
          request.createResponseBuilder(com.microsoft.azure.functions.HttpStatusType.custom(401));
      if (verify.equals("basic")) {
        builder.header("WWW-Authenticate", "Basic realm=\"tern\", charset=\"UTF-8\"");
      } else if (verify.equals("bearer")) {
        builder.header("WWW-Authenticate", "Bearer");
      }
      return builder.build();
    }
    AuthMapper.Call call;
    try {
      HttpRequest neutral = HttpMapper.request(request, "", false);
      call = AuthMapper.read(neutral.body().unsafeBytes());
    } catch (TernException e) {
      ours.log().log(
          Log.Level.WARN, "identity callout not understood", Map.of("error", e.getMessage()), null);
      return HttpMapper.plain(request, 400, "Bad Request");
    }
    AuthDecision decision;
    try {
      decision = dispatcher.auth(call.event(), new Contexts(context));
    } catch (TernException e) {
      // no function for the moment, or a failure at a moment Azure does not block on
      ours.log().log(
          Log.Level.ERROR, "identity callout failed", Map.of("error", e.getMessage()), null);
      return HttpMapper.plain(request, 500, Dispatcher.INTERNAL_ERROR);
    }
    boolean validation = denialsValidate;
    String extensionsApp = settings.get(B2C_EXTENSIONS_APP).orElse(null);
    AuthMapper.Answer answer;
    try {
      answer = AuthMapper.answer(call, decision, validation, extensionsApp);
      AuthMapper.warnUnapplied(call, decision, ours);
    } catch (InvalidValueException e) {
      // an attribute value Entra would not take: fail closed, as when the function throws
      ours.log().log(
          Log.Level.ERROR,
          "auth decision cannot be expressed; denying",
          Map.of("reason", e.getMessage()),
          null);
      answer =
          AuthMapper.answer(
              call, AuthDecision.deny(Dispatcher.AUTH_FAILED), validation, extensionsApp);
    }
    HttpResponseMessage.Builder builder =
        request.createResponseBuilder(
            com.microsoft.azure.functions.HttpStatusType.custom(answer.status()));
    if (answer.json() != null) {
      builder.header("Content-Type", "application/json").body(answer.json());
    }
    return builder.build();
  }

  private Optional<String> verify(String mode, HttpRequestMessage<?> request) {
    switch (mode) {
      case "key":
        return Optional.empty(); // the function key in the URL, checked by the host
      case "principal":
        if (!trustsPrincipal) {
          throw new ConfigurationException(
              AUTH_VERIFY + "=principal needs " + TRUST_PRINCIPAL + "=true");
        }
        return header(request, HttpMapper.PRINCIPAL).isPresent()
            ? Optional.empty()
            : Optional.of("no App Service Authentication principal");
      case "bearer":
        return bearer(request);
      case "basic":
        String user = settings.get(AUTH_USER).orElse("");
        String password = settings.get(AUTH_PASSWORD).orElse("");
        if (user.isEmpty() || password.isEmpty()) {
          throw new ConfigurationException(
              AUTH_VERIFY
                  + "=basic needs "
                  + AUTH_USER
                  + " and "
                  + AUTH_PASSWORD
                  + " (the API connector's credentials)");
        }
        Optional<String> header = header(request, "Authorization");
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
          return Optional.of("no basic credentials");
        }
        byte[] expected =
            Base64.getEncoder().encode((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        byte[] given = header.get().substring(6).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given)
            ? Optional.empty()
            : Optional.of("wrong basic credentials");
      default:
        throw new ConfigurationException(
            AUTH_VERIFY + "=" + mode + " is not basic, bearer, principal or key");
    }
  }

  /**
   * Checks Entra's token to a custom authentication extension. The JWT classes load here, on the
   * first bearer callout, never at cold start.
   */
  private Optional<String> bearer(HttpRequestMessage<?> request) {
    String tenant = settings.get(AUTH_TENANT).map(String::trim).orElse("");
    String host =
        settings
            .get(AUTH_AUTHORITY_HOST)
            .map(String::trim)
            .filter(h -> !h.isEmpty())
            .orElse("login.microsoftonline.com")
            .toLowerCase(Locale.ROOT);
    String audience = settings.get(AUTH_AUDIENCE).map(String::trim).orElse("");
    if (tenant.isEmpty() || audience.isEmpty()) {
      throw new ConfigurationException(
          AUTH_VERIFY
              + "=bearer needs "
              + AUTH_TENANT
              + " (the directory id) and "
              + AUTH_AUDIENCE
              + " (the custom authentication extension's app id or app id URI)");
    }
    if (!EntraToken.isTenantId(tenant)) {
      throw new ConfigurationException(
          AUTH_TENANT
              + " is not a directory (tenant) id such as "
              + "aaaabbbb-0000-cccc-1111-dddd2222eeee");
    }
    if (!EntraToken.isHost(host)) {
      throw new ConfigurationException(
          AUTH_AUTHORITY_HOST
              + " is not a host name such as "
              + "login.microsoftonline.com or <tenant-id>.ciamlogin.com");
    }
    tenant = tenant.toLowerCase(Locale.ROOT);
    AzureKeySource source = keys;
    if (source == null) {
      source =
          AzureKeySource.entra(java.net.URI.create("https://" + host + "/" + tenant + "/v2.0"));
      keys = source;
    }
    EntraToken.Expected expected =
        new EntraToken.Expected(EntraToken.issuers(host, tenant), audience);
    return EntraToken.refusal(
        header(request, "Authorization").orElse(null), expected, source, clock.instant());
  }

  private static Optional<String> header(HttpRequestMessage<?> request, String name) {
    Map<String, String> headers = request.getHeaders();
    if (headers == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** Whether setting {@code name} is {@code value}, ignoring case and surrounding blanks. */
  private FunctionDescriptor descriptor(String function, TriggerKind kind) {
    requireNonNull(function, "function == null");
    FunctionDescriptor d = functions.get(function);
    if (d != null) {
      if (d.kind() != kind) {
        throw new ConfigurationException(
            "azure: the entry of "
                + function
                + " serves a "
                + kind.name().toLowerCase(Locale.ROOT)
                + " trigger, but the function index declares it "
                + d.describe()
                + "; rebuild so the entries and the index agree");
      }
      return d;
    }
    throw new ConfigurationException(
        "azure: the entry of "
            + function
            + " has no function in the "
            + "index; declared: "
            + dispatcher.router().functions().stream().map(FunctionDescriptor::name).toList());
  }

  private AzureContext context(ExecutionContext context, FunctionDescriptor function) {
    return new AzureContext(context, function, settings, threshold);
  }

  /** The contexts of one invocation the worker bound {@code execution} to. */
  private final class Contexts implements Dispatcher.Contexts {
    private final ExecutionContext execution;

    Contexts(ExecutionContext execution) {
      this.execution = execution;
    }

    @Override
    public AzureContext create(FunctionDescriptor function) {
      return context(execution, function);
    }
  }
}
