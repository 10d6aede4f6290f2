package dev.tern.testing.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.Body;
import dev.tern.Cloud;
import dev.tern.InvalidValueException;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.StorageFunction;
import dev.tern.testing.DeliveryPolicy;
import dev.tern.testing.Harness;
import dev.tern.testing.StoragePolicy;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure shape delivers a function's events from the source its generated entry binds, as the
 * host would. This module's own test functions are compiled without entries, so these are compiled
 * here with tern-azure's processor and the binding under test.
 */
class AzureEntryBindingTest {
  private static final String SOURCE =
      """
      package bound;

      import dev.tern.Context;
      import dev.tern.Message;
      import dev.tern.OnQueue;
      import dev.tern.QueueFunction;
      import java.util.List;
      import java.util.concurrent.CopyOnWriteArrayList;

      @OnQueue(value = "payments", name = "Payments")
      public final class Payments implements QueueFunction {
        public final List<Message> seen = new CopyOnWriteArrayList<>();

        @Override
        public void handle(Message message, Context context) {
          seen.add(message);
        }
      }
      """;

  private static final String PHOTOS =
      """
      package bound;

      import dev.tern.Context;
      import dev.tern.ObjectEvent;
      import dev.tern.OnStorage;
      import dev.tern.StorageFunction;
      import java.util.List;
      import java.util.concurrent.CopyOnWriteArrayList;

      @OnStorage(bucket = "photos", name = "Photos")
      public final class Photos implements StorageFunction {
        public final List<ObjectEvent> seen = new CopyOnWriteArrayList<>();

        @Override
        public void handle(ObjectEvent event, Context context) {
          seen.add(event);
        }
      }
      """;

  @TempDir Path dir;

  /** The loader of each harness's compiled {@code Payments}. */
  private final Map<Harness, ClassLoader> loaders = new IdentityHashMap<>();

  @Test
  void refusesAttributesAndOrderingKeysForAQueueStorageEntry() throws Exception {
    Harness harness = harness(null, DeliveryPolicy.azureQueue());

    assertThatThrownBy(
            () ->
                harness.enqueue(
                    Message.builder("m-1", "payments")
                        .body(Body.ofText("{}"))
                        .attributes(Map.of("tenant", "t-7"))
                        .build()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "azure: message m-1 has attributes, which a Queue Storage message cannot carry, so"
                + " function Payments would never see them; its entry bound.PaymentsAzureEntry binds"
                + " Queue Storage; build it with -Atern.azure.bindings=Payments=servicebus-queue to"
                + " take Service Bus messages");
    assertThatThrownBy(
            () ->
                harness.enqueue(
                    Message.builder("m-2", "payments")
                        .body(Body.ofText("{}"))
                        .orderingKey("customer-7")
                        .build()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("m-2 has an ordering key, which a Queue Storage message cannot carry")
        .hasMessageEndingWith("Payments=servicebus-queue+sessions to take Service Bus messages");

    harness.enqueue("payments", "{\"plain\":true}");
    assertThat(seen(harness)).extracting(m -> m.body().text()).containsExactly("{\"plain\":true}");
  }

  @Test
  void deliversAttributesThroughAServiceBusEntryButRefusesOrderedDeliveryWithoutSessions()
      throws Exception {
    Harness harness = harness("servicebus-queue", DeliveryPolicy.serviceBus());

    harness.enqueue(
        Message.builder("m-1", "payments")
            .body(Body.ofText("{}"))
            .attributes(Map.of("tenant", "t-7"))
            .build());
    harness.enqueue("payments", "no attributes");

    assertThat(seen(harness))
        .extracting(Message::attributes)
        .containsExactly(Map.of("tenant", "t-7"), Map.of());

    Harness ordered = harness("servicebus-queue", DeliveryPolicy.serviceBusSessions());
    assertThatThrownBy(
            () ->
                ordered.enqueue(
                    Message.builder("m-1", "payments")
                        .body(Body.ofText("{}"))
                        .orderingKey("customer-7")
                        .build()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "azure: the delivery policy keeps each ordering key's messages in order, which Service"
                + " Bus without sessions does not for function Payments; its entry"
                + " bound.PaymentsAzureEntry binds Service Bus without sessions; build it with"
                + " -Atern.azure.bindings=Payments=servicebus-queue+sessions for ordered delivery");
  }

  @Test
  void refusesAMessageWithoutAnOrderingKeyForASessionEntryWhateverThePolicy() throws Exception {
    Harness harness = harness("servicebus-queue+sessions", DeliveryPolicy.serviceBus());

    assertThatThrownBy(() -> harness.enqueue("payments", "no key"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageEndingWith(
            "has no ordering key, so it would have no SessionId, which a session-enabled Service"
                + " Bus queue requires");

    harness.enqueue(
        Message.builder("m-9", "payments")
            .body(Body.ofText("{}"))
            .orderingKey("customer-7")
            .build());
    assertThat(seen(harness))
        .extracting(Message::orderingKey)
        .containsExactly(Optional.of("customer-7"));
  }

  /** A harness through the Azure shape over {@code Payments}, compiled with {@code binding}. */
  private Harness harness(String binding, DeliveryPolicy policy) throws IOException {
    return harness("Payments", SOURCE, binding, policy);
  }

  /**
   * A harness through the Azure shape over the class {@code name}, compiled with {@code binding}.
   */
  private Harness harness(String name, String code, String binding, DeliveryPolicy policy)
      throws IOException {
    Path classes = Files.createTempDirectory(dir, "classes");
    Path source = Files.createTempDirectory(dir, "sources").resolve("bound/" + name + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, code);
    List<String> options = new ArrayList<>();
    options.addAll(
        List.of(
            "-d",
            classes.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "-processor",
            "dev.tern.internal.IndexProcessor,dev.tern.azure.internal.EntryProcessor"));
    if (binding != null) {
      options.add("-Atern.azure.bindings=" + name + "=" + binding);
    }
    options.add(source.toString());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, options.toArray(String[]::new)))
        .as("javac exit code")
        .isZero();
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, AzureEntryBindingTest.class.getClassLoader());
    Harness harness =
        Harness.builder().classLoader(loader).cloud(Cloud.AZURE).delivery(policy).build();
    loaders.put(harness, loader);
    return harness;
  }

  @SuppressWarnings("unchecked")
  private List<Message> seen(Harness harness) throws ReflectiveOperationException {
    return (List<Message>) seen(harness, "bound.Payments");
  }

  private Object seen(Harness harness, String className) throws ReflectiveOperationException {
    Object instance = harness.instance(loaders.get(harness).loadClass(className));
    return instance.getClass().getField("seen").get(instance);
  }

  @Test
  void deliversStorageEventsThroughTheBlobTriggerWhenTheEntryBindsIt() throws Exception {
    Map<String, String> ids = new LinkedHashMap<>();
    for (String binding : java.util.Arrays.asList(null, "blob")) {
      Harness harness = harness("Photos", PHOTOS, binding, DeliveryPolicy.sqs());

      ObjectEvent put = harness.putObject("photos", "cat.png", "meow");

      @SuppressWarnings("unchecked")
      List<ObjectEvent> seen = (List<ObjectEvent>) seen(harness, "bound.Photos");
      assertThat(seen).hasSize(1);
      ids.put(String.valueOf(binding), seen.get(0).id());
      assertThat(put.etag()).isPresent();
    }

    assertThat(ids.get("null"))
        .as("Event Grid, the default: the harness's event id")
        .isEqualTo("e-1");
    assertThat(ids.get("blob"))
        .as("the blob trigger has no event id: <container>/<name>@<etag>")
        .startsWith("photos/cat.png@");
  }

  @Test
  void retriesStorageEventsAsTheTriggerTheEntryBindsDoes() throws Exception {
    Map<String, StoragePolicy> policies = new LinkedHashMap<>();
    for (String binding : java.util.Arrays.asList(null, "blob")) {
      Harness harness = harness("Photos", PHOTOS, binding, DeliveryPolicy.sqs());

      policies.put(
          String.valueOf(binding),
          harness.storagePolicy(
              loaders.get(harness).loadClass("bound.Photos").asSubclass(StorageFunction.class)));
    }

    assertThat(policies)
        .containsExactly(
            Map.entry("null", StoragePolicy.eventGrid()),
            Map.entry("blob", StoragePolicy.blobTrigger()));
  }
}
