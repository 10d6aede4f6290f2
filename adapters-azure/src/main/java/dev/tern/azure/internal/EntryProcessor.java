package dev.tern.azure.internal;

import dev.tern.AuthMoment;
import dev.tern.Cron;
import dev.tern.InvalidValueException;
import dev.tern.ObjectEvent;
import dev.tern.OnAuth;
import dev.tern.OnHttp;
import dev.tern.OnQueue;
import dev.tern.OnSchedule;
import dev.tern.OnStorage;
import dev.tern.TernException;
import dev.tern.spi.FunctionIndex;
import dev.tern.spi.RouteTemplate;
import java.io.IOException;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates one Azure Functions entry class per Tern function, so that users never write Azure
 * annotations: for {@code @OnQueue("orders") class Orders} it writes {@code OrdersAzureEntry} in
 * the same package, with {@code @FunctionName("Orders")}, a {@code @QueueTrigger} on {@code orders}
 * and {@code @BindingName} parameters for the metadata the adapter maps, delegating to {@link
 * dev.tern.azure.AzureAdapter}. {@code azure-functions-maven-plugin} then writes each {@code
 * function.json} from these classes as it would from hand-written ones.
 *
 * <p>Options ({@code -A}), all optional:
 *
 * <ul>
 *   <li>{@code tern.azure.bindings}: per-function choices, {@code Name=choice} separated by commas.
 *       Choices: {@code text} or {@code binary} (HTTP body binding), {@code queue}, {@code
 *       servicebus-queue}, {@code servicebus-topic:subscription} (queue source, {@code +sessions}
 *       for session-enabled Service Bus entities), {@code eventgrid} or {@code blob} (storage
 *       source).
 *   <li>{@code tern.azure.queue}: the default queue source, {@code queue} (Queue Storage).
 *   <li>{@code tern.azure.storage}: the default storage source, {@code eventgrid}.
 *   <li>{@code tern.azure.serviceBusConnection}: the app setting holding the Service Bus
 *       connection, {@code ServiceBusConnection}.
 *   <li>{@code tern.azure.storageConnection}: the app setting of the storage account for queue and
 *       blob triggers, {@code AzureWebJobsStorage} (the plugin refuses storage bindings without
 *       one).
 *   <li>{@code tern.azure.authLevel}: the HTTP functions' authorization level, {@code ANONYMOUS}.
 * </ul>
 *
 * <p>A declaration Azure cannot serve fails the compile with a message saying why and what to do.
 */
public final class EntryProcessor extends AbstractProcessor {
  static final String BINDINGS = "tern.azure.bindings";
  static final String QUEUE = "tern.azure.queue";
  static final String STORAGE = "tern.azure.storage";
  static final String SERVICE_BUS_CONNECTION = "tern.azure.serviceBusConnection";
  static final String STORAGE_CONNECTION = "tern.azure.storageConnection";
  static final String AUTH_LEVEL = "tern.azure.authLevel";

  /** The suffix of generated entry classes. */
  public static final String SUFFIX = "AzureEntry";

  private static final List<Class<? extends Annotation>> TRIGGERS =
      List.of(OnHttp.class, OnQueue.class, OnStorage.class, OnSchedule.class, OnAuth.class);
  private static final Set<String> HTTP_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");
  // https://learn.microsoft.com/azure/azure-functions/functions-reference#function-name
  private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,126}");
  // https://learn.microsoft.com/rest/api/storageservices/naming-queues-and-metadata
  private static final Pattern QUEUE_NAME =
      Pattern.compile("[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]");
  // https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata
  private static final Pattern CONTAINER_NAME = QUEUE_NAME;

  private final Map<String, String> choices = new LinkedHashMap<>();
  private final Set<String> seen = new LinkedHashSet<>();
  private boolean optionsRead;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new LinkedHashSet<>();
    TRIGGERS.forEach(t -> names.add(t.getCanonicalName()));
    return names;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(BINDINGS, QUEUE, STORAGE, SERVICE_BUS_CONNECTION, STORAGE_CONNECTION, AUTH_LEVEL);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!optionsRead) {
      optionsRead = true;
      readChoices();
    }
    Set<Element> annotated = new LinkedHashSet<>();
    for (Class<? extends Annotation> trigger : TRIGGERS) {
      annotated.addAll(round.getElementsAnnotatedWith(trigger));
    }
    for (Element element : annotated) {
      if (element.getKind() != ElementKind.CLASS) {
        continue; // the api's index processor reports this
      }
      TypeElement type = (TypeElement) element;
      List<Annotation> present = new ArrayList<>();
      for (Class<? extends Annotation> trigger : TRIGGERS) {
        Annotation a = type.getAnnotation(trigger);
        if (a != null) {
          present.add(a);
        }
      }
      if (present.size() != 1) {
        continue; // reported by the index processor
      }
      try {
        generate(type, present.get(0));
      } catch (TernException e) {
        error(
            type,
            e.getMessage().startsWith("tern-azure:")
                ? e.getMessage()
                : "tern-azure: " + e.getMessage());
      }
    }
    if (round.processingOver()) {
      for (String name : choices.keySet()) {
        if (!seen.contains(name)) {
          processingEnv
              .getMessager()
              .printMessage(
                  Diagnostic.Kind.ERROR,
                  "tern-azure: -A"
                      + BINDINGS
                      + " names "
                      + name
                      + ", which is not a function of this compilation; declared: "
                      + (seen.isEmpty() ? "none" : String.join(", ", seen)));
        }
      }
    }
    return false;
  }

  private void readChoices() {
    String option = processingEnv.getOptions().get(BINDINGS);
    if (option == null || option.isBlank()) {
      return;
    }
    for (String entry : option.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      if (eq <= 0 || eq == trimmed.length() - 1) {
        processingEnv
            .getMessager()
            .printMessage(
                Diagnostic.Kind.ERROR,
                "tern-azure: -A"
                    + BINDINGS
                    + " entry \""
                    + trimmed
                    + "\" is not Name=choice (for example Orders=servicebus-queue)");
        continue;
      }
      choices.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
    }
  }

  private String option(String name, String fallback) {
    String value = processingEnv.getOptions().get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private void generate(TypeElement type, Annotation trigger) {
    String simple = type.getSimpleName().toString();
    String name = FunctionIndex.name(nameOf(trigger), simple);
    seen.add(name);
    if (!FUNCTION_NAME.matcher(name).matches()) {
      throw new InvalidValueException(
          "tern-azure: function name \""
              + name
              + "\" is not valid on "
              + "Azure, which wants a letter followed by up to 126 letters, digits, _ or -; set name = "
              + "\"...\" on the trigger annotation");
    }
    PackageElement pkg = processingEnv.getElementUtils().getPackageOf(type);
    String packageName = pkg.isUnnamed() ? "" : pkg.getQualifiedName().toString();
    String className = processingEnv.getElementUtils().getBinaryName(type).toString();
    String flat =
        className.substring(packageName.isEmpty() ? 0 : packageName.length() + 1).replace('$', '_');
    String entry = flat + SUFFIX;
    EntrySource source = new EntrySource(packageName, entry, className, name);
    String choice = choices.get(name);
    if (trigger instanceof OnHttp) {
      http(source, (OnHttp) trigger, choice);
    } else if (trigger instanceof OnQueue) {
      queue(source, (OnQueue) trigger, choice == null ? option(QUEUE, "queue") : choice);
    } else if (trigger instanceof OnStorage) {
      storage(source, (OnStorage) trigger, choice == null ? option(STORAGE, "eventgrid") : choice);
    } else if (trigger instanceof OnSchedule) {
      refuseChoice(name, choice, "schedule");
      schedule(source, (OnSchedule) trigger);
    } else {
      refuseChoice(name, choice, "auth");
      auth(source, (OnAuth) trigger);
    }
    write(type, packageName.isEmpty() ? entry : packageName + "." + entry, source.render());
  }

  private static String nameOf(Annotation trigger) {
    if (trigger instanceof OnHttp) {
      return ((OnHttp) trigger).name();
    } else if (trigger instanceof OnQueue) {
      return ((OnQueue) trigger).name();
    } else if (trigger instanceof OnStorage) {
      return ((OnStorage) trigger).name();
    } else if (trigger instanceof OnSchedule) {
      return ((OnSchedule) trigger).name();
    }
    return ((OnAuth) trigger).name();
  }

  private static void refuseChoice(String name, String choice, String kind) {
    if (choice != null) {
      throw new InvalidValueException(
          "tern-azure: -A"
              + BINDINGS
              + " gives "
              + name
              + "="
              + choice
              + ", but "
              + kind
              + " functions have no Azure binding choice");
    }
  }

  private void http(EntrySource source, OnHttp http, String choice) {
    boolean binary;
    if (choice == null || choice.equals("text")) {
      binary = false;
    } else if (choice.equals("binary")) {
      binary = true;
    } else {
      throw new InvalidValueException(
          "tern-azure: "
              + source.function
              + " is an HTTP function; its "
              + "binding choice is text or binary, not \""
              + choice
              + "\"");
    }
    RouteTemplate.parse(http.route());
    List<String> methods = new ArrayList<>();
    for (String method : FunctionIndex.methods(http.methods())) {
      if (!HTTP_METHODS.contains(method)) {
        throw new InvalidValueException(
            "tern-azure: "
                + source.function
                + " serves method "
                + method
                + ", which Azure's HTTP trigger cannot route; it knows "
                + String.join(", ", new java.util.TreeSet<>(HTTP_METHODS)));
      }
      methods.add("HttpMethod." + method);
    }
    // Tern answers HEAD with the GET function (Router.routeHttp); the host must let it through.
    if (methods.contains("HttpMethod.GET") && !methods.contains("HttpMethod.HEAD")) {
      methods.add(methods.indexOf("HttpMethod.GET") + 1, "HttpMethod.HEAD");
    }
    String level = option(AUTH_LEVEL, "ANONYMOUS").toUpperCase(Locale.ROOT);
    if (!Set.of("ANONYMOUS", "FUNCTION", "ADMIN").contains(level)) {
      throw new InvalidValueException(
          "tern-azure: -A" + AUTH_LEVEL + "=" + level + " is not ANONYMOUS, FUNCTION or ADMIN");
    }
    source.imports(
        "com.microsoft.azure.functions.HttpMethod",
        "com.microsoft.azure.functions.HttpRequestMessage",
        "com.microsoft.azure.functions.HttpResponseMessage",
        "com.microsoft.azure.functions.annotation.AuthorizationLevel",
        "com.microsoft.azure.functions.annotation.HttpTrigger",
        "java.util.Optional");
    source.returns("HttpResponseMessage");
    source.parameter(
        "@HttpTrigger(name = \"request\", "
            + (methods.isEmpty() ? "" : "methods = {" + String.join(", ", methods) + "}, ")
            + "route = "
            + literal(azureRoute(source.function, http.route()))
            + ", authLevel = "
            + "AuthorizationLevel."
            + level
            + (binary ? ", dataType = \"binary\"" : "")
            + ")",
        "HttpRequestMessage<Optional<" + (binary ? "byte[]" : "String") + ">>",
        "request");
    source.body("return adapter.http(request, context, " + literal(source.function) + ");");
  }

  /** {@code /orders/{id}} is {@code orders/{id}}; a greedy {@code {path+}} is {@code {*path}}. */
  static String azureRoute(String function, String route) {
    String body = route.substring(1);
    if (body.endsWith("/")) {
      body = body.substring(0, body.length() - 1);
    }
    if (body.isEmpty()) {
      throw new InvalidValueException(
          "tern-azure: "
              + function
              + " is routed at /, which an Azure "
              + "HTTP trigger cannot serve (an empty route means the function's name); declare a "
              + "path such as /home");
    }
    StringBuilder out = new StringBuilder();
    for (String segment : body.split("/")) {
      if (out.length() > 0) {
        out.append('/');
      }
      if (segment.startsWith("{") && segment.endsWith("+}")) {
        out.append("{*").append(segment, 1, segment.length() - 2).append('}');
      } else {
        out.append(segment);
      }
    }
    return out.toString();
  }

  private void queue(EntrySource source, OnQueue queue, String choice) {
    String name = FunctionIndex.checkSource(queue.value());
    source.imports("com.microsoft.azure.functions.annotation.BindingName");
    boolean sessions = choice.endsWith("+sessions");
    String kind = sessions ? choice.substring(0, choice.length() - "+sessions".length()) : choice;
    if (kind.equals("queue")) {
      if (sessions) {
        throw new InvalidValueException(
            "tern-azure: "
                + source.function
                + ": Queue Storage has no "
                + "sessions; use servicebus-queue+sessions for ordered delivery");
      }
      checkName(source.function, "queue", name, QUEUE_NAME);
      source.imports("com.microsoft.azure.functions.annotation.QueueTrigger");
      source.parameter(
          "@QueueTrigger(name = \"message\", queueName = "
              + literal(appSetting(name))
              + connection(option(STORAGE_CONNECTION, "AzureWebJobsStorage"))
              + ", dataType = \"binary\")",
          "byte[]",
          "message");
      source.parameter("@BindingName(\"Id\")", "String", "id");
      source.parameter("@BindingName(\"DequeueCount\")", "String", "dequeueCount");
      source.parameter("@BindingName(\"InsertionTime\")", "String", "insertionTime");
      source.body(
          "adapter.storageQueue(message, id, dequeueCount, insertionTime, context, "
              + literal(source.function)
              + ");");
      return;
    }
    String connection = connection(option(SERVICE_BUS_CONNECTION, "ServiceBusConnection"));
    String flags =
        connection + ", dataType = \"binary\"" + (sessions ? ", isSessionsEnabled = true" : "");
    if (kind.equals("servicebus-queue")) {
      source.imports("com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger");
      source.parameter(
          "@ServiceBusQueueTrigger(name = \"message\", queueName = "
              + literal(appSetting(name))
              + flags
              + ")",
          "byte[]",
          "message");
    } else if (kind.startsWith("servicebus-topic:")
        && kind.length() > "servicebus-topic:".length()) {
      String subscription = kind.substring("servicebus-topic:".length());
      source.imports("com.microsoft.azure.functions.annotation.ServiceBusTopicTrigger");
      source.parameter(
          "@ServiceBusTopicTrigger(name = \"message\", topicName = "
              + literal(appSetting(name))
              + ", subscriptionName = "
              + literal(appSetting(subscription))
              + flags
              + ")",
          "byte[]",
          "message");
    } else {
      throw new InvalidValueException(
          "tern-azure: "
              + source.function
              + " is a queue function; its "
              + "binding choice is queue, servicebus-queue or servicebus-topic:<subscription> (with "
              + "+sessions for Service Bus sessions), not \""
              + choice
              + "\"");
    }
    source.parameter("@BindingName(\"MessageId\")", "String", "messageId");
    source.parameter("@BindingName(\"DeliveryCount\")", "String", "deliveryCount");
    source.parameter("@BindingName(\"EnqueuedTimeUtc\")", "String", "enqueuedTime");
    source.parameter("@BindingName(\"ApplicationProperties\")", "String", "properties");
    if (sessions) {
      source.parameter("@BindingName(\"SessionId\")", "String", "sessionId");
    }
    source.body(
        "adapter.serviceBus(message, messageId, deliveryCount, enqueuedTime, properties, "
            + (sessions ? "sessionId" : "null")
            + ", context, "
            + literal(source.function)
            + ");");
  }

  private void storage(EntrySource source, OnStorage storage, String choice) {
    String bucket = FunctionIndex.checkSource(storage.bucket());
    checkName(source.function, "container", bucket, CONTAINER_NAME);
    Set<ObjectEvent.Kind> kinds = EnumSet.noneOf(ObjectEvent.Kind.class);
    kinds.addAll(List.of(storage.kinds()));
    Set<ObjectEvent.Kind> unsupported = EnumSet.copyOf(kinds);
    if (choice.equals("eventgrid")) {
      unsupported.removeAll(EnumSet.of(ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED));
      if (!unsupported.isEmpty()) {
        throw new InvalidValueException(
            "tern-azure: "
                + source.function
                + " wants "
                + unsupported
                + " events, which Azure Blob Storage does not emit as such: Event Grid delivers "
                + "BlobCreated and BlobDeleted (CREATED, DELETED); remove the other kinds or serve "
                + "them on another cloud");
      }
      source.imports("com.microsoft.azure.functions.annotation.EventGridTrigger");
      source.parameter("@EventGridTrigger(name = \"event\")", "String", "event");
      source.body("adapter.eventGrid(event, context, " + literal(source.function) + ");");
    } else if (choice.equals("blob")) {
      unsupported.remove(ObjectEvent.Kind.CREATED);
      if (!unsupported.isEmpty()) {
        throw new InvalidValueException(
            "tern-azure: "
                + source.function
                + " wants "
                + unsupported
                + " events, but Azure's blob trigger fires only for created or overwritten blobs "
                + "(CREATED); use the eventgrid binding (-A"
                + BINDINGS
                + "="
                + source.function
                + "=eventgrid) for DELETED");
      }
      source.imports(
          "com.microsoft.azure.functions.annotation.BindingName",
          "com.microsoft.azure.functions.annotation.BlobTrigger");
      source.parameter(
          "@BlobTrigger(name = \"content\", path = "
              + literal(appSetting(bucket) + "/{name}")
              + connection(option(STORAGE_CONNECTION, "AzureWebJobsStorage"))
              + ", dataType = \"binary\")",
          "byte[]",
          "content");
      source.parameter("@BindingName(\"BlobTrigger\")", "String", "blobPath");
      source.parameter("@BindingName(\"Properties\")", "String", "properties");
      source.parameter("@BindingName(\"Metadata\")", "String", "metadata");
      source.body(
          "adapter.blob(blobPath, properties, metadata, context, "
              + literal(source.function)
              + ");");
    } else {
      throw new InvalidValueException(
          "tern-azure: "
              + source.function
              + " is a storage function; "
              + "its binding choice is eventgrid or blob, not \""
              + choice
              + "\"");
    }
  }

  private void schedule(EntrySource source, OnSchedule schedule) {
    String ncrontab = Cron.parse(schedule.cron()).toNcrontab();
    source.imports("com.microsoft.azure.functions.annotation.TimerTrigger");
    source.parameter(
        "@TimerTrigger(name = \"timer\", schedule = " + literal(ncrontab) + ")", "String", "timer");
    source.body("adapter.timer(timer, context, " + literal(source.function) + ");");
  }

  private void auth(EntrySource source, OnAuth auth) {
    Set<AuthMoment> moments = EnumSet.noneOf(AuthMoment.class);
    moments.addAll(List.of(auth.value()));
    moments.removeAll(EnumSet.of(AuthMoment.BEFORE_SIGN_UP, AuthMoment.TOKEN_ISSUANCE));
    if (!moments.isEmpty()) {
      throw new InvalidValueException(
          "tern-azure: "
              + source.function
              + " takes part in "
              + moments
              + ", which neither Azure AD B2C API connectors nor Entra custom authentication extensions "
              + "call out for; on Azure only BEFORE_SIGN_UP and TOKEN_ISSUANCE are served");
    }
    source.imports(
        "com.microsoft.azure.functions.HttpMethod",
        "com.microsoft.azure.functions.HttpRequestMessage",
        "com.microsoft.azure.functions.HttpResponseMessage",
        "com.microsoft.azure.functions.annotation.AuthorizationLevel",
        "com.microsoft.azure.functions.annotation.HttpTrigger",
        "java.util.Optional");
    source.returns("HttpResponseMessage");
    source.parameter(
        "@HttpTrigger(name = \"request\", methods = {HttpMethod.POST}, route = "
            + literal("auth/" + source.function)
            + ", authLevel = AuthorizationLevel.FUNCTION)",
        "HttpRequestMessage<Optional<String>>",
        "request");
    source.body("return adapter.auth(request, context, " + literal(source.function) + ");");
  }

  private static void checkName(String function, String what, String name, Pattern valid) {
    if (name.contains("${")) {
      return; // resolved from app settings at run time
    }
    if (!valid.matcher(name).matches()) {
      throw new InvalidValueException(
          "tern-azure: "
              + function
              + " names the "
              + what
              + " \""
              + name
              + "\", which Azure Storage rejects: use 3-63 lower-case letters, digits and single "
              + "hyphens, starting and ending with a letter or digit");
    }
  }

  private static String connection(String setting) {
    return setting.isEmpty() ? "" : ", connection = " + literal(setting);
  }

  /**
   * {@code orders-${STAGE}} is {@code orders-%STAGE%}, which the host resolves from app settings.
   */
  static String appSetting(String declared) {
    StringBuilder out = new StringBuilder();
    int from = 0;
    int start = declared.indexOf("${");
    while (start >= 0) {
      int end = declared.indexOf('}', start);
      if (end < 0) {
        throw new InvalidValueException("tern-azure: unclosed ${ in \"" + declared + "\"");
      }
      out.append(declared, from, start).append('%').append(declared, start + 2, end).append('%');
      from = end + 1;
      start = declared.indexOf("${", from);
    }
    return out.append(declared.substring(from)).toString();
  }

  static String literal(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private void write(TypeElement origin, String qualifiedName, String text) {
    try {
      JavaFileObject file = processingEnv.getFiler().createSourceFile(qualifiedName, origin);
      try (Writer writer = file.openWriter()) {
        writer.write(text);
      }
    } catch (IOException e) {
      error(origin, "tern-azure: cannot write " + qualifiedName + ": " + e.getMessage());
    }
  }

  private void error(Element element, String message) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
