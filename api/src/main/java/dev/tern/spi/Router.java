package dev.tern.spi;

import static java.util.Objects.requireNonNull;

import dev.tern.AuthMoment;
import dev.tern.ConfigurationException;
import dev.tern.NoFunctionException;
import dev.tern.ObjectEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Routes events to declared functions, the same way on every cloud: HTTP requests by method and
 * route, everything else by trigger kind and source name. A deployment may pin one function with
 * the {@value Settings#PIN} setting; then every event goes to it, which is the only way to serve
 * sources that carry no marker (EventBridge Scheduler input, a direct invoke).
 *
 * <p>When several routes match a path, the first segment where they differ decides: a literal beats
 * a parameter, a parameter beats a greedy one. {@code GET /files/a/b} goes to {@code
 * /files/{path+}} rather than {@code /{a}/{b}/{c}}, and {@code /users/me} to {@code /users/me}
 * rather than {@code /users/{id}}.
 *
 * <p>Source names match when equal, or when the native name ends with {@code :name} or {@code
 * /name}: {@code arn:aws:sqs:eu-west-1:123456789012:orders} and {@code projects/p/topics/orders}
 * both match a function declared {@code @OnQueue("orders")}. Schedule ticks are matched the same
 * way against the rule, job or topic a schedule function declares, else against its name: {@code
 * arn:aws:events:eu-west-1:123456789012:rule/orders-NightlyReportSchedule-1X2Y3Z} reaches the
 * function declared {@code @OnSchedule(cron = "0 2 * * *", source =
 * "orders-NightlyReportSchedule-1X2Y3Z")}.
 *
 * <p>A router is immutable and safe to share between threads.
 *
 * @since 0.1
 */
public final class Router {
  /** The outcome of routing an HTTP request. */
  public enum Outcome {
    MATCHED,
    NOT_FOUND,
    METHOD_NOT_ALLOWED
  }

  /**
   * A routed HTTP request: the function and decoded path parameters when {@link Outcome#MATCHED},
   * the allowed methods, sorted for the {@code Allow} header, when {@link
   * Outcome#METHOD_NOT_ALLOWED}.
   */
  public record HttpRoute(
      Outcome outcome,
      FunctionDescriptor function,
      Map<String, String> params,
      Set<String> allowed) {}

  private final List<FunctionDescriptor> functions;

  /**
   * {@link #source} of each of {@link #functions}, by index: looked up per event without hashing or
   * comparing a descriptor, which goes through every part of it.
   */
  private final String[] sourceAt;

  private final List<Map.Entry<RouteTemplate, FunctionDescriptor>> routes;

  /**
   * For each of {@link #routes}, its match without path parameters, answered for every such
   * request.
   */
  private final HttpRoute[] plainMatches;

  private final FunctionDescriptor pinned;

  private Router(List<FunctionDescriptor> functions, Settings settings) {
    List<String> problems = FunctionIndex.conflicts(functions);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(String.join("; ", problems));
    }
    this.functions = List.copyOf(functions);
    String pin = settings.get(Settings.PIN).orElse("");
    this.pinned = pin.isBlank() ? null : named(functions, pin);
    this.sourceAt = new String[this.functions.size()];
    List<Map.Entry<RouteTemplate, FunctionDescriptor>> routes = new ArrayList<>();
    for (int i = 0; i < sourceAt.length; i++) {
      FunctionDescriptor d = this.functions.get(i);
      // A pinned deployment is configured for its one function; the others' settings may be unset.
      String source =
          !d.source().isEmpty() && (pinned == null || d == pinned)
              ? settings.resolve(d.source(), "function " + d.name())
              : d.source();
      sourceAt[i] = source.isEmpty() && d.kind() == TriggerKind.SCHEDULE ? d.name() : source;
      if (d.kind() == TriggerKind.HTTP) {
        routes.add(Map.entry(RouteTemplate.parse(d.route()), d));
      }
    }
    sortBySpecificity(routes);
    this.routes = List.copyOf(routes);
    this.plainMatches = new HttpRoute[routes.size()];
    for (int i = 0; i < plainMatches.length; i++) {
      plainMatches[i] =
          new HttpRoute(Outcome.MATCHED, routes.get(i).getValue(), Map.of(), Set.of());
    }
  }

  private static FunctionDescriptor named(List<FunctionDescriptor> functions, String pin) {
    String name = pin.trim();
    for (FunctionDescriptor d : functions) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    throw new ConfigurationException(
        Settings.PIN + "=" + pin + " names no declared function; declared: " + names(functions));
  }

  /**
   * Builds a router.
   *
   * @throws ConfigurationException for conflicting declarations, an unknown pinned function or an
   *     unresolved {@code ${SETTING}} (when pinned, only the pinned function's settings are read)
   */
  public static Router create(List<FunctionDescriptor> functions, Settings settings) {
    return new Router(
        requireNonNull(functions, "functions == null"),
        requireNonNull(settings, "settings == null"));
  }

  public List<FunctionDescriptor> functions() {
    return functions;
  }

  /** The function pinned with {@value Settings#PIN}, if any. */
  public Optional<FunctionDescriptor> pinned() {
    return Optional.ofNullable(pinned);
  }

  /** Whether any function (or the pinned one) is of {@code kind}. */
  public boolean declares(TriggerKind kind) {
    if (pinned != null) {
      return pinned.kind() == kind;
    }
    for (FunctionDescriptor d : functions) {
      if (d.kind() == kind) {
        return true;
      }
    }
    return false;
  }

  /**
   * The source name of a function with settings resolved: the queue, topic or bucket, or the rule,
   * job or topic a schedule function declares, else the schedule function's name.
   */
  public String source(FunctionDescriptor function) {
    int at = functions.indexOf(function);
    if (at >= 0) {
      return sourceAt[at];
    }
    String source = function.source();
    return source.isEmpty() && function.kind() == TriggerKind.SCHEDULE ? function.name() : source;
  }

  /**
   * Finds the function for {@code method} and a raw (still encoded) path. A {@code HEAD} request
   * that no function declares goes to the function that serves {@code GET} there, as RFC 9110
   * section 9.3.2 expects of a server; where {@code GET} is allowed, so is {@code HEAD}.
   */
  public HttpRoute routeHttp(String method, String rawPath) {
    requireNonNull(method, "method == null");
    requireNonNull(rawPath, "rawPath == null");
    HttpRoute route = route(method, rawPath);
    if (route.outcome() == Outcome.MATCHED || !method.equals("HEAD")) {
      return route;
    }
    HttpRoute get = route("GET", rawPath);
    return get.outcome() == Outcome.MATCHED ? get : route;
  }

  private HttpRoute route(String method, String rawPath) {
    SortedSet<String> allowed = null;
    for (int i = 0; i < plainMatches.length; i++) {
      Map.Entry<RouteTemplate, FunctionDescriptor> route = routes.get(i);
      FunctionDescriptor d = route.getValue();
      if (pinned != null && d != pinned) {
        continue;
      }
      Optional<Map<String, String>> params = route.getKey().match(rawPath);
      if (params.isEmpty()) {
        continue;
      }
      if (d.methods().isEmpty() || d.methods().contains(method)) {
        return params.get().isEmpty()
            ? plainMatches[i]
            : new HttpRoute(Outcome.MATCHED, d, params.get(), Set.of());
      }
      if (allowed == null) {
        allowed = new TreeSet<>();
      }
      allowed.addAll(d.methods());
      if (d.methods().contains("GET")) {
        allowed.add("HEAD");
      }
    }
    return allowed == null
        ? new HttpRoute(Outcome.NOT_FOUND, null, Map.of(), Set.of())
        : new HttpRoute(
            Outcome.METHOD_NOT_ALLOWED, null, Map.of(), Collections.unmodifiableSortedSet(allowed));
  }

  /**
   * The function consuming {@code source}, a queue or topic name, ARN or resource path.
   *
   * @throws NoFunctionException listing the declared queue functions when none matches
   */
  public FunctionDescriptor forQueue(String source) {
    FunctionDescriptor d = bySource(TriggerKind.QUEUE, source, null);
    if (d == null) {
      throw noFunction("message from " + source, TriggerKind.QUEUE);
    }
    return d;
  }

  /** The function for a change of {@code kind} in {@code bucket}. */
  public FunctionDescriptor forStorage(String bucket, ObjectEvent.Kind kind) {
    requireNonNull(kind, "kind == null");
    FunctionDescriptor d = bySource(TriggerKind.STORAGE, bucket, kind);
    if (d == null) {
      throw noFunction(kind + " event in bucket " + bucket, TriggerKind.STORAGE);
    }
    return d;
  }

  /** The schedule function named {@code name}. */
  public FunctionDescriptor forSchedule(String name) {
    requireNonNull(name, "name == null");
    for (FunctionDescriptor d : candidates(TriggerKind.SCHEDULE)) {
      if (pinned != null || d.name().equals(name)) {
        return d;
      }
    }
    throw noFunction("tick of schedule " + name, TriggerKind.SCHEDULE);
  }

  /**
   * The schedule function fired by {@code source}, the native name of a rule, job or topic (a short
   * name, ARN or resource path): first one that declares a matching source, then one that declares
   * none and is named like it.
   *
   * @throws NoFunctionException listing the declared schedule functions when none matches
   */
  public FunctionDescriptor forScheduleSource(String source) {
    requireNonNull(source, "source == null");
    if (pinned != null) {
      return forSchedule(source);
    }
    // Per event: loops over the declarations, no list built.
    for (int i = 0; i < sourceAt.length; i++) {
      FunctionDescriptor d = functions.get(i);
      if (d.kind() == TriggerKind.SCHEDULE
          && !d.source().isEmpty()
          && sourceMatches(sourceAt[i], source)) {
        return d;
      }
    }
    for (FunctionDescriptor d : functions) {
      if (d.kind() == TriggerKind.SCHEDULE
          && d.source().isEmpty()
          && sourceMatches(d.name(), source)) {
        return d;
      }
    }
    throw noFunction("tick of " + source, TriggerKind.SCHEDULE);
  }

  /** The only schedule function, for sources that do not name the schedule. */
  public FunctionDescriptor onlySchedule() {
    List<FunctionDescriptor> schedules = candidates(TriggerKind.SCHEDULE);
    if (schedules.size() != 1) {
      throw new NoFunctionException(
          "a tick that names no schedule needs exactly one schedule function or "
              + Settings.PIN
              + "; declared: "
              + names(functions));
    }
    return schedules.get(0);
  }

  /** The auth function taking part in {@code moment}. */
  public FunctionDescriptor forAuth(AuthMoment moment) {
    requireNonNull(moment, "moment == null");
    for (FunctionDescriptor d : candidates(TriggerKind.AUTH)) {
      if (d.moments().contains(moment)) {
        return d;
      }
    }
    throw noFunction(moment + " auth event", TriggerKind.AUTH);
  }

  /** Whether a native source name refers to a declared (resolved) name. */
  public static boolean sourceMatches(String declared, String actual) {
    if (actual.equals(declared)) {
      return true;
    }
    int separator = actual.length() - declared.length() - 1;
    return separator >= 0
        && actual.endsWith(declared)
        && (actual.charAt(separator) == ':' || actual.charAt(separator) == '/');
  }

  /**
   * The first candidate of {@code kind} for {@code source} that handles {@code objectKind} (if
   * given), or null. Per event: a loop over the declarations, no list or message built.
   */
  private FunctionDescriptor bySource(
      TriggerKind kind, String source, ObjectEvent.Kind objectKind) {
    requireNonNull(source, "source == null");
    if (pinned != null) {
      return pinned.kind() == kind
              && (objectKind == null || pinned.objectKinds().contains(objectKind))
          ? pinned
          : null;
    }
    for (int i = 0; i < sourceAt.length; i++) {
      FunctionDescriptor d = functions.get(i);
      if (d.kind() == kind
          && sourceMatches(sourceAt[i], source)
          && (objectKind == null || d.objectKinds().contains(objectKind))) {
        return d;
      }
    }
    return null;
  }

  /**
   * The functions of {@code kind}: the pinned one if it is of that kind, else every declared one.
   */
  private List<FunctionDescriptor> candidates(TriggerKind kind) {
    if (pinned != null) {
      return pinned.kind() == kind ? List.of(pinned) : List.of();
    }
    List<FunctionDescriptor> out = new ArrayList<>();
    for (FunctionDescriptor d : functions) {
      if (d.kind() == kind) {
        out.add(d);
      }
    }
    return out;
  }

  private NoFunctionException noFunction(String what, TriggerKind kind) {
    if (pinned != null) {
      return new NoFunctionException(
          "no function claims the " + what + ": " + Settings.PIN + " pins " + pinned.describe());
    }
    Set<String> declared = new LinkedHashSet<>();
    for (FunctionDescriptor d : functions) {
      if (d.kind() == kind) {
        declared.add(describe(d));
      }
    }
    return new NoFunctionException(
        "no function claims the "
            + what
            + "; declared "
            + kind.name().toLowerCase(java.util.Locale.ROOT)
            + " functions: "
            + (declared.isEmpty() ? "none" : String.join(", ", declared)));
  }

  private String describe(FunctionDescriptor d) {
    String described = d.describe();
    String source = source(d);
    return d.source().isEmpty() || source.equals(d.source())
        ? described
        : described + " (" + source + ")";
  }

  private static String names(List<FunctionDescriptor> functions) {
    if (functions.isEmpty()) {
      return "none";
    }
    StringJoiner names = new StringJoiner(", ");
    for (FunctionDescriptor d : functions) {
      names.add(d.name());
    }
    return names.toString();
  }

  /**
   * Most specific route first, keeping declaration order among equals: an insertion sort, since a
   * deployment has few routes and a comparator would be one more class at cold start.
   */
  private static void sortBySpecificity(List<Map.Entry<RouteTemplate, FunctionDescriptor>> routes) {
    for (int i = 1; i < routes.size(); i++) {
      Map.Entry<RouteTemplate, FunctionDescriptor> route = routes.get(i);
      int at = i;
      while (at > 0
          && RouteTemplate.compareSpecificity(routes.get(at - 1).getKey(), route.getKey()) > 0) {
        routes.set(at, routes.get(at - 1));
        at--;
      }
      routes.set(at, route);
    }
  }
}
