package dev.tern.samples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.jackson.TernJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What `mvn package` leaves for each cloud's own deployment tooling (runs after packaging). */
class OrdersPackagingIT {
  private static final Path TARGET = Path.of("target");
  private static final List<String> FUNCTIONS =
      List.of(
          "CreateOrder",
          "GetOrder",
          "NightlyReport",
          "ProcessPayment",
          "ReceiptUploaded",
          "SignUpPolicy");

  /**
   * Fails at once, saying why, when the packaged output is not there: the failsafe plugin runs this
   * class after {@code package}, but a {@code -Dtest} pattern that matches it also makes the test
   * phase run it, before anything is packaged.
   */
  @BeforeAll
  static void packagedOutputIsThere() {
    for (String path :
        List.of("orders-aws.jar", "deploy-gcp/orders-gcp.jar", "azure-functions/tern-orders")) {
      assertThat(TARGET.resolve(path))
          .as(
              "%s is packaged output: this integration test runs in `mvn verify`, after `package`;"
                  + " a -Dtest pattern that matches it runs it before anything is packaged",
              TARGET.resolve(path))
          .exists();
    }
  }

  private static List<String> entries(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(e -> e.getName()).toList();
    }
  }

  private static String index(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return new String(
          file.getInputStream(file.getEntry("META-INF/tern/functions")).readAllBytes(),
          StandardCharsets.UTF_8);
    }
  }

  @Test
  void lambdaJarCarriesTheHandlerTheIndexAndNoOtherCloud() throws IOException {
    Path jar = TARGET.resolve("orders-aws.jar");
    List<String> entries = entries(jar);

    assertThat(entries)
        .contains(
            "dev/tern/aws/AwsHandler.class",
            "dev/tern/samples/orders/CreateOrder.class",
            "com/fasterxml/jackson/databind/ObjectMapper.class");
    assertThat(entries)
        .noneMatch(
            e ->
                e.contains("AzureEntry")
                    || e.startsWith("dev/tern/gcp/")
                    || e.startsWith("dev/tern/azure/")
                    || e.startsWith("com/microsoft/"));
    for (String function : FUNCTIONS) {
      assertThat(index(jar)).contains("\t" + function + "\t");
    }
  }

  @Test
  void cloudFunctionsJarCarriesBothEntryPoints() throws IOException {
    List<String> entries = entries(TARGET.resolve("deploy-gcp/orders-gcp.jar"));

    assertThat(entries)
        .contains(
            "dev/tern/gcp/GcpHttpFunction.class",
            "dev/tern/gcp/GcpEventFunction.class",
            "dev/tern/samples/orders/ProcessPayment.class",
            "META-INF/tern/functions");
    assertThat(entries).noneMatch(e -> e.contains("AzureEntry") || e.startsWith("dev/tern/aws/"));
  }

  @Test
  void azurePluginWroteOneFunctionJsonPerFunction() throws IOException {
    Path app = TARGET.resolve("azure-functions/tern-orders");
    List<String> folders = new ArrayList<>();
    try (Stream<Path> list = Files.list(app)) {
      list.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("lib"))
          .sorted()
          .forEach(folders::add);
    }
    assertThat(folders).containsExactlyElementsOf(FUNCTIONS);

    JsonNode create = binding(app, "CreateOrder");
    assertThat(create.get("type").asText()).isEqualTo("httpTrigger");
    assertThat(create.get("route").asText()).isEqualTo("orders");
    assertThat(create.get("methods").toString()).isEqualTo("[\"POST\"]");
    assertThat(binding(app, "GetOrder").get("route").asText()).isEqualTo("orders/{id}");
    JsonNode payments = binding(app, "ProcessPayment");
    assertThat(payments.get("type").asText()).isEqualTo("queueTrigger");
    assertThat(payments.get("queueName").asText()).isEqualTo("payments");
    assertThat(payments.get("dataType").asText()).isEqualTo("binary");
    assertThat(binding(app, "ReceiptUploaded").get("type").asText()).isEqualTo("eventGridTrigger");
    JsonNode nightly = binding(app, "NightlyReport");
    assertThat(nightly.get("type").asText()).isEqualTo("timerTrigger");
    assertThat(nightly.get("schedule").asText()).isEqualTo("0 0 2 * * *");
    assertThat(binding(app, "SignUpPolicy").get("type").asText()).isEqualTo("httpTrigger");
    assertThat(json(app.resolve("CreateOrder/function.json")).get("entryPoint").asText())
        .isEqualTo("dev.tern.samples.orders.CreateOrderAzureEntry.run");
    assertThat(json(app.resolve("host.json")).at("/extensionBundle/id").asText())
        .isEqualTo("Microsoft.Azure.Functions.ExtensionBundle");
  }

  private static JsonNode binding(Path app, String function) throws IOException {
    return json(app.resolve(function + "/function.json")).get("bindings").get(0);
  }

  private static JsonNode json(Path file) throws IOException {
    return TernJson.mapper().readTree(Files.readAllBytes(file));
  }
}
