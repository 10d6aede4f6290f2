package dev.tern.gcp;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.OnAuth;
import dev.tern.OnHttp;
import dev.tern.OnQueue;
import dev.tern.OnSchedule;
import dev.tern.OnStorage;
import dev.tern.QueueFunction;
import dev.tern.ScheduleFunction;
import dev.tern.SetCookie;
import dev.tern.StorageFunction;
import dev.tern.Tick;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Functions the adapter tests deploy. Each records what it received, and logs a summary line so the
 * end-to-end tests can read it from the invoker's output.
 */
public final class TestFunctions {
  private TestFunctions() {}

  /** Answers with a JSON description of the request; {@code /echo/bytes} answers binary. */
  @OnHttp(route = "/echo/{rest+}")
  public static final class Echo implements HttpFunction {
    public final List<HttpRequest> seen = new CopyOnWriteArrayList<>();
    public final List<Context> contexts = new CopyOnWriteArrayList<>();

    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      seen.add(request);
      contexts.add(context);
      if (request.path().equals("/echo/bytes")) {
        return HttpResponse.bytes(request.body().bytes(), "application/octet-stream")
            .withStatus(201);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("method", request.method());
      out.put("path", request.path());
      out.put("rest", request.pathParam("rest").orElse(""));
      out.put("query", request.query().asMap());
      out.put("multi", request.headers().all("X-Multi"));
      out.put("cookies", request.cookies().stream().map(c -> c.name() + "=" + c.value()).toList());
      out.put("contentType", request.body().contentType().orElse(""));
      out.put("body", Base64.getEncoder().encodeToString(request.body().bytes()));
      out.put("invocationId", context.invocationId());
      out.put("traceId", context.traceId().orElse(""));
      return HttpResponse.json(out)
          .plusHeader("X-Out", "one")
          .plusHeader("X-Out", "two")
          .withCookie(SetCookie.of("session", "abc").withPath("/").httpOnly())
          .withCookie(SetCookie.of("theme", "dark"));
    }
  }

  /** Always throws. */
  @OnHttp(route = "/fail")
  public static final class Fails implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      throw new IllegalStateException("secret detail that must not reach the client");
    }
  }

  /** Consumes {@code orders}; fails messages with the attribute {@code fail=true}. */
  @OnQueue("orders")
  public static final class Orders implements QueueFunction {
    public final List<Message> seen = new CopyOnWriteArrayList<>();
    public final List<Context> contexts = new CopyOnWriteArrayList<>();

    /** {@code id|invocationId|traceId} of each call, recorded together. */
    public final List<String> pairs = new CopyOnWriteArrayList<>();

    @Override
    public void handle(Message message, Context context) {
      seen.add(message);
      contexts.add(context);
      pairs.add(message.id() + "|" + context.invocationId() + "|" + context.traceId().orElse(""));
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("id", message.id());
      fields.put("source", message.source());
      fields.put("data", Base64.getEncoder().encodeToString(message.body().bytes()));
      fields.put("attributes", new java.util.TreeMap<>(message.attributes()).toString());
      fields.put("attempt", message.attempt().isPresent() ? message.attempt().getAsInt() : 0);
      fields.put("orderingKey", message.orderingKey().orElse(""));
      fields.put("enqueuedAt", message.enqueuedAt().map(Object::toString).orElse(""));
      context.log().info("tern-test queue", fields);
      if ("true".equals(message.attributes().get("fail"))) {
        throw new IllegalStateException("order rejected");
      }
    }
  }

  /** Consumes the topic of the conformance and Functions Framework samples. */
  @OnQueue("gcf-test")
  public static final class SampleTopic implements QueueFunction {
    @Override
    public void handle(Message message, Context context) {
      new Orders().handle(message, context);
    }
  }

  /** Consumes the topic of the Functions Framework's legacy Pub/Sub sample. */
  @OnQueue("BAR_TOPIC")
  public static final class BarTopic implements QueueFunction {
    @Override
    public void handle(Message message, Context context) {
      new Orders().handle(message, context);
    }
  }

  /** Watches the bucket of the Functions Framework's legacy storage sample. */
  @OnStorage(
      bucket = "sample-bucket",
      kinds = {ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED})
  public static final class SampleBucket implements StorageFunction {
    @Override
    public void handle(ObjectEvent event, Context context) {
      new Uploads().handle(event, context);
    }
  }

  /** Watches {@code some-bucket}; fails objects whose key contains {@code fail}. */
  @OnStorage(
      bucket = "some-bucket",
      kinds = {
        ObjectEvent.Kind.CREATED,
        ObjectEvent.Kind.DELETED,
        ObjectEvent.Kind.ARCHIVED,
        ObjectEvent.Kind.METADATA_UPDATED
      })
  public static final class Uploads implements StorageFunction {
    public final List<ObjectEvent> seen = new CopyOnWriteArrayList<>();

    @Override
    public void handle(ObjectEvent event, Context context) {
      seen.add(event);
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("kind", event.kind().name());
      fields.put("bucket", event.bucket());
      fields.put("key", event.key());
      fields.put("size", event.size().isPresent() ? event.size().getAsLong() : -1);
      fields.put("version", event.version().orElse(""));
      fields.put("metadata", new java.util.TreeMap<>(event.metadata()).toString());
      fields.put("id", event.id());
      fields.put("time", event.time().toString());
      context.log().info("tern-test storage", fields);
      if (event.key().contains("fail")) {
        throw new IllegalStateException("upload rejected");
      }
    }
  }

  /** A nightly schedule; also bound to the Pub/Sub topic {@code Nightly}. */
  @OnSchedule(cron = "0 2 * * *")
  public static final class Nightly implements ScheduleFunction {
    public final List<Tick> seen = new CopyOnWriteArrayList<>();

    @Override
    public void handle(Tick tick, Context context) {
      seen.add(tick);
      context
          .log()
          .info(
              "tern-test schedule", Map.of("name", tick.name(), "dueAt", tick.dueAt().toString()));
    }
  }

  /** A schedule fired by a job (or topic) named by an ops convention, not like the function. */
  @OnSchedule(cron = "0 6 * * *", source = "ops-nightly-report")
  public static final class Report implements ScheduleFunction {
    public final List<Tick> seen = new CopyOnWriteArrayList<>();

    @Override
    public void handle(Tick tick, Context context) {
      seen.add(tick);
    }
  }

  /**
   * Takes part in every Identity Platform and Firebase Auth moment: denies {@code blocked@…},
   * throws for {@code boom@…}, sets the reserved claim {@code aud} for {@code reserved@…}, asks
   * {@code invalid@…} to correct a field, gives {@code extras@…} every part a decision has,
   * otherwise allows and sets a display name and a claim.
   */
  @OnAuth({
    AuthMoment.BEFORE_SIGN_UP,
    AuthMoment.BEFORE_SIGN_IN,
    AuthMoment.AFTER_SIGN_UP,
    AuthMoment.USER_DELETED
  })
  public static final class Accounts implements AuthFunction {
    public final List<AuthEvent> seen = new CopyOnWriteArrayList<>();

    @Override
    public AuthDecision handle(AuthEvent event, Context context) {
      seen.add(event);
      context
          .log()
          .info(
              "tern-test auth",
              Map.of("moment", event.moment().name(), "user", event.user().id().orElse("")));
      String email = event.user().email().orElse("");
      if (email.startsWith("blocked@")) {
        return AuthDecision.deny("Sign-ups from this address are not accepted");
      }
      if (email.startsWith("invalid@")) {
        return AuthDecision.invalid("Please check your display name")
            .withFieldError("displayName", "Use letters and spaces only");
      }
      if (email.startsWith("reserved@")) {
        return AuthDecision.allow().withClaim("aud", "https://elsewhere.example.com");
      }
      if (email.startsWith("boom@")) {
        throw new IllegalStateException("auth backend down");
      }
      if (email.startsWith("extras@")) {
        return AuthDecision.allow()
            .withAttribute("plan", "gold")
            .withClaim("tier", "gold")
            .withoutClaim("email")
            .confirmUser()
            .withEmailVerified(true);
      }
      if (!event.moment().isBlocking()) {
        return AuthDecision.allow();
      }
      return AuthDecision.allow().withAttribute("displayName", "Checked").withClaim("tier", "gold");
    }
  }

  /** Reads a JSON body, for the 400 path. */
  @OnHttp(route = "/bind", methods = "POST")
  public static final class Bind implements HttpFunction {
    /** The bound shape. */
    public record Order(String id, int quantity) {}

    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      Order order = request.body().as(Order.class);
      return HttpResponse.text(order.id() + "x" + order.quantity());
    }
  }
}
