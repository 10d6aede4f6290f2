package dev.tern.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.FunctionFailedException;
import dev.tern.NoFunctionException;
import dev.tern.Tick;
import dev.tern.UndecodablePayloadException;
import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link GcpEventFunction}: context, routing by topic, and the typed failures. */
class EventEntryTest {
  private static final String PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";
  private final Deployment deployment = Deployment.all();

  private static Fakes.Event message(String topic, String id, String attributes) {
    return Fakes.event(PUBLISHED, "//pubsub.googleapis.com/projects/my-project/topics/" + topic, id)
        .time("2024-03-01T10:15:30.5Z")
        .data(
            "{\"message\":{\"messageId\":\""
                + id
                + "\",\"data\":\"SGk=\",\"attributes\":"
                + attributes
                + "}}");
  }

  @Test
  void givesTheFunctionTheEventIdTraceAndNativeEvent() {
    Fakes.Event event =
        message("orders", "m-1", "{}")
            .extension("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    deployment.events.accept(event);
    Context context = deployment.instance(TestFunctions.Orders.class).contexts.get(0);
    assertThat(context.invocationId()).isEqualTo("m-1");
    assertThat(context.traceId()).contains("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(context.functionName()).isEqualTo("Orders");
    assertThat(context.cloud()).isEqualTo(Cloud.GCP);
    assertThat(context.deadline()).isEmpty();
    assertThat(context.setting(GcpSettings.PROJECT)).contains("my-project");
    assertThat(context.unwrap(CloudEvent.class)).containsSame(event);
    assertThat(deployment.instance(TestFunctions.Orders.class).seen.get(0).unwrap(CloudEvent.class))
        .containsSame(event);
  }

  @Test
  void refusesACloudEventWithoutAnId() {
    assertThatThrownBy(() -> deployment.events.accept(message("orders", null, "{}")))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("gcp: CloudEvent of type " + PUBLISHED)
        .hasMessageContaining("\"id\"");
  }

  @Test
  void failsTheInvocationWhenTheFunctionThrows() {
    assertThatThrownBy(
            () -> deployment.events.accept(message("orders", "m-2", "{\"fail\":\"true\"}")))
        .isInstanceOf(FunctionFailedException.class)
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesAMessageNoFunctionClaimsNamingWhatIsDeclared() {
    assertThatThrownBy(() -> deployment.events.accept(message("invoices", "m-3", "{}")))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining("projects/my-project/topics/invoices")
        .hasMessageContaining("orders");
  }

  @Test
  void deliversAMessageOnATopicNamedLikeAScheduleAsATick() {
    deployment.events.accept(message("Nightly", "m-4", "{}"));
    Tick tick = deployment.instance(TestFunctions.Nightly.class).seen.get(0);
    assertThat(tick.name()).isEqualTo("Nightly");
    assertThat(tick.dueAt()).isEqualTo(Instant.parse("2024-03-01T10:15:30.5Z"));
    assertThat(deployment.instance(TestFunctions.Orders.class).seen).isEmpty();
  }

  @Test
  void deliversAMessageOnTheTopicAScheduleDeclaresAsATick() {
    Deployment schedules =
        new Deployment(
            Map.of(),
            TestFunctions.Nightly.class,
            TestFunctions.Report.class,
            TestFunctions.Orders.class);

    schedules.events.accept(message("ops-nightly-report", "m-5", "{}"));

    assertThat(schedules.instance(TestFunctions.Report.class).seen)
        .extracting(Tick::name)
        .containsExactly("Report");
    assertThat(schedules.instance(TestFunctions.Nightly.class).seen).isEmpty();
    assertThatThrownBy(() -> schedules.events.accept(message("Report", "m-6", "{}")))
        .isInstanceOf(NoFunctionException.class);
  }

  private static Fakes.Event userCreated(String email) {
    return Fakes.event(
            "google.firebase.auth.user.v1.created",
            "//firebaseauth.googleapis.com/projects/my-project",
            "a-2")
        .time("2024-03-01T10:15:30Z")
        .subject("users/u-2")
        .data("{\"uid\":\"u-2\",\"email\":\"" + email + "\"}");
  }

  @Test
  void warnsThatAFirebaseAuthEventCarriesNoPartOfADecision() throws Exception {
    deployment.events.accept(userCreated("extras@example.com"));

    List<JsonNode> warnings = IdentityPlatformTest.warnings(deployment);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).get("message").asText())
        .isEqualTo(
            "Firebase Auth google.firebase.auth.user.v1.created"
                + " cannot carry these parts of the auth decision; they were not applied");
    assertThat(warnings.get(0).get("parts").asText())
        .isEqualTo(
            "withAttribute(plan), withClaim(tier), withoutClaim(email), confirmUser, withEmailVerified(true)");
    assertThat(warnings.get(0).get("executionId").asText()).isEqualTo("a-2");
  }

  @Test
  void warnsAboutNothingWhenAFirebaseAuthEventIsAllowedPlainly() throws Exception {
    deployment.events.accept(userCreated("ada@example.com"));

    assertThat(deployment.instance(TestFunctions.Accounts.class).seen).hasSize(1);
    assertThat(IdentityPlatformTest.warnings(deployment)).isEmpty();
  }

  @Test
  void failsANonBlockingAuthEventWhenTheFunctionThrows() {
    Fakes.Event created =
        Fakes.event(
                "google.firebase.auth.user.v1.created",
                "//firebaseauth.googleapis.com/projects/my-project",
                "a-1")
            .time("2024-03-01T10:15:30Z")
            .subject("users/u-1")
            .data("{\"uid\":\"u-1\",\"email\":\"boom@example.com\"}");
    assertThatThrownBy(() -> deployment.events.accept(created))
        .isInstanceOf(FunctionFailedException.class);
  }
}
