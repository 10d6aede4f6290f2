package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.AuthMoment;
import dev.tern.ConfigurationException;
import dev.tern.NoFunctionException;
import dev.tern.ObjectEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final Settings NONE = Settings.of(Map.of());

  private static FunctionDescriptor http(String name, String route, String... methods) {
    return FunctionDescriptor.http(name, "app." + name, route, List.of(methods));
  }

  private static Router router(FunctionDescriptor... functions) {
    return Router.create(List.of(functions), NONE);
  }

  @Test
  void routesByMethodAndPathWithDecodedParameters() {
    Router router = router(http("GetOrder", "/orders/{id}", "GET"), http("Hello", "/hello", "GET"));

    Router.HttpRoute route = router.routeHttp("GET", "/orders/a%2Fb");

    assertThat(route.outcome()).isEqualTo(Router.Outcome.MATCHED);
    assertThat(route.function().name()).isEqualTo("GetOrder");
    assertThat(route.params()).containsExactly(Map.entry("id", "a/b"));
  }

  @Test
  void aLiteralSegmentBeatsAParameter() {
    Router router =
        router(
            http("ById", "/users/{id}", "GET"),
            http("Me", "/users/me", "GET"),
            http("Any", "/{a}/{b}", "GET"));

    assertThat(router.routeHttp("GET", "/users/me").function().name()).isEqualTo("Me");
    assertThat(router.routeHttp("GET", "/users/42").function().name()).isEqualTo("ById");
    assertThat(router.routeHttp("GET", "/teams/42").function().name()).isEqualTo("Any");
  }

  @Test
  void anEarlierLiteralBeatsALaterOne() {
    Router router = router(http("Second", "/{a}/b", "GET"), http("First", "/a/{b}", "GET"));

    assertThat(router.routeHttp("GET", "/a/b").function().name()).isEqualTo("First");
  }

  @Test
  void aGreedyParameterLosesToEverythingElse() {
    Router router =
        router(http("Files", "/files/{path+}", "GET"), http("One", "/files/{name}", "GET"));

    assertThat(router.routeHttp("GET", "/files/a").function().name()).isEqualTo("One");
    assertThat(router.routeHttp("GET", "/files/a/b").function().name()).isEqualTo("Files");
    assertThat(router.routeHttp("GET", "/files/a/b").params()).containsEntry("path", "a/b");
  }

  @Test
  void aLiteralBeatsAParameterEvenInAShorterGreedyRoute() {
    Router router =
        router(http("Three", "/{a}/{b}/{c}", "GET"), http("Files", "/files/{path+}", "GET"));

    assertThat(router.routeHttp("GET", "/files/a/b").function().name()).isEqualTo("Files");
    assertThat(router.routeHttp("GET", "/other/a/b").function().name()).isEqualTo("Three");
  }

  @Test
  void noRouteIsNotFound() {
    Router.HttpRoute route = router(http("Hello", "/hello", "GET")).routeHttp("GET", "/nope");

    assertThat(route.outcome()).isEqualTo(Router.Outcome.NOT_FOUND);
    assertThat(route.function()).isNull();
    assertThat(route.allowed()).isEmpty();
  }

  @Test
  void malformedPathsAreNotFound() {
    Router router = router(http("Root", "/", "GET"), http("Any", "/{p+}", "GET"));

    assertThat(router.routeHttp("GET", "//").outcome()).isEqualTo(Router.Outcome.NOT_FOUND);
    assertThat(router.routeHttp("GET", "/a/%2e%2e/b").outcome())
        .isEqualTo(Router.Outcome.NOT_FOUND);
    assertThat(router.routeHttp("GET", "/a//b").outcome()).isEqualTo(Router.Outcome.NOT_FOUND);
  }

  @Test
  void aWrongMethodIsMethodNotAllowedWithSortedAllow() {
    Router router =
        router(
            http("Update", "/orders/{id}", "PUT", "PATCH"),
            http("Read", "/orders/{key}/", "GET"),
            http("Remove", "/orders/{x}", "DELETE"));

    Router.HttpRoute route = router.routeHttp("POST", "/orders/42");

    assertThat(route.outcome()).isEqualTo(Router.Outcome.METHOD_NOT_ALLOWED);
    assertThat(route.allowed()).containsExactly("DELETE", "GET", "HEAD", "PATCH", "PUT");
  }

  @Test
  void headGoesToTheGetFunctionUnlessAFunctionDeclaresIt() {
    Router router =
        router(
            http("Read", "/orders/{id}", "GET"),
            http("Peek", "/stock/{id}", "HEAD"),
            http("Count", "/stock/{id}", "GET"),
            http("Create", "/orders", "POST"));

    Router.HttpRoute read = router.routeHttp("HEAD", "/orders/o-1");
    assertThat(read.outcome()).isEqualTo(Router.Outcome.MATCHED);
    assertThat(read.function().name()).isEqualTo("Read");
    assertThat(read.params()).containsExactly(Map.entry("id", "o-1"));
    assertThat(router.routeHttp("HEAD", "/stock/s-1").function().name()).isEqualTo("Peek");

    Router.HttpRoute create = router.routeHttp("HEAD", "/orders");
    assertThat(create.outcome()).isEqualTo(Router.Outcome.METHOD_NOT_ALLOWED);
    assertThat(create.allowed()).containsExactly("POST");
    assertThat(router.routeHttp("HEAD", "/nowhere").outcome()).isEqualTo(Router.Outcome.NOT_FOUND);
  }

  @Test
  void noMethodsServesEveryMethod() {
    Router router = router(http("Any", "/any"));

    assertThat(router.routeHttp("BREW", "/any").outcome()).isEqualTo(Router.Outcome.MATCHED);
  }

  @Test
  void matchesQueueSourcesByNameArnOrPath() {
    Router router =
        router(
            FunctionDescriptor.queue("Orders", "app.Orders", "orders"),
            FunctionDescriptor.queue("Audit", "app.Audit", "audit"));

    assertThat(router.forQueue("orders").name()).isEqualTo("Orders");
    assertThat(router.forQueue("arn:aws:sqs:eu-west-1:123456789012:orders").name())
        .isEqualTo("Orders");
    assertThat(router.forQueue("projects/p/topics/orders").name()).isEqualTo("Orders");
    assertThat(router.forQueue("projects/p/topics/audit").name()).isEqualTo("Audit");
  }

  @Test
  void doesNotMatchASourceThatOnlyEndsWithTheName() {
    Router router = router(FunctionDescriptor.queue("Orders", "app.Orders", "orders"));

    assertThatThrownBy(() -> router.forQueue("arn:aws:sqs:eu-west-1:123456789012:old-orders"))
        .isInstanceOf(NoFunctionException.class);
    assertThatThrownBy(() -> router.forQueue("orders-dlq")).isInstanceOf(NoFunctionException.class);
  }

  @Test
  void anUnclaimedMessageListsTheDeclaredQueueFunctions() {
    Router router =
        Router.create(
            List.of(
                FunctionDescriptor.queue("Orders", "app.Orders", "${ORDERS_QUEUE}"),
                FunctionDescriptor.queue("Audit", "app.Audit", "audit"),
                http("Hello", "/hello", "GET")),
            Settings.of(Map.of("ORDERS_QUEUE", "orders-prod")));

    assertThatThrownBy(() -> router.forQueue("payments"))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining("payments")
        .hasMessageContaining("queue Orders <- ${ORDERS_QUEUE} (orders-prod)")
        .hasMessageContaining("queue Audit <- audit")
        .hasMessageNotContaining("Hello");
  }

  @Test
  void saysNoneWhenNoFunctionOfThatKindIsDeclared() {
    assertThatThrownBy(() -> router(http("Hello", "/hello")).forQueue("orders"))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining("declared queue functions: none");
  }

  @Test
  void resolvesSettingsInSourceNames() {
    Router router =
        Router.create(
            List.of(FunctionDescriptor.queue("Orders", "app.Orders", "orders-${STAGE}")),
            Settings.of(Map.of("STAGE", "prod")));

    assertThat(router.forQueue("arn:aws:sqs:eu-west-1:1:orders-prod").name()).isEqualTo("Orders");
    assertThat(router.source(router.functions().get(0))).isEqualTo("orders-prod");
    assertThatThrownBy(() -> router.forQueue("orders-${STAGE}"))
        .isInstanceOf(NoFunctionException.class);
  }

  @Test
  void namesTheMissingSettingAndTheFunction() {
    assertThatThrownBy(
            () ->
                Router.create(
                    List.of(FunctionDescriptor.queue("Orders", "app.Orders", "${ORDERS_QUEUE}")),
                    NONE))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("ORDERS_QUEUE")
        .hasMessageContaining("Orders");
  }

  @Test
  void routesStorageEventsByBucketAndKind() {
    Router router =
        router(
            FunctionDescriptor.storage(
                "Thumbs", "app.Thumbs", "uploads", Set.of(ObjectEvent.Kind.CREATED)),
            FunctionDescriptor.storage(
                "Purge", "app.Purge", "uploads", Set.of(ObjectEvent.Kind.DELETED)));

    assertThat(router.forStorage("uploads", ObjectEvent.Kind.CREATED).name()).isEqualTo("Thumbs");
    assertThat(router.forStorage("uploads", ObjectEvent.Kind.DELETED).name()).isEqualTo("Purge");
    assertThatThrownBy(() -> router.forStorage("uploads", ObjectEvent.Kind.ARCHIVED))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining("ARCHIVED")
        .hasMessageContaining("Thumbs");
    assertThatThrownBy(() -> router.forStorage("other", ObjectEvent.Kind.CREATED))
        .isInstanceOf(NoFunctionException.class);
  }

  @Test
  void routesSchedulesByNameAndAuthByMoment() {
    Router router =
        router(
            FunctionDescriptor.schedule("Nightly", "app.Nightly", "0 2 * * *"),
            FunctionDescriptor.schedule("Hourly", "app.Hourly", "0 * * * *"),
            FunctionDescriptor.auth("SignUp", "app.SignUp", Set.of(AuthMoment.BEFORE_SIGN_UP)));

    assertThat(router.forSchedule("Hourly").name()).isEqualTo("Hourly");
    assertThat(router.forAuth(AuthMoment.BEFORE_SIGN_UP).name()).isEqualTo("SignUp");
    assertThatThrownBy(() -> router.forSchedule("Weekly"))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining("Weekly")
        .hasMessageContaining("Nightly")
        .hasMessageContaining("Hourly");
    assertThatThrownBy(() -> router.forAuth(AuthMoment.USER_DELETED))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining("USER_DELETED")
        .hasMessageContaining("SignUp");
    assertThatThrownBy(router::onlySchedule)
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining(Settings.PIN);
  }

  @Test
  void routesTicksByTheDeclaredRuleOrJobElseByName() {
    Router router =
        Router.create(
            List.of(
                FunctionDescriptor.schedule(
                    "Nightly", "app.Nightly", "0 2 * * *", "orders-NightlyReportSchedule-1X2Y3Z"),
                FunctionDescriptor.schedule("Weekly", "app.Weekly", "0 3 * * MON", "${WEEKLY_JOB}"),
                FunctionDescriptor.schedule("Hourly", "app.Hourly", "0 * * * *")),
            Settings.of(Map.of("WEEKLY_JOB", "ops-weekly-prod")));

    assertThat(
            router
                .forScheduleSource(
                    "arn:aws:events:eu-west-1:123456789012:rule/orders-NightlyReportSchedule-1X2Y3Z")
                .name())
        .isEqualTo("Nightly");
    assertThat(
            router
                .forScheduleSource("projects/p/locations/europe-west1/jobs/ops-weekly-prod")
                .name())
        .isEqualTo("Weekly");
    assertThat(router.forScheduleSource("ops-weekly-prod").name()).isEqualTo("Weekly");
    assertThat(router.forScheduleSource("arn:aws:events:eu-west-1:123456789012:rule/Hourly").name())
        .isEqualTo("Hourly");
    assertThat(router.source(router.functions().get(1))).isEqualTo("ops-weekly-prod");
    assertThat(router.source(router.functions().get(2))).isEqualTo("Hourly");
    // A declared source replaces the name, as a queue's does.
    assertThatThrownBy(
            () -> router.forScheduleSource("projects/p/locations/europe-west1/jobs/Nightly"))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining("tick of projects/p/locations/europe-west1/jobs/Nightly")
        .hasMessageContaining(
            "schedule Nightly \"0 2 * * *\" <- orders-NightlyReportSchedule-1X2Y3Z")
        .hasMessageContaining("<- ${WEEKLY_JOB} (ops-weekly-prod)");
    assertThatThrownBy(() -> router.forScheduleSource("rule/orders-NightlyReportSchedule"))
        .isInstanceOf(NoFunctionException.class);
    assertThatThrownBy(() -> router.forScheduleSource("")).isInstanceOf(NoFunctionException.class);
  }

  @Test
  void aDeclaredRuleWinsOverAScheduleNamedLikeIt() {
    Router router =
        router(
            FunctionDescriptor.schedule("Cleanup", "app.Cleanup", "0 4 * * *"),
            FunctionDescriptor.schedule("Purge", "app.Purge", "0 5 * * *", "Cleanup"));

    assertThat(router.forScheduleSource("Cleanup").name()).isEqualTo("Purge");
    assertThat(router.forSchedule("Cleanup").name()).isEqualTo("Cleanup");
  }

  @Test
  void theScheduleSourceSettingIsReadOnlyWhenItsFunctionMayRun() {
    assertThatThrownBy(
            () ->
                router(
                    FunctionDescriptor.schedule(
                        "Nightly", "app.Nightly", "0 2 * * *", "${NIGHTLY_RULE}")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("NIGHTLY_RULE")
        .hasMessageContaining("Nightly");
    Router pinned =
        Router.create(
            List.of(
                FunctionDescriptor.schedule(
                    "Nightly", "app.Nightly", "0 2 * * *", "${NIGHTLY_RULE}"),
                FunctionDescriptor.schedule("Hourly", "app.Hourly", "0 * * * *")),
            Settings.of(Map.of(Settings.PIN, "Hourly")));

    assertThat(pinned.forScheduleSource("orders-NightlyReportSchedule-1X2Y3Z").name())
        .isEqualTo("Hourly");
  }

  @Test
  void thePinSendsEveryEventOfItsKindToOneFunction() {
    Router router =
        Router.create(
            List.of(
                FunctionDescriptor.schedule("Nightly", "app.Nightly", "0 2 * * *"),
                FunctionDescriptor.schedule("Hourly", "app.Hourly", "0 * * * *"),
                http("Hello", "/hello", "GET")),
            Settings.of(Map.of(Settings.PIN, "Hourly")));

    assertThat(router.pinned()).map(FunctionDescriptor::name).contains("Hourly");
    assertThat(router.forSchedule("Nightly").name()).isEqualTo("Hourly");
    assertThat(router.onlySchedule().name()).isEqualTo("Hourly");
    assertThat(router.declares(TriggerKind.HTTP)).isFalse();
    assertThat(router.routeHttp("GET", "/hello").outcome()).isEqualTo(Router.Outcome.NOT_FOUND);
    assertThatThrownBy(() -> router.forQueue("orders"))
        .isInstanceOf(NoFunctionException.class)
        .hasMessageContaining(Settings.PIN)
        .hasMessageContaining("Hourly");
  }

  @Test
  void aPinnedQueueFunctionTakesMessagesFromAnySource() {
    Router router =
        Router.create(
            List.of(FunctionDescriptor.queue("Orders", "app.Orders", "orders")),
            Settings.of(Map.of(Settings.PIN, " Orders ")));

    assertThat(router.forQueue("anything").name()).isEqualTo("Orders");
  }

  @Test
  void anUnknownPinIsAConfigurationErrorListingTheFunctions() {
    assertThatThrownBy(
            () ->
                Router.create(
                    List.of(http("Hello", "/hello"), http("Bye", "/bye")),
                    Settings.of(Map.of(Settings.PIN, "Nope"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("TERN_FUNCTION=Nope")
        .hasMessageContaining("Hello, Bye");
  }

  @Test
  void aBlankPinPinsNothing() {
    Router router =
        Router.create(List.of(http("Hello", "/hello")), Settings.of(Map.of(Settings.PIN, " ")));

    assertThat(router.pinned()).isEmpty();
  }

  @Test
  void aPinnedDeploymentNeedsOnlyThePinnedFunctionsSettings() {
    // A jar with many functions deployed as one of them is configured for that one only.
    Router router =
        Router.create(
            List.of(
                FunctionDescriptor.queue("Orders", "app.Orders", "${ORDERS_QUEUE}"),
                http("Hello", "/hello", "GET")),
            Settings.of(Map.of(Settings.PIN, "Hello")));

    assertThat(router.routeHttp("GET", "/hello").function().name()).isEqualTo("Hello");
  }

  @Test
  void refusesConflictingDeclarations() {
    assertThatThrownBy(
            () ->
                router(http("A", "/orders/{id}", "GET"), http("B", "/orders/{key}", "GET", "PUT")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("app.A and app.B both serve GET");
    assertThatThrownBy(() -> router(http("A", "/a"), FunctionDescriptor.queue("A", "app.Q", "q")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("both named A");
  }

  @Test
  void allowsTheSameRouteForDifferentMethods() {
    Router router =
        router(http("Read", "/orders/{id}", "GET"), http("Write", "/orders/{id}", "PUT"));

    assertThat(router.routeHttp("PUT", "/orders/1").function().name()).isEqualTo("Write");
    assertThat(router.routeHttp("GET", "/orders/1").function().name()).isEqualTo("Read");
  }

  @Test
  void settingsResolveEveryReference() {
    Settings settings = Settings.of(Map.of("A", "x", "B", "y"));

    assertThat(settings.resolve("${A}-${B}-${A}", "here")).isEqualTo("x-y-x");
    assertThat(settings.resolve("plain", "here")).isEqualTo("plain");
    assertThatThrownBy(() -> settings.resolve("${A", "function F"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("function F")
        .hasMessageContaining("unclosed");
    assertThatThrownBy(() -> settings.resolve("${C}", "function F"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("function F refers to setting C, which is not set");
  }

  @Test
  void rejectsNullsWithAMessage() {
    assertThatThrownBy(() -> Settings.of(null)).hasMessage("values == null");
    assertThatThrownBy(() -> NONE.resolve(null, "here")).hasMessage("declared == null");
    assertThatThrownBy(() -> Router.create(null, NONE)).hasMessage("functions == null");
    assertThatThrownBy(() -> Router.create(List.of(), null)).hasMessage("settings == null");
    assertThatThrownBy(() -> router().routeHttp(null, "/")).hasMessage("method == null");
    assertThatThrownBy(() -> router().forQueue(null)).hasMessage("source == null");
  }
}
