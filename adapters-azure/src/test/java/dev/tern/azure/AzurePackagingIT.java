package dev.tern.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.jackson.TernJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads what the real {@code azure-functions-maven-plugin} (1.37.0) wrote for the test app and for
 * samples/hello, both built by the invoker plugin before this test runs: one {@code function.json}
 * per generated entry, with the bindings the Azure host will read.
 */
class AzurePackagingIT {
  private static final Path IT = Path.of(System.getProperty("tern.azure.itDir", "target/it"));
  private static final Path APP =
      IT.resolve("function-app/target/azure-functions/tern-function-app");
  private static final Path HELLO = IT.resolve("hello/target/azure-functions/tern-hello");

  private static JsonNode read(Path file) throws IOException {
    assertThat(file).exists();
    return TernJson.mapper().readTree(Files.readString(file));
  }

  private static JsonNode function(Path app, String name) throws IOException {
    return read(app.resolve(name).resolve("function.json"));
  }

  private static JsonNode trigger(JsonNode function) {
    JsonNode first = function.get("bindings").get(0);
    assertThat(first.get("direction").asText()).isEqualTo("in");
    return first;
  }

  private static Map<String, String> fields(JsonNode binding) {
    return binding.properties().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> e.getValue().isArray() ? e.getValue().toString() : e.getValue().asText()));
  }

  @Test
  void writesOneFunctionJsonPerDeclaredFunction() throws IOException {
    try (Stream<Path> dirs = Files.list(APP)) {
      List<String> functions =
          dirs.filter(p -> Files.exists(p.resolve("function.json")))
              .map(p -> p.getFileName().toString())
              .sorted()
              .toList();
      assertThat(functions)
          .containsExactly(
              "Audit",
              "Claims",
              "Greet",
              "Nightly",
              "Orders",
              "Payments",
              "SignUp",
              "Thumbnails",
              "Upload",
              "Uploads");
    }
    for (String name : List.of("Audit", "Claims", "Greet", "Nightly", "Orders")) {
      JsonNode function = function(APP, name);
      assertThat(function.get("entryPoint").asText())
          .isEqualTo("dev.tern.azure.app." + name + "AzureEntry.run");
      assertThat(function.get("scriptFile").asText())
          .isEqualTo("../tern-azure-function-app-0.1.0-SNAPSHOT.jar");
    }
    assertThat(APP.resolve("tern-azure-function-app-0.1.0-SNAPSHOT.jar")).exists();
    assertThat(APP.resolve("lib/tern-azure-0.1.0-SNAPSHOT.jar")).exists();
    assertThat(APP.resolve("lib/tern-api-0.1.0-SNAPSHOT.jar")).exists();
  }

  @Test
  void bindsHttpFunctionsWithRouteMethodsAndBodyMode() throws IOException {
    JsonNode greet = function(APP, "Greet");
    assertThat(fields(trigger(greet)))
        .containsEntry("type", "httpTrigger")
        .containsEntry("name", "request")
        .containsEntry("route", "greet/{name}")
        .containsEntry("methods", "[\"GET\",\"HEAD\",\"POST\"]")
        .containsEntry("authLevel", "ANONYMOUS")
        .doesNotContainKey("dataType");
    assertThat(fields(greet.get("bindings").get(1)))
        .containsEntry("type", "http")
        .containsEntry("direction", "out")
        .containsEntry("name", "$return");

    assertThat(fields(trigger(function(APP, "Upload"))))
        .containsEntry("route", "upload")
        .containsEntry("dataType", "binary");
  }

  @Test
  void bindsQueueStorageAndServiceBusWithBinaryContent() throws IOException {
    assertThat(fields(trigger(function(APP, "Orders"))))
        .containsEntry("type", "queueTrigger")
        .containsEntry("name", "message")
        .containsEntry("queueName", "orders")
        .containsEntry("connection", "AzureWebJobsStorage")
        .containsEntry("dataType", "binary");
    assertThat(function(APP, "Orders").get("bindings")).hasSize(1);

    assertThat(fields(trigger(function(APP, "Payments"))))
        .containsEntry("type", "serviceBusTrigger")
        .containsEntry("queueName", "%PAYMENTS_QUEUE%")
        .containsEntry("isSessionsEnabled", "true")
        .containsEntry("connection", "ServiceBusConnection")
        .containsEntry("dataType", "binary");
    assertThat(fields(trigger(function(APP, "Audit"))))
        .containsEntry("type", "serviceBusTrigger")
        .containsEntry("topicName", "audit")
        .containsEntry("subscriptionName", "audit-log");
  }

  @Test
  void bindsStorageTimerAndAuthFunctions() throws IOException {
    assertThat(fields(trigger(function(APP, "Uploads"))))
        .containsEntry("type", "eventGridTrigger")
        .containsEntry("name", "event");
    assertThat(fields(trigger(function(APP, "Thumbnails"))))
        .containsEntry("type", "blobTrigger")
        .containsEntry("path", "original-images/{name}")
        .containsEntry("dataType", "binary")
        .containsEntry("connection", "AzureWebJobsStorage");
    assertThat(fields(trigger(function(APP, "Nightly"))))
        .containsEntry("type", "timerTrigger")
        .containsEntry("name", "timer")
        .containsEntry("schedule", "0 0 2 * * 1-5");
    assertThat(fields(trigger(function(APP, "SignUp"))))
        .containsEntry("type", "httpTrigger")
        .containsEntry("route", "auth/SignUp")
        .containsEntry("methods", "[\"POST\"]")
        .containsEntry("authLevel", "FUNCTION");
  }

  @Test
  void packagesHelloWithItsHostJsonAndExtensionBundle() throws IOException {
    JsonNode hello = function(HELLO, "Hello");
    assertThat(hello.get("entryPoint").asText())
        .isEqualTo("dev.tern.samples.hello.HelloAzureEntry.run");
    assertThat(fields(trigger(hello)))
        .containsEntry("type", "httpTrigger")
        .containsEntry("route", "hello")
        .containsEntry("methods", "[\"GET\",\"HEAD\"]")
        .containsEntry("authLevel", "ANONYMOUS");
    for (Path app : List.of(APP, HELLO)) {
      JsonNode host = read(app.resolve("host.json"));
      assertThat(host.get("version").asText()).isEqualTo("2.0");
      assertThat(host.at("/extensionBundle/id").asText())
          .isEqualTo("Microsoft.Azure.Functions.ExtensionBundle");
    }
    JsonNode settings = read(HELLO.resolve("local.settings.json"));
    assertThat(settings.at("/Values/FUNCTIONS_WORKER_RUNTIME").asText()).isEqualTo("java");
    assertThat(settings.at("/Values/TERN_AZURE_ROUTE_PREFIX").asText()).isEqualTo("api");
  }

  @Test
  void hasTheBindingKeysOfThePluginsOwnSamples() throws IOException {
    Path shared =
        Path.of(System.getProperty("tern.rootDir", ".."))
            .resolve("../shared/fixtures/azure/function-json-generated")
            .normalize();
    if (!Files.isDirectory(shared)) {
      if ("true".equals(System.getenv("CI"))) {
        org.assertj.core.api.Assertions.fail(
            "the shared Azure fixtures are required in CI but " + shared + " does not exist");
      }
      org.junit.jupiter.api.Assumptions.abort("shared Azure fixtures not found at " + shared);
    }
    Map<String, String> pairs =
        Map.of(
            "QueueExample",
            "Orders",
            "HttpExample",
            "Greet",
            "BlobExample",
            "Thumbnails",
            "TimerExample",
            "Nightly");
    for (Map.Entry<String, String> pair : pairs.entrySet()) {
      JsonNode theirs = trigger(read(shared.resolve(pair.getKey() + ".function.json")));
      JsonNode ours = trigger(function(APP, pair.getValue()));
      assertThat(fields(ours).keySet()).as(pair.getValue()).containsAll(fields(theirs).keySet());
      assertThat(ours.get("type")).isEqualTo(theirs.get("type"));
    }
  }
}
