package dev.tern.spi;

import static java.util.Objects.requireNonNull;

import dev.tern.AuthMoment;
import dev.tern.ObjectEvent;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One declared function, as the compile-time index records it: its name, trigger kind, class, and
 * what it listens to. Names of queues and buckets are as declared, with {@code ${SETTING}}
 * references unresolved.
 *
 * @param name the function's name, unique in a deployment
 * @param kind the trigger kind
 * @param className the implementing class's binary name
 * @param route the HTTP route template; empty for other kinds
 * @param methods the HTTP methods served, upper case; empty serves all
 * @param source the queue or topic name, the bucket, or the rule, job or topic a schedule declares
 *     it is fired by; empty for other kinds and for schedules fired under their own name
 * @param objectKinds the storage event kinds delivered
 * @param cron the portable cron expression of a schedule; empty for other kinds
 * @param moments the auth moments taken part in
 * @since 0.1
 */
public record FunctionDescriptor(
    String name,
    TriggerKind kind,
    String className,
    String route,
    List<String> methods,
    String source,
    Set<ObjectEvent.Kind> objectKinds,
    String cron,
    Set<AuthMoment> moments) {

  public FunctionDescriptor {
    requireNonNull(name, "name == null");
    requireNonNull(kind, "kind == null");
    requireNonNull(className, "className == null");
    requireNonNull(route, "route == null");
    methods = List.copyOf(methods);
    requireNonNull(source, "source == null");
    objectKinds = Set.copyOf(objectKinds);
    requireNonNull(cron, "cron == null");
    moments = Set.copyOf(moments);
  }

  public static FunctionDescriptor http(
      String name, String className, String route, List<String> methods) {
    return new FunctionDescriptor(
        name, TriggerKind.HTTP, className, route, methods, "", Set.of(), "", Set.of());
  }

  public static FunctionDescriptor queue(String name, String className, String source) {
    return new FunctionDescriptor(
        name, TriggerKind.QUEUE, className, "", List.of(), source, Set.of(), "", Set.of());
  }

  public static FunctionDescriptor storage(
      String name, String className, String bucket, Set<ObjectEvent.Kind> kinds) {
    return new FunctionDescriptor(
        name, TriggerKind.STORAGE, className, "", List.of(), bucket, kinds, "", Set.of());
  }

  public static FunctionDescriptor schedule(String name, String className, String cron) {
    return schedule(name, className, cron, "");
  }

  /** A schedule fired by the native rule, job or topic {@code source}; empty means its own name. */
  public static FunctionDescriptor schedule(
      String name, String className, String cron, String source) {
    return new FunctionDescriptor(
        name, TriggerKind.SCHEDULE, className, "", List.of(), source, Set.of(), cron, Set.of());
  }

  public static FunctionDescriptor auth(String name, String className, Set<AuthMoment> moments) {
    return new FunctionDescriptor(
        name, TriggerKind.AUTH, className, "", List.of(), "", Set.of(), "", moments);
  }

  /** A short description for messages: {@code http Hello GET /hello}. */
  public String describe() {
    switch (kind) {
      case HTTP:
        return "http "
            + name
            + " "
            + (methods.isEmpty() ? "*" : String.join(",", methods))
            + " "
            + route;
      case QUEUE:
        return "queue " + name + " <- " + source;
      case STORAGE:
        return "storage " + name + " <- " + source + " " + new TreeSet<>(objectKinds);
      case SCHEDULE:
        return "schedule " + name + " \"" + cron + "\"" + (source.isEmpty() ? "" : " <- " + source);
      default:
        return "auth " + name + " " + new TreeSet<>(moments); // in declaration order
    }
  }
}
