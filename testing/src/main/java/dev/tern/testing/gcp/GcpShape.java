package dev.tern.testing.gcp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.Body;
import dev.tern.Cloud;
import dev.tern.FunctionFailedException;
import dev.tern.Headers;
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
import dev.tern.gcp.GcpEventFunction;
import dev.tern.gcp.GcpHttpFunction;
import dev.tern.gcp.GcpKeySource;
import dev.tern.gcp.GcpSettings;
import dev.tern.gcp.internal.GcpRuntime;
import dev.tern.gcp.internal.HttpAdapter;
import dev.tern.jackson.TernJson;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import dev.tern.testing.CloudShape;
import dev.tern.testing.internal.CookieHeader;
import dev.tern.testing.internal.LoggedFailure;
import dev.tern.testing.internal.ShapeLog;
import dev.tern.testing.internal.ShapeSettings;
import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs neutral events through the GCP adapter in Google's native forms: HTTP requests, Cloud
 * Scheduler calls and Identity Platform blocking requests as Functions Framework {@code
 * HttpRequest}s to {@link GcpHttpFunction}; Pub/Sub messages, storage changes and Firebase Auth
 * user events as CloudEvents to {@link GcpEventFunction}. Blocking tokens are signed with a key
 * generated for this shape, which the adapter is given as its key source.
 *
 * <p>Pub/Sub delivers one message per request, so a batch is delivered message by message; in an
 * ordered batch a failure holds back the messages after it, as an ordering key does. Each message
 * carries its {@code deliveryAttempt}, as from a subscription with a dead-letter policy, which the
 * harness's retries and dead letters stand for (without one Pub/Sub reports no attempt).
 *
 * <p>A storage event's data is the object resource with every field the neutral event holds, for
 * deletions too: Cloud Storage's {@code deleted} event carries the deleted object's resource (<a
 * href="https://cloud.google.com/storage/docs/json_api/v1/objects">object resource</a>). The ETag
 * travels as that resource's {@code md5Hash}, the base64 of the MD5 digest: an object the harness
 * stored with the hex MD5 {@code 9e107d9d372bb6826bd81d3542a419d6} reaches the function with the
 * ETag {@code nhB9nTcrtoJr2B01QqQZ1g==}, as it would from Cloud Storage.
 *
 * @since 0.1
 */
public final class GcpShape implements CloudShape {
  static final String PROJECT = "tern-shape";
  static final String AUDIENCE = "https://us-central1-" + PROJECT + ".cloudfunctions.net/blocking";
  private static final String KEY_ID = "tern-shape-key";
  private static final Pattern HEX_MD5 = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern BASE64_MD5 = Pattern.compile("[A-Za-z0-9+/]{22}==");

  private final HttpAdapter http;
  private final GcpEventFunction events;
  private final KeyPair keys;
  private final Router router;
  private final Clock clock;
  private final ShapeLog log;
  private final String project;
  private final String audience;
  private final AtomicLong invocations = new AtomicLong();

  /** A shape serving the functions of {@code dispatcher} on the system clock; logs are dropped. */
  public GcpShape(Dispatcher dispatcher) {
    this(dispatcher, Map.of(), Clock.systemUTC(), line -> {});
  }

  /**
   * A shape serving the functions of {@code dispatcher} whose adapter reads {@code settings} (as
   * environment variables) and {@code clock}, and writes its log lines, in the harness's form, to
   * {@code logs}. The shape stands for a private service ({@value GcpSettings#HTTP_EVENTS} is
   * {@code true} unless {@code settings} say otherwise) in the project {@code tern-shape}, whose
   * blocking functions are called with the audience {@code
   * https://us-central1-tern-shape.cloudfunctions.net/blocking}; {@value GcpSettings#PROJECT} and
   * {@value GcpSettings#AUTH_AUDIENCE} in {@code settings} change them.
   */
  public GcpShape(
      Dispatcher dispatcher, Map<String, String> settings, Clock clock, Consumer<String> logs) {
    requireNonNull(dispatcher, "dispatcher == null");
    this.clock = requireNonNull(clock, "clock == null");
    this.log = new ShapeLog(ShapeLog.Form.GCP, clock, requireNonNull(logs, "logs == null"));
    this.keys = SigningKeys.PAIR;
    // A private service (--no-allow-unauthenticated), where Cloud Scheduler calls may reach a
    // deployment that also serves HTTP functions.
    Settings layered =
        ShapeSettings.layered(
            Map.of(
                GcpSettings.PROJECT,
                PROJECT,
                GcpSettings.AUTH_AUDIENCE,
                AUDIENCE,
                GcpSettings.HTTP_EVENTS,
                "true"),
            requireNonNull(settings, "settings == null"));
    this.project = layered.get(GcpSettings.PROJECT).orElse(PROJECT).trim();
    this.audience = layered.get(GcpSettings.AUTH_AUDIENCE).orElse(AUDIENCE).trim();
    GcpRuntime runtime =
        new GcpRuntime(
            dispatcher, layered, GcpKeySource.of(Map.of(KEY_ID, keys.getPublic())), log, clock);
    // The entry classes' own code on this runtime: GcpHttpFunction.service is the adapter's, and
    // GcpEventFunction is made over it as its tests make it.
    this.http = new HttpAdapter(runtime);
    this.events = new GcpEventFunction(runtime);
    this.router = dispatcher.router();
  }

  /** The next HTTP invocation's {@code Function-Execution-Id}: {@code inv-1}, {@code inv-2}, … */
  private String nextExecutionId() {
    return "inv-" + invocations.incrementAndGet();
  }

  @Override
  public Cloud cloud() {
    return Cloud.GCP;
  }

  @Override
  public HttpResponse http(HttpRequest request) {
    requireNonNull(request, "request == null");
    Headers headers = request.headers();
    if (!headers.contains("Content-Type") && request.body().contentType().isPresent()) {
      headers = headers.with("Content-Type", request.body().contentType().get());
    }
    // Cookies given apart from the headers reach Cloud Functions as the browser sends them.
    if (!headers.contains("Cookie") && !request.cookies().isEmpty()) {
      headers = headers.with("Cookie", CookieHeader.of(request.cookies()));
    }
    return decode(
        send(
            new NativeRequest(
                request.method(),
                request.path(),
                request.query().raw(),
                headers.asMap(),
                request.body().bytes())));
  }

  @Override
  public List<String> queue(List<Message> batch) {
    return queueBatch(batch).failedIds();
  }

  /**
   * Delivers each message in a request of its own; a failed one carries what the adapter threw. In
   * an ordered batch a failure holds back the later messages of its ordering key.
   */
  @Override
  public Dispatcher.BatchResult queueBatch(List<Message> batch) {
    requireNonNull(batch, "batch == null");
    List<String> failed = new ArrayList<>();
    Map<String, Throwable> errors = new LinkedHashMap<>();
    // Pub/Sub keeps order per ordering key: after a failure, later messages of that key wait.
    Set<String> failedKeys = new HashSet<>();
    for (Message message : batch) {
      Optional<String> key = message.orderingKey();
      if (key.isPresent() && failedKeys.contains(key.get())) {
        failed.add(message.id());
        errors.put(
            message.id(),
            new FunctionFailedException(
                "not processed: an earlier message of ordering key " + key.get() + " failed"));
        continue;
      }
      try {
        events.accept(pubsub(message));
      } catch (TernException e) {
        // A failing function, an unclaimed topic or a refused message: the delivery fails and
        // Pub/Sub redelivers it.
        failed.add(message.id());
        errors.put(message.id(), e);
        key.ifPresent(failedKeys::add);
      }
    }
    return new Dispatcher.BatchResult(failed, errors);
  }

  private NativeEvent pubsub(Message message) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    ObjectNode m = data.putObject("message");
    if (!message.body().isEmpty()) {
      m.put("data", Base64.getEncoder().encodeToString(message.body().unsafeBytes()));
    }
    if (!message.attributes().isEmpty()) {
      ObjectNode attributes = m.putObject("attributes");
      message.attributes().forEach(attributes::put);
    }
    m.put("messageId", message.id());
    message.enqueuedAt().ifPresent(t -> m.put("publishTime", t.toString()));
    message.orderingKey().ifPresent(k -> m.put("orderingKey", k));
    String topic = topic(message.source());
    data.put(
        "subscription",
        "projects/" + project + "/subscriptions/" + last(message.source()) + "-sub");
    // The harness dead-letters after the policy's attempts, as a subscription with a dead-letter
    // policy does; with one, Pub/Sub sets MessagePublishedData's delivery_attempt (JSON
    // "deliveryAttempt", as in the push envelope), 1 + the NACKs so far:
    // https://github.com/googleapis/google-cloudevents/blob/main/proto/google/events/cloud/pubsub/v1/data.proto
    data.put("deliveryAttempt", message.attempt().orElse(1));
    return new NativeEvent(
        message.id(),
        "google.cloud.pubsub.topic.v1.messagePublished",
        "//pubsub.googleapis.com/" + topic,
        null,
        message.enqueuedAt().orElse(clock.instant()),
        json(data));
  }

  private String topic(String source) {
    return source.startsWith("projects/") ? source : "projects/" + project + "/topics/" + source;
  }

  @Override
  public void storage(ObjectEvent event) {
    requireNonNull(event, "event == null");
    String type;
    switch (event.kind()) {
      case CREATED:
        type = "finalized";
        break;
      case DELETED:
        type = "deleted";
        break;
      case ARCHIVED:
        type = "archived";
        break;
      case METADATA_UPDATED:
        type = "metadataUpdated";
        break;
      default:
        throw new UnsupportedEventException("gcp: Cloud Storage has no " + event.kind() + " event");
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("kind", "storage#object");
    data.put("bucket", event.bucket());
    data.put("name", event.key());
    event.size().ifPresent(s -> data.put("size", String.valueOf(s)));
    event.etag().ifPresent(etag -> putHash(data, etag));
    event.contentType().ifPresent(c -> data.put("contentType", c));
    event.version().ifPresent(v -> data.put("generation", v));
    if (!event.metadata().isEmpty()) {
      ObjectNode metadata = data.putObject("metadata");
      event.metadata().forEach(metadata::put);
    }
    events.accept(
        new NativeEvent(
            event.id(),
            "google.cloud.storage.object.v1." + type,
            "//storage.googleapis.com/projects/_/buckets/" + event.bucket(),
            "objects/" + event.key(),
            event.time(),
            json(data)));
  }

  /**
   * Puts the object's hash where Cloud Storage does: {@code md5Hash} is the base64 of the MD5
   * digest, so an ETag that is a 32-digit hex MD5, the form the harness and S3 give, is sent as its
   * base64, and one that already is a base64 MD5 as it is. Any other value is no MD5, so it goes
   * into the resource's {@code etag}, which the adapter reads when there is no {@code md5Hash} (as
   * for a composite object, which has none): the function sees it unchanged.
   *
   * @see <a href="https://cloud.google.com/storage/docs/json_api/v1/objects">object resource</a>
   *     ({@code md5Hash}: "MD5 hash of the data, encoded using base64")
   */
  private static void putHash(ObjectNode data, String etag) {
    if (HEX_MD5.matcher(etag).matches()) {
      data.put("md5Hash", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(etag)));
    } else {
      data.put(BASE64_MD5.matcher(etag).matches() ? "md5Hash" : "etag", etag);
    }
  }

  @Override
  public void schedule(Tick tick) {
    requireNonNull(tick, "tick == null");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("User-Agent", List.of("Google-Cloud-Scheduler"));
    headers.put("X-CloudScheduler", List.of("true"));
    // The job the schedule declares it is fired by, else the job named like it.
    String job = router.source(router.forSchedule(tick.name()));
    headers.put(
        "X-CloudScheduler-JobName",
        List.of(
            job.startsWith("projects/")
                ? job
                : "projects/" + project + "/locations/us-central1/jobs/" + job));
    headers.put("X-CloudScheduler-ScheduleTime", List.of(tick.dueAt().toString()));
    NativeResponse response = send(new NativeRequest("POST", "/", null, headers, new byte[0]));
    if (response.status >= 300) {
      // Cloud Scheduler sees only the status; the function's exception is in the log.
      Optional<LoggedFailure> logged = log.failure("tick " + tick.name());
      if (logged.isPresent()) {
        throw logged.get().exception();
      }
      throw failure(response.status, "Cloud Scheduler call for " + tick.name());
    }
  }

  @Override
  public AuthDecision auth(AuthEvent event) {
    requireNonNull(event, "event == null");
    switch (event.moment()) {
      case BEFORE_SIGN_UP:
        return blocking(event, "beforeCreate");
      case BEFORE_SIGN_IN:
      case TOKEN_ISSUANCE:
        return blocking(event, "beforeSignIn");
      case AFTER_SIGN_UP:
        events.accept(firebase(event, "created"));
        return AuthDecision.allow();
      case USER_DELETED:
        events.accept(firebase(event, "deleted"));
        return AuthDecision.allow();
      default:
        throw new UnsupportedEventException(
            "gcp: Identity Platform has no " + event.moment() + " moment");
    }
  }

  private static String uid(AuthEvent event) {
    return event.user().id().or(event.user()::username).orElse("anonymous");
  }

  private NativeEvent firebase(AuthEvent event, String what) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("uid", uid(event));
    event.user().email().ifPresent(e -> data.put("email", e));
    event.user().phone().ifPresent(p -> data.put("phoneNumber", p));
    event.user().emailVerified().ifPresent(v -> data.put("emailVerified", v));
    return new NativeEvent(
        event.id().orElseGet(this::nextEventId),
        "google.firebase.auth.user.v1." + what,
        "//firebaseauth.googleapis.com/projects/" + project,
        "users/" + uid(event),
        clock.instant(),
        json(data));
  }

  private AuthDecision blocking(AuthEvent event, String eventType) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("uid", uid(event));
    event.user().email().ifPresent(e -> record.put("email", e));
    event.user().phone().ifPresent(p -> record.put("phone_number", p));
    event.user().emailVerified().ifPresent(v -> record.put("email_verified", v));
    event.user().attribute("displayName").ifPresent(d -> record.put("display_name", d));
    // Other attributes travel as custom claims, which the adapter reads back as attributes.
    Map<String, Object> custom = new LinkedHashMap<>();
    event
        .user()
        .attributes()
        .forEach(
            (name, value) -> {
              if (!List.of("displayName", "photoURL", "disabled", "tenantId").contains(name)) {
                custom.put(name, value);
              }
            });
    if (!custom.isEmpty()) {
      record.put("custom_claims", custom);
    }
    Instant now = clock.instant();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer("https://securetoken.google.com/" + project)
            .audience(audience)
            .subject(uid(event))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
            .claim("event_id", event.id().orElseGet(this::nextEventId))
            .claim("event_type", eventType)
            .claim("user_record", record);
    event.ipAddress().ifPresent(ip -> claims.claim("ip_address", ip));
    event.userAgent().ifPresent(ua -> claims.claim("user_agent", ua));
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putObject("data").put("jwt", sign(claims.build()));
    NativeResponse response =
        send(
            new NativeRequest(
                "POST",
                "/",
                null,
                Map.of("Content-Type", List.of("application/json")),
                json(body)));
    if (response.status == 500 && isFailedDecision(response.body.toByteArray())) {
      // The function threw, or made a decision Identity Platform would refuse: the adapter fails
      // closed with INTERNAL and the generic message, which is what the client app is shown. The
      // sign-up is refused, as the dispatcher refuses it everywhere; the failure is in the log.
      return AuthDecision.deny(Dispatcher.AUTH_FAILED);
    }
    if (response.status >= 500) {
      // Any other 500 is the deployment's failure, not a refusal.
      throw failure(response.status, "Identity Platform " + eventType + " request");
    }
    JsonNode answer = parse(response.body.toByteArray());
    if (response.status != 200) {
      JsonNode message = answer.path("error").path("message");
      if (message.isTextual()) {
        // Identity Platform has no validation error: AuthDecision.invalid comes back as a denial.
        return AuthDecision.deny(message.textValue());
      }
      throw failure(response.status, "Identity Platform " + eventType + " request");
    }
    return decision(answer.path("userRecord"), custom);
  }

  /** Whether a 500 answer is the adapter's {@code INTERNAL} error with the failed-decision text. */
  private static boolean isFailedDecision(byte[] body) {
    JsonNode error;
    try {
      error = parse(body).path("error");
    } catch (RuntimeException e) {
      return false;
    }
    return "INTERNAL".equals(error.path("status").asText())
        && Dispatcher.AUTH_FAILED.equals(error.path("message").asText());
  }

  /**
   * Reads the {@code userRecord} update back; custom and session claims both become claims. The
   * adapter's {@code customClaims} are all the claims the user is to keep, so those it sends back
   * as the shape sent them in {@code custom_claims} are not the decision's.
   */
  private static AuthDecision decision(JsonNode record, Map<String, Object> sent) {
    AuthDecision decision = AuthDecision.allow();
    if (!record.isObject()) {
      return decision;
    }
    for (String field : List.of("displayName", "photoURL")) {
      if (record.path(field).isTextual()) {
        decision = decision.withAttribute(field, record.get(field).textValue());
      }
    }
    if (record.path("disabled").isBoolean()) {
      decision = decision.withAttribute("disabled", record.get("disabled").asText());
    }
    if (record.path("emailVerified").isBoolean()) {
      decision = decision.withEmailVerified(record.get("emailVerified").booleanValue());
    }
    for (String field : List.of("customClaims", "sessionClaims")) {
      for (Map.Entry<String, JsonNode> claim : record.path(field).properties()) {
        if (field.equals("customClaims")
            && claim.getValue().isTextual()
            && claim.getValue().textValue().equals(sent.get(claim.getKey()))) {
          continue;
        }
        decision = decision.withClaim(claim.getKey(), claimValue(claim.getValue()));
      }
    }
    return decision;
  }

  private static Object claimValue(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isNumber()) {
      return value.numberValue();
    }
    if (value.isArray()) {
      List<String> list = new ArrayList<>();
      ((ArrayNode) value).forEach(v -> list.add(v.asText()));
      return list;
    }
    return value.toString();
  }

  private String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt =
          new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
      jwt.sign(new RSASSASigner(keys.getPrivate()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new InvalidValueException("gcp shape: cannot sign a test token", e);
    }
  }

  /** An id for an event given none: {@code 00000000-0000-4000-8000-000000000001}, … */
  private String nextEventId() {
    return String.format(
        Locale.ROOT, "00000000-0000-4000-8000-%012d", invocations.incrementAndGet());
  }

  private NativeResponse send(NativeRequest request) {
    request.header("Function-Execution-Id", nextExecutionId());
    log.clearFailures();
    NativeResponse response = new NativeResponse();
    try {
      http.service(request, response);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new TernException("gcp shape: the HTTP entry failed: " + e, e);
    }
    return response;
  }

  private static HttpResponse decode(NativeResponse response) {
    Headers.Builder headers = Headers.builder();
    List<SetCookie> cookies = new ArrayList<>();
    response.headers.forEach(
        (name, values) -> {
          for (String value : values) {
            if (name.equalsIgnoreCase("Set-Cookie")) {
              cookies.add(cookie(value));
            } else {
              headers.add(name, value);
            }
          }
        });
    HttpResponse out = HttpResponse.status(response.status);
    byte[] body = response.body.toByteArray();
    String contentType = response.getContentType().orElse(null);
    if (body.length > 0 || contentType != null) {
      out = out.withBody(Body.of(body, contentType));
    }
    for (Map.Entry<String, List<String>> header : headers.build().asMap().entrySet()) {
      for (String value : header.getValue()) {
        out = out.plusHeader(header.getKey(), value);
      }
    }
    for (SetCookie cookie : cookies) {
      out = out.withCookie(cookie);
    }
    return out;
  }

  /** Parses a {@code Set-Cookie} value: {@code session=abc; Path=/; HttpOnly}. */
  static SetCookie cookie(String header) {
    String[] parts = header.split(";");
    int eq = parts[0].indexOf('=');
    SetCookie cookie =
        SetCookie.of(parts[0].substring(0, eq).trim(), parts[0].substring(eq + 1).trim());
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].trim();
      int at = part.indexOf('=');
      String name = (at < 0 ? part : part.substring(0, at)).toLowerCase(java.util.Locale.ROOT);
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
          cookie =
              cookie.withSameSite(
                  SetCookie.SameSite.valueOf(value.toUpperCase(java.util.Locale.ROOT)));
          break;
        default:
          break;
      }
    }
    return cookie;
  }

  private static TernException failure(int status, String what) {
    switch (status) {
      case 400:
        return new UndecodablePayloadException("gcp: " + what + " was refused with 400");
      case 404:
        return new NoFunctionException("gcp: no function claims the " + what + " (404)");
      default:
        return new FunctionFailedException("gcp: " + what + " failed with " + status);
    }
  }

  private static byte[] json(JsonNode node) {
    try {
      return TernJson.mapper().writeValueAsBytes(node);
    } catch (IOException e) {
      throw new InvalidValueException("gcp shape: cannot write JSON", e);
    }
  }

  private static JsonNode parse(byte[] bytes) {
    try {
      return bytes.length == 0
          ? JsonNodeFactory.instance.objectNode()
          : TernJson.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new UndecodablePayloadException("gcp: the blocking answer is not JSON");
    }
  }

  private static String last(String source) {
    return source.substring(source.lastIndexOf('/') + 1);
  }

  /**
   * The key pair every shape signs Identity Platform's tokens with, made once per JVM when the
   * first shape is: an RSA key takes a few hundred milliseconds to make, and a test suite makes a
   * shape for each {@code [gcp]} run.
   */
  private static final class SigningKeys {
    static final KeyPair PAIR = generate();

    private static KeyPair generate() {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
