package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Messages, object events, ticks and auth events: immutable, optional parts empty, nulls refused.
 */
class EventsTest {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  @Test
  void messageCarriesEveryField() {
    Message message =
        Message.builder("m-1", "orders")
            .body(Body.ofText("{}"))
            .attributes(Map.of("type", "created"))
            .attempt(2)
            .enqueuedAt(T0)
            .orderingKey("customer-7")
            .raw("native")
            .build();

    assertThat(message.id()).isEqualTo("m-1");
    assertThat(message.source()).isEqualTo("orders");
    assertThat(message.body().text()).isEqualTo("{}");
    assertThat(message.attribute("type")).contains("created");
    assertThat(message.attempt()).hasValue(2);
    assertThat(message.enqueuedAt()).contains(T0);
    assertThat(message.orderingKey()).contains("customer-7");
    assertThat(message.idempotencyKey()).isEqualTo("orders#m-1");
    assertThat(message.unwrap(String.class)).contains("native");
    assertThat(message.unwrap(Integer.class)).isEmpty();
  }

  @Test
  void messageLeavesUnreportedPartsEmpty() {
    Message message = Message.builder("m-1", "orders").build();

    assertThat(message.attempt()).isEmpty();
    assertThat(message.enqueuedAt()).isEmpty();
    assertThat(message.orderingKey()).isEmpty();
    assertThat(message.raw()).isEmpty();
    assertThat(message.attributes()).isEmpty();
    assertThat(message.body().isEmpty()).isTrue();
  }

  @Test
  void messageRedeliveryKeepsTheIdAndCountsTheAttempt() {
    Message first = Message.builder("m-1", "orders").attempt(1).body(Body.ofText("x")).build();
    Message second = first.withAttempt(2);

    assertThat(second.id()).isEqualTo("m-1");
    assertThat(second.attempt()).hasValue(2);
    assertThat(second.body().text()).isEqualTo("x");
    assertThat(first.attempt()).hasValue(1);
  }

  @Test
  void messageCopiesItsAttributes() {
    Map<String, String> attributes = new HashMap<>(Map.of("a", "1"));
    Message message = Message.builder("m-1", "orders").attributes(attributes).build();
    attributes.put("b", "2");

    assertThat(message.attributes()).containsOnlyKeys("a");
    assertThatThrownBy(() -> message.attributes().put("c", "3"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void messageRejectsANegativeAttemptAndNulls() {
    assertThatThrownBy(() -> Message.builder("m", "q").attempt(-1))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Message.builder(null, "q")).hasMessage("id == null");
    assertThatThrownBy(() -> Message.builder("m", null)).hasMessage("source == null");
    assertThatThrownBy(() -> Message.builder("m", "q").body(null)).hasMessage("body == null");
    assertThatThrownBy(() -> Message.builder("m", "q").attributes(null))
        .hasMessage("attributes == null");
    assertThatThrownBy(() -> Message.builder("m", "q").build().attribute(null))
        .hasMessage("name == null");
  }

  @Test
  void messageRefusesANullAttributeNameOrValueNamingIt() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("x", null);
    Map<String, String> nullName = new HashMap<>();
    nullName.put(null, "1");

    assertThatThrownBy(() -> Message.builder("m", "q").attributes(nullValue))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("attributes: null value for key \"x\"");
    assertThatThrownBy(() -> Message.builder("m", "q").attributes(nullName))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("attributes: null key");
  }

  @Test
  void objectEventCarriesEveryField() {
    ObjectEvent event =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "uploads", "reports/q1 2024.csv")
            .size(1024)
            .etag("\"abc\"")
            .contentType("text/csv")
            .version("v3")
            .metadata(Map.of("camera", "x100"))
            .time(T0)
            .id("e-1")
            .build();

    assertThat(event.kind()).isEqualTo(ObjectEvent.Kind.CREATED);
    assertThat(event.bucket()).isEqualTo("uploads");
    assertThat(event.key()).isEqualTo("reports/q1 2024.csv");
    assertThat(event.size()).hasValue(1024);
    assertThat(event.etag()).contains("\"abc\"");
    assertThat(event.contentType()).contains("text/csv");
    assertThat(event.version()).contains("v3");
    assertThat(event.metadata()).isEqualTo(Map.of("camera", "x100"));
    assertThat(event.time()).isEqualTo(T0);
    assertThat(event.id()).isEqualTo("e-1");
  }

  @Test
  void objectEventLeavesUnreportedPartsEmpty() {
    ObjectEvent deleted =
        ObjectEvent.builder(ObjectEvent.Kind.DELETED, "uploads", "a.txt")
            .time(T0)
            .id("e-2")
            .build();

    assertThat(deleted.size()).isEmpty();
    assertThat(deleted.etag()).isEmpty();
    assertThat(deleted.contentType()).isEmpty();
    assertThat(deleted.version()).isEmpty();
    assertThat(deleted.metadata()).isEmpty();
    assertThat(deleted.raw()).isEmpty();
  }

  @Test
  void objectEventCopiesItsMetadataInOrder() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("owner", "ada");
    metadata.put("camera", "x100");
    metadata.put("album", "2026");
    ObjectEvent event =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "photos", "cat.png")
            .metadata(metadata)
            .time(T0)
            .id("e-3")
            .build();
    metadata.put("late", "added");

    assertThat(event.metadata())
        .containsExactly(
            Map.entry("owner", "ada"), Map.entry("camera", "x100"), Map.entry("album", "2026"));
    assertThatThrownBy(() -> event.metadata().put("c", "3"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void objectEventNamesItsMetadataButNotTheValuesInToString() {
    ObjectEvent event =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "photos", "cat.png")
            .metadata(Map.of("owner", "ada@example.com"))
            .time(T0)
            .id("e-4")
            .build();
    ObjectEvent bare =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "photos", "cat.png")
            .time(T0)
            .id("e-5")
            .build();

    assertThat(event.toString())
        .isEqualTo("ObjectEvent[CREATED photos/cat.png, id e-4, metadata [owner]]");
    assertThat(bare.toString()).isEqualTo("ObjectEvent[CREATED photos/cat.png, id e-5]");
  }

  @Test
  void objectEventRejectsNullMetadataNamesAndValues() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("camera", null);
    Map<String, String> nullName = new HashMap<>();
    nullName.put(null, "x100");
    ObjectEvent.Builder builder = ObjectEvent.builder(ObjectEvent.Kind.CREATED, "b", "k");

    assertThatThrownBy(() -> builder.metadata(null)).hasMessage("metadata == null");
    assertThatThrownBy(() -> builder.metadata(nullValue))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("metadata: null value for key \"camera\"");
    assertThatThrownBy(() -> builder.metadata(nullName))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("metadata: null key");
  }

  @Test
  void objectEventAcceptsSizeZeroAndRejectsNegativeSizes() {
    ObjectEvent empty =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "b", "k").size(0).time(T0).id("e").build();

    assertThat(empty.size()).hasValue(0);
    assertThatThrownBy(() -> ObjectEvent.builder(ObjectEvent.Kind.CREATED, "b", "k").size(-1))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void objectEventRequiresTimeAndIdAndRejectsNulls() {
    assertThatThrownBy(
            () -> ObjectEvent.builder(ObjectEvent.Kind.CREATED, "b", "k").id("e").build())
        .hasMessage("time == null");
    assertThatThrownBy(
            () -> ObjectEvent.builder(ObjectEvent.Kind.CREATED, "b", "k").time(T0).build())
        .hasMessage("id == null");
    assertThatThrownBy(() -> ObjectEvent.builder(null, "b", "k")).hasMessage("kind == null");
    assertThatThrownBy(() -> ObjectEvent.builder(ObjectEvent.Kind.CREATED, null, "k"))
        .hasMessage("bucket == null");
    assertThatThrownBy(() -> ObjectEvent.builder(ObjectEvent.Kind.CREATED, "b", null))
        .hasMessage("key == null");
  }

  @Test
  void tickIsAValue() {
    Tick tick = Tick.of("nightly", T0, T0.plusSeconds(3), true);

    assertThat(tick.name()).isEqualTo("nightly");
    assertThat(tick.dueAt()).isEqualTo(T0);
    assertThat(tick.firedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(tick.isLate()).isTrue();
    assertThat(tick.raw()).isEmpty();
    assertThat(tick).isEqualTo(Tick.of("nightly", T0, T0.plusSeconds(3), true, "native"));
    assertThat(tick.hashCode())
        .isEqualTo(Tick.of("nightly", T0, T0.plusSeconds(3), true).hashCode());
    assertThat(tick).isNotEqualTo(Tick.of("nightly", T0, T0.plusSeconds(3), false));
    assertThat(Tick.of("n", T0, T0, false, 42).unwrap(Integer.class)).contains(42);
  }

  @Test
  void tickRejectsNulls() {
    assertThatThrownBy(() -> Tick.of(null, T0, T0, false)).hasMessage("name == null");
    assertThatThrownBy(() -> Tick.of("n", null, T0, false)).hasMessage("dueAt == null");
    assertThatThrownBy(() -> Tick.of("n", T0, null, false)).hasMessage("firedAt == null");
  }

  @Test
  void authEventCarriesUserClientAndMetadata() {
    AuthUser user =
        AuthUser.builder()
            .id("u-1")
            .username("ada")
            .email("ada@example.com")
            .phone("+15555550100")
            .emailVerified(true)
            .attributes(Map.of("tier", "gold"))
            .build();
    AuthEvent event =
        AuthEvent.builder(AuthMoment.BEFORE_SIGN_IN, user)
            .clientId("app-1")
            .ipAddress("203.0.113.7")
            .userAgent("curl/8")
            .metadata(Map.of("step", "signin"))
            .id("ev-1")
            .build();

    assertThat(event.moment()).isEqualTo(AuthMoment.BEFORE_SIGN_IN);
    assertThat(event.user().email()).contains("ada@example.com");
    assertThat(event.user().emailVerified()).contains(true);
    assertThat(event.user().attribute("tier")).contains("gold");
    assertThat(event.clientId()).contains("app-1");
    assertThat(event.ipAddress()).contains("203.0.113.7");
    assertThat(event.userAgent()).contains("curl/8");
    assertThat(event.metadata()).containsEntry("step", "signin");
    assertThat(event.id()).contains("ev-1");
  }

  @Test
  void authEventLeavesUnknownPartsEmpty() {
    AuthEvent event =
        AuthEvent.builder(AuthMoment.BEFORE_SIGN_UP, AuthUser.builder().build()).build();

    assertThat(event.user().id()).isEmpty();
    assertThat(event.user().username()).isEmpty();
    assertThat(event.user().email()).isEmpty();
    assertThat(event.user().phone()).isEmpty();
    assertThat(event.user().emailVerified()).isEmpty();
    assertThat(event.user().attributes()).isEmpty();
    assertThat(event.clientId()).isEmpty();
    assertThat(event.ipAddress()).isEmpty();
    assertThat(event.userAgent()).isEmpty();
    assertThat(event.metadata()).isEmpty();
    assertThat(event.id()).isEmpty();
    assertThat(event.raw()).isEmpty();
  }

  @Test
  void authEventCopiesMaps() {
    Map<String, String> attributes = new HashMap<>(Map.of("a", "1"));
    Map<String, String> metadata = new HashMap<>(Map.of("m", "1"));
    AuthEvent event =
        AuthEvent.builder(
                AuthMoment.AFTER_SIGN_UP, AuthUser.builder().attributes(attributes).build())
            .metadata(metadata)
            .build();
    attributes.clear();
    metadata.clear();

    assertThat(event.user().attributes()).containsOnlyKeys("a");
    assertThat(event.metadata()).containsOnlyKeys("m");
  }

  @Test
  void authEventRejectsNulls() {
    assertThatThrownBy(() -> AuthEvent.builder(null, AuthUser.builder().build()))
        .hasMessage("moment == null");
    assertThatThrownBy(() -> AuthEvent.builder(AuthMoment.BEFORE_SIGN_UP, null))
        .hasMessage("user == null");
    assertThatThrownBy(() -> AuthUser.builder().attributes(null)).hasMessage("attributes == null");
  }

  @Test
  void authEventRefusesANullNameOrValueNamingIt() {
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("tier", null);
    Map<String, String> nullName = new HashMap<>();
    nullName.put(null, "gold");
    AuthEvent.Builder builder =
        AuthEvent.builder(AuthMoment.BEFORE_SIGN_UP, AuthUser.builder().build());

    assertThatThrownBy(() -> AuthUser.builder().attributes(nullValue))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("attributes: null value for key \"tier\"");
    assertThatThrownBy(() -> AuthUser.builder().attributes(nullName))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("attributes: null key");
    assertThatThrownBy(() -> builder.metadata(nullValue))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("metadata: null value for key \"tier\"");
    assertThatThrownBy(() -> builder.metadata(nullName))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("metadata: null key");
  }

  @Test
  void onlyBeforeSignUpBeforeSignInAndTokenIssuanceBlock() {
    assertThat(AuthMoment.values())
        .filteredOn(AuthMoment::isBlocking)
        .containsExactly(
            AuthMoment.BEFORE_SIGN_UP, AuthMoment.BEFORE_SIGN_IN, AuthMoment.TOKEN_ISSUANCE);
  }
}
