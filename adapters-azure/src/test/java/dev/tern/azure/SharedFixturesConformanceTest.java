package dev.tern.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.Tick;
import dev.tern.UndecodablePayloadException;
import dev.tern.azure.app.Recorder;
import dev.tern.azure.internal.AuthMapper;
import dev.tern.azure.internal.QueueMapper;
import dev.tern.azure.internal.StorageMapper;
import dev.tern.azure.internal.TimerMapper;
import dev.tern.jackson.TernJson;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs every public sample in {@code ../shared/fixtures/azure/} through the adapter. Each file is
 * in {@link #TABLE} with its outcome: it maps (and what to), it is refused with the typed error
 * (and why), or it is not an input the Java worker delivers (and what checks it instead). A file
 * missing from the table fails the test, so new samples are never silently ignored.
 */
class SharedFixturesConformanceTest {
  private static final Instant NOW = Instant.parse("2026-11-27T00:00:00Z");

  /** File → outcome and why. */
  static final Map<String, String> TABLE = new LinkedHashMap<>();

  static {
    TABLE.put(
        "auth/b2c-api-connector.post-attribute-collection.request.json",
        "maps: BEFORE_SIGN_UP, step PostAttributeCollection");
    TABLE.put(
        "auth/b2c-api-connector.post-federation-signup.request.json",
        "maps: BEFORE_SIGN_UP, step PostFederationSignup");
    TABLE.put(
        "auth/b2c-api-connector.pre-token-issuance.request.json",
        "maps: TOKEN_ISSUANCE, step PreTokenApplicationClaims");
    TABLE.put(
        "auth/b2c-api-connector.continue.response.json",
        "answer shape: Tern's allow has the same version and action");
    TABLE.put(
        "auth/b2c-api-connector.show-block-page.response.json",
        "answer shape: Tern's denial has the same keys");
    TABLE.put(
        "auth/b2c-api-connector.validation-error.response.json",
        "answer shape: Tern's validation denial has the same keys and status 400");
    TABLE.put(
        "auth/entra.attribute-collection-submit.request.json",
        "maps: BEFORE_SIGN_UP (the sample's @odata.Type spelling is tolerated)");
    TABLE.put(
        "auth/entra.attribute-collection-submit.continue.response.json",
        "answer shape: allow without attributes");
    TABLE.put(
        "auth/entra.attribute-collection-submit.modify-attribute-values.response.json",
        "answer shape: allow with attributes");
    TABLE.put(
        "auth/entra.attribute-collection-submit.show-block-page.response.json",
        "answer shape: denial");
    TABLE.put(
        "auth/entra.attribute-collection-submit.show-validation-error.response.json",
        "answer shape: denial as validation error");
    TABLE.put(
        "auth/entra.token-issuance-start.request.json",
        "maps: TOKEN_ISSUANCE with the user's id, mail and UPN");
    TABLE.put("auth/entra.token-issuance-start.response.json", "answer shape: allow with claims");
    TABLE.put(
        "blob/blob-trigger-binding-data.png.node-worker.json",
        "maps: CREATED original-images/nammatham.png (camelCase keys read case-insensitively)");
    TABLE.put(
        "eventgrid/blob-created.adls-gen2.cloudevents-schema.json",
        "maps: CREATED my-file-system/new-file.txt");
    TABLE.put(
        "eventgrid/blob-created.cloudevents-schema.json",
        "maps: CREATED test-container/new-file.txt (the subject, not the url)");
    TABLE.put(
        "eventgrid/blob-created.eventgrid-schema.json",
        "maps: CREATED test-container/new-file.txt");
    TABLE.put(
        "eventgrid/blob-deleted.eventgrid-schema.json",
        "maps: DELETED testcontainer/file-to-delete.txt");
    TABLE.put(
        "function-json-generated/BlobExample.function.json",
        "not an input: plugin output; AzurePackagingIT checks ours has its binding keys");
    TABLE.put(
        "function-json-generated/HttpExample.function.json",
        "not an input: plugin output; AzurePackagingIT checks ours has its binding keys");
    TABLE.put(
        "function-json-generated/QueueExample.function.json",
        "not an input: plugin output; AzurePackagingIT checks ours has its binding keys");
    TABLE.put(
        "function-json-generated/TimerExample.function.json",
        "not an input: plugin output; AzurePackagingIT checks ours has its binding keys");
    TABLE.put(
        "function-json-generated/host.json",
        "not an input: a host.json; ours declare the same extension bundle");
    TABLE.put(
        "function-json-generated/libHttp.dependency-jar-class.function.json",
        "not an input: plugin output for a class in a dependency jar");
    TABLE.put(
        "function-json-generated/orders.annotation-processor-generated.function.json",
        "not an input: plugin output; entryPoint form checked here");
    TABLE.put(
        "http/custom-handler-invoke-request.http-trigger.json",
        "maps: POST /order with a JSON body (Data.req bound as the worker's request)");
    TABLE.put(
        "http/custom-handler-invoke-response.generic.json",
        "not an input: a custom handler's answer; the Java worker answers through HttpResponseMessage");
    TABLE.put(
        "http/custom-handler-invoke-response.http-and-queue-output.json",
        "not an input: a custom handler's answer; the Java worker answers through HttpResponseMessage");
    TABLE.put(
        "queue/custom-handler-invoke-request.queue-trigger.json",
        "maps: Queue Storage message, attempt 1, inserted 2019-10-09T17:58:31Z");
    TABLE.put(
        "queue/trigger-metadata.typed.python-library-test.json",
        "refused: InsertionTime \"2022-1-12T03:16:34Z\" is not ISO-8601 (a test dummy; the host writes ISO-8601)");
    TABLE.put(
        "servicebus/binding-contract.extension-5x.json",
        "not an input: the key list; every key the generated entries bind is in it");
    TABLE.put(
        "servicebus/trigger-metadata.typed.python-library-test.json",
        "maps: message with session, delivery 571, application properties");
    TABLE.put("timer/timer-info.docs-example.json", "maps: due 2016-10-04T10:20:00Z, not late");
    TABLE.put(
        "timer/timer-info.java-received.spring-sample-log.json",
        "maps: due 2022-10-11T08:53:00Z, not late");
  }

  private static Path root;

  @BeforeAll
  static void locate() {
    String base = System.getProperty("tern.rootDir");
    Path dir =
        (base == null ? Path.of("..") : Path.of(base))
            .resolve("../shared/fixtures/azure")
            .normalize();
    if (!Files.isDirectory(dir)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("the shared Azure fixtures are required in CI but " + dir + " does not exist");
      }
      Assumptions.abort("shared Azure fixtures not found at " + dir + "; conformance run skipped");
    }
    root = dir;
  }

  private static JsonNode json(String file) throws IOException {
    return TernJson.mapper().readTree(Files.readString(root.resolve(file)));
  }

  /** A metadata value as the worker binds JSON-typed metadata to a String: its JSON text. */
  private static String bound(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    JsonNode v =
        value.isObject() && value.has("type") && value.has("value") ? value.get("value") : value;
    return v.isTextual() && value.isObject() && "string".equals(value.path("type").asText())
        ? v.textValue()
        : v.isTextual() && !looksLikeTime(v.textValue()) ? v.textValue() : v.toString();
  }

  private static boolean looksLikeTime(String text) {
    return text.length() >= 10 && Character.isDigit(text.charAt(0)) && text.charAt(4) == '-';
  }

  @Test
  void everySampleIsClassified() throws IOException {
    Set<String> present = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".json"))
          .forEach(p -> present.add(root.relativize(p).toString().replace('\\', '/')));
    }
    assertThat(present).isEqualTo(new TreeSet<>(TABLE.keySet()));
  }

  @Test
  void mapsB2cConnectorRequests() throws IOException {
    AuthMapper.Call create =
        AuthMapper.read(bytes("auth/b2c-api-connector.post-attribute-collection.request.json"));
    assertThat(create.event().moment()).isEqualTo(AuthMoment.BEFORE_SIGN_UP);
    assertThat(create.event().user().email()).contains("johnsmith@fabrikam.onmicrosoft.com");
    assertThat(create.event().user().attribute("CustomAttribute1"))
        .contains("custom attribute value");
    assertThat(create.event().user().attribute("city")).contains("Seattle");
    assertThat(create.event().clientId()).contains("93fd07aa-333c-409d-955d-96008fd08dd9");
    assertThat(create.event().metadata()).containsEntry("issuer", "facebook.com");

    assertThat(
            AuthMapper.read(bytes("auth/b2c-api-connector.post-federation-signup.request.json"))
                .event()
                .moment())
        .isEqualTo(AuthMoment.BEFORE_SIGN_UP);
    AuthMapper.Call token =
        AuthMapper.read(bytes("auth/b2c-api-connector.pre-token-issuance.request.json"));
    assertThat(token.event().moment()).isEqualTo(AuthMoment.TOKEN_ISSUANCE);
    assertThat(token.event().clientId()).contains("231c70e8-8424-48ac-9b5d-5623b9e4ccf3");
  }

  @Test
  void answersB2cInTheDocumentedShapes() throws IOException {
    AuthMapper.Call create =
        AuthMapper.read(bytes("auth/b2c-api-connector.post-attribute-collection.request.json"));
    JsonNode allow =
        answer(create, AuthDecision.allow().withAttribute("CustomAttribute", "value"), false);
    JsonNode docAllow = json("auth/b2c-api-connector.continue.response.json");
    assertThat(allow.get("version")).isEqualTo(docAllow.get("version"));
    assertThat(allow.get("action")).isEqualTo(docAllow.get("action"));

    JsonNode block = answer(create, AuthDecision.deny("no"), false);
    assertThat(keys(block))
        .isEqualTo(keys(json("auth/b2c-api-connector.show-block-page.response.json")));
    assertThat(block.get("action"))
        .isEqualTo(json("auth/b2c-api-connector.show-block-page.response.json").get("action"));

    AuthMapper.Answer invalid =
        AuthMapper.answer(
            create, AuthDecision.deny("Please enter a valid Postal Code."), true, null);
    JsonNode doc = json("auth/b2c-api-connector.validation-error.response.json");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(TernJson.mapper().readTree(invalid.json())).isEqualTo(doc);
  }

  @Test
  void mapsAndAnswersEntraCallouts() throws IOException {
    AuthMapper.Call submit =
        AuthMapper.read(bytes("auth/entra.attribute-collection-submit.request.json"));
    AuthEvent event = submit.event();
    assertThat(event.moment()).isEqualTo(AuthMoment.BEFORE_SIGN_UP);
    assertThat(event.user().email()).contains("larissa.price@contoso.onmicrosoft.com");
    assertThat(event.user().attributes())
        .containsEntry("universityGroups", "Alumni,Faculty")
        .containsEntry("graduationYear", "2010")
        .containsEntry("onMailingList", "false");
    assertThat(event.ipAddress()).contains("30.51.176.110");

    assertThat(answer(submit, AuthDecision.allow(), false))
        .isEqualTo(json("auth/entra.attribute-collection-submit.continue.response.json"));
    assertThat(
            answer(
                submit,
                AuthDecision.deny(
                    "Your access request is already processing. You'll be notified "
                        + "when your request has been approved."),
                false))
        .isEqualTo(json("auth/entra.attribute-collection-submit.show-block-page.response.json"));
    JsonNode modify =
        answer(submit, AuthDecision.allow().withAttribute("key1", "value1,value2,value3"), false);
    assertThat(modify.at("/data/actions/0/@odata.type"))
        .isEqualTo(
            json("auth/entra.attribute-collection-submit.modify-attribute-values.response.json")
                .at("/data/actions/0/@odata.type"));
    JsonNode validation =
        answer(submit, AuthDecision.deny("Please fix the below errors to proceed."), true);
    JsonNode docValidation =
        json("auth/entra.attribute-collection-submit.show-validation-error.response.json");
    assertThat(validation.at("/data/actions/0/@odata.type"))
        .isEqualTo(docValidation.at("/data/actions/0/@odata.type"));
    assertThat(validation.at("/data/actions/0/message"))
        .isEqualTo(docValidation.at("/data/actions/0/message"));

    AuthMapper.Call token = AuthMapper.read(bytes("auth/entra.token-issuance-start.request.json"));
    assertThat(token.event().moment()).isEqualTo(AuthMoment.TOKEN_ISSUANCE);
    assertThat(token.event().user().id()).contains("90847c2a-e29d-4d2f-9f54-c5b4d3f26471");
    assertThat(token.event().user().email()).contains("casey@contoso.com");
    assertThat(token.event().user().username()).contains("casey@contoso.com");
    assertThat(
            answer(
                token,
                AuthDecision.allow()
                    .withClaim("DateOfBirth", "01/01/2000")
                    .withClaim("CustomRoles", List.of("Writer", "Editor")),
                false))
        .isEqualTo(json("auth/entra.token-issuance-start.response.json"));
  }

  @Test
  void mapsTheBlobTriggerDumpAndEventGridSamples() throws IOException {
    JsonNode dump = json("blob/blob-trigger-binding-data.png.node-worker.json");
    ObjectEvent blob =
        StorageMapper.blob(
            dump.get("blobTrigger").asText(),
            dump.get("properties").toString(),
            dump.get("metadata").toString(),
            NOW);
    assertThat(blob.bucket()).isEqualTo("original-images");
    assertThat(blob.key()).isEqualTo("nammatham.png");
    assertThat(blob.size()).hasValue(489099);
    assertThat(blob.contentType()).contains("image/png");
    assertThat(blob.etag()).isEmpty(); // the Node worker renders the ETag as {}
    assertThat(blob.time()).isEqualTo(Instant.parse("2023-02-28T03:15:41Z"));
    assertThat(blob.metadata()).isEmpty(); // the dump's metadata is {}

    Map<String, String[]> expected =
        Map.of(
            "eventgrid/blob-created.adls-gen2.cloudevents-schema.json",
                new String[] {"CREATED", "my-file-system", "new-file.txt"},
            "eventgrid/blob-created.cloudevents-schema.json",
                new String[] {"CREATED", "test-container", "new-file.txt"},
            "eventgrid/blob-created.eventgrid-schema.json",
                new String[] {"CREATED", "test-container", "new-file.txt"},
            "eventgrid/blob-deleted.eventgrid-schema.json",
                new String[] {"DELETED", "testcontainer", "file-to-delete.txt"});
    for (Map.Entry<String, String[]> e : expected.entrySet()) {
      ObjectEvent event = StorageMapper.eventGrid(Files.readString(root.resolve(e.getKey())));
      assertThat(new String[] {event.kind().name(), event.bucket(), event.key()})
          .as(e.getKey())
          .isEqualTo(e.getValue());
      assertThat(event.id()).isNotBlank();
    }
  }

  @Test
  void mapsQueueAndServiceBusSamplesAndRefusesTheMalformedTime() throws IOException {
    JsonNode envelope = json("queue/custom-handler-invoke-request.queue-trigger.json");
    JsonNode meta = envelope.get("Metadata");
    Message message =
        QueueMapper.storageQueue(
            envelope.at("/Data/myQueueItem").asText().getBytes(StandardCharsets.UTF_8),
            bound(meta.get("Id")),
            bound(meta.get("DequeueCount")),
            bound(meta.get("InsertionTime")),
            "orders",
            false);
    assertThat(message.id()).isEqualTo("800ae4b3-bdd2-4c08-badd-f08e5a34b865");
    assertThat(message.attempt()).hasValue(1);
    assertThat(message.enqueuedAt()).contains(Instant.parse("2019-10-09T17:58:31Z"));
    assertThat(message.body().text()).isEqualTo("{ message: \"Message sent\" }");

    JsonNode typed = json("queue/trigger-metadata.typed.python-library-test.json").get("metadata");
    assertThatThrownBy(
            () ->
                QueueMapper.storageQueue(
                    "test_body".getBytes(StandardCharsets.UTF_8),
                    bound(typed.get("Id")),
                    bound(typed.get("DequeueCount")),
                    bound(typed.get("InsertionTime")),
                    "orders",
                    false))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("InsertionTime is not an ISO-8601 time: \"2022-1-12T03:16:34Z\"");

    JsonNode sb =
        json("servicebus/trigger-metadata.typed.python-library-test.json").get("metadata");
    Message bus =
        QueueMapper.serviceBus(
            "{}".getBytes(StandardCharsets.UTF_8),
            bound(sb.get("MessageId")),
            bound(sb.get("DeliveryCount")),
            bound(sb.get("EnqueuedTimeUtc")),
            bound(sb.get("ApplicationProperties")),
            bound(sb.get("SessionId")),
            "payments");
    assertThat(bus.id()).isEqualTo("abcee18397398d93891830a0aac89eed");
    assertThat(bus.attempt()).hasValue(571);
    assertThat(bus.enqueuedAt()).contains(Instant.parse("2020-06-18T05:39:12.286041Z"));
    assertThat(bus.orderingKey()).contains("mocked_session_id");
    assertThat(bus.attributes()).isEqualTo(Map.of("application", "value"));

    JsonNode contract = json("servicebus/binding-contract.extension-5x.json").get("singleDispatch");
    for (String key :
        List.of(
            "MessageId",
            "DeliveryCount",
            "EnqueuedTimeUtc",
            "ApplicationProperties",
            "SessionId")) {
      assertThat(contract.has(key)).as(key).isTrue();
    }
  }

  @Test
  void mapsTimerSamples() throws IOException {
    Tick docs =
        TimerMapper.tick(
            Files.readString(root.resolve("timer/timer-info.docs-example.json")), "Nightly", NOW);
    assertThat(docs.dueAt()).isEqualTo(Instant.parse("2016-10-04T10:20:00Z"));
    assertThat(docs.isLate()).isFalse();
    Tick spring =
        TimerMapper.tick(
            Files.readString(root.resolve("timer/timer-info.java-received.spring-sample-log.json")),
            "Nightly",
            NOW);
    assertThat(spring.dueAt()).isEqualTo(Instant.parse("2022-10-11T08:53:00Z"));
  }

  /** A catch-all HTTP function for the custom-handler request. */
  public static final class Echo implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      Recorder.record(request);
      return HttpResponse.text("ok");
    }
  }

  @Test
  void mapsTheHttpSampleThroughTheWorkerShape() throws IOException {
    JsonNode req = json("http/custom-handler-invoke-request.http-trigger.json").at("/Data/req");
    Fakes.Request<Optional<String>> request =
        Fakes.text(req.get("Method").asText(), req.get("Url").asText(), req.get("Body").asText());
    req.get("Headers")
        .properties()
        .forEach(h -> h.getValue().forEach(v -> request.header(h.getKey(), v.asText())));
    Dispatcher dispatcher =
        Dispatcher.create(
            Router.create(
                List.of(
                    FunctionDescriptor.http("Echo", Echo.class.getName(), "/{path+}", List.of())),
                Settings.of(Map.of())),
            FunctionFactory.reflective(),
            getClass().getClassLoader());
    Recorder.drain();

    Fakes.Response response =
        Fakes.response(
            AzureAdapter.create(dispatcher, Settings.of(Map.of()))
                .http(request, new Fakes.Context("Echo"), "Echo"));

    assertThat(response.getStatusCode()).isEqualTo(200);
    HttpRequest seen = Recorder.last(HttpRequest.class);
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.path()).isEqualTo("/order");
    assertThat(seen.header("content-type")).contains("application/json");
    assertThat(seen.body().text()).isEqualTo("{\"id\":1005,\"quantity\":2,\"color\":\"black\"}");
  }

  @Test
  void generatedEntryPointsHaveThePluginsForm() throws IOException {
    JsonNode orders =
        json("function-json-generated/orders.annotation-processor-generated.function.json");
    assertThat(orders.get("entryPoint").asText())
        .matches("[\\w.]+\\.[A-Za-z_]+AzureEntry\\.[a-z]+");
    assertThat(json("function-json-generated/host.json").at("/extensionBundle/id").asText())
        .isEqualTo("Microsoft.Azure.Functions.ExtensionBundle");
  }

  private byte[] bytes(String file) throws IOException {
    return Files.readAllBytes(root.resolve(file));
  }

  private static JsonNode answer(AuthMapper.Call call, AuthDecision decision, boolean validation)
      throws IOException {
    AuthMapper.Answer answer = AuthMapper.answer(call, decision, validation, null);
    return TernJson.mapper().readTree(answer.json());
  }

  private static Set<String> keys(JsonNode node) {
    Set<String> keys = new TreeSet<>();
    ((ObjectNode) node).properties().forEach(e -> keys.add(e.getKey()));
    return keys;
  }
}
