package dev.tern.testing.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.Body;
import dev.tern.FunctionFailedException;
import dev.tern.InvalidValueException;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.Tick;
import dev.tern.UnsupportedEventException;
import dev.tern.testing.ObjectChange;
import dev.tern.testing.Recorders;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link AzureShape} adds to the contract suite: its refusals and cloud-specific cases. */
class AzureShapeTest {
  static AzureShape shape() {
    return new AzureShape(Recorders.dispatcher());
  }

  @Test
  void refusesWhatAzureCannotDeliver() {
    ObjectEvent restored =
        ObjectEvent.builder(ObjectEvent.Kind.RESTORED, "contract-bucket", "k")
            .time(Instant.EPOCH)
            .id("r-1")
            .build();
    assertThatThrownBy(() -> shape().storage(restored))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("RESTORED");
    AuthEvent created =
        AuthEvent.builder(AuthMoment.AFTER_SIGN_UP, dev.tern.AuthUser.builder().id("u").build())
            .build();
    assertThatThrownBy(() -> shape().auth(created))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("AFTER_SIGN_UP");
  }

  @Test
  void refusesAnOrderedBatchWithAMessageWithoutASession() {
    Message unkeyed = Message.builder("m-1", "contract-queue").body(Body.ofText("x")).build();
    Recorders.seen.set(null);

    assertThatThrownBy(() -> shape().queueBatch(List.of(unkeyed), true))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "azure: message m-1 of session-enabled queue contract-queue has no ordering key, so it"
                + " would have no SessionId, which a session-enabled Service Bus queue requires");
    assertThat(Recorders.seen.get()).isNull();
  }

  @Test
  void deliversAnObjectThroughTheBlobTriggerWithItsMetadata() {
    ObjectEvent put =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "contract-bucket", "cats/tabby 1+2.png")
            .size(489099)
            .etag("0x8DB19385C6E5F0B")
            .contentType("image/png")
            .metadata(Map.of("camera", "x100", "owner", "ada"))
            .time(Instant.parse("2026-03-14T15:09:26.535Z"))
            .id("evt-7")
            .build();

    shape().withBlobTrigger().storage(put);

    ObjectEvent got = (ObjectEvent) Recorders.seen.getAndSet(null);
    assertThat(got.kind()).isEqualTo(ObjectEvent.Kind.CREATED);
    assertThat(got.bucket()).isEqualTo("contract-bucket");
    assertThat(got.key()).isEqualTo("cats/tabby 1+2.png");
    assertThat(got.size()).hasValue(489099);
    assertThat(got.etag()).contains("0x8DB19385C6E5F0B");
    assertThat(got.contentType()).contains("image/png");
    assertThat(got.time()).isEqualTo(put.time());
    assertThat(got.metadata()).isEqualTo(Map.of("camera", "x100", "owner", "ada"));
    assertThat(got.id())
        .as("the blob trigger has no event id")
        .isEqualTo("contract-bucket/cats/tabby 1+2.png@0x8DB19385C6E5F0B");
  }

  @Test
  void deliversThroughTheBlobTriggerOnlyForTheNamedFunctions() {
    ObjectEvent put =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "contract-bucket", "cats/tabby.png")
            .etag("0x8DB19385C6E5F0B")
            .metadata(Map.of("camera", "x100"))
            .time(Instant.parse("2026-03-14T15:09:26.535Z"))
            .id("evt-8")
            .build();

    shape().withBlobTriggerFor("ContractStorage").storage(put);
    ObjectEvent chosen = (ObjectEvent) Recorders.seen.getAndSet(null);
    shape().withBlobTriggerFor("Thumbnails").storage(put);
    ObjectEvent other = (ObjectEvent) Recorders.seen.getAndSet(null);

    assertThat(chosen.id()).isEqualTo("contract-bucket/cats/tabby.png@0x8DB19385C6E5F0B");
    assertThat(chosen.metadata()).isEqualTo(Map.of("camera", "x100"));
    assertThat(other.id()).isEqualTo("evt-8");
    assertThat(other.metadata()).isEmpty();
    ObjectEvent restored =
        ObjectEvent.builder(ObjectEvent.Kind.RESTORED, "contract-bucket", "k")
            .time(Instant.EPOCH)
            .id("r-2")
            .build();
    assertThatThrownBy(() -> shape().withBlobTriggerFor("ContractStorage").storage(restored))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("RESTORED");
  }

  @Test
  void sendsEachEventGridEventWithASequencerThatGrowsWithTheChangeAndNoVersion() {
    ObjectEvent put =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "contract-bucket", "a.txt")
            .version("2026-03-14T15:09:26.5350000Z")
            .time(Instant.EPOCH)
            .id("evt-9")
            .build();
    ObjectEvent deleted =
        ObjectEvent.builder(ObjectEvent.Kind.DELETED, "contract-bucket", "a.txt")
            .time(Instant.EPOCH)
            .id("evt-10")
            .build();
    List<JsonNode> sent = new ArrayList<>();

    for (ObjectChange change : List.of(ObjectChange.unversioned(9), ObjectChange.versioned(10))) {
      shape().storage(put, change);
      ObjectEvent got = (ObjectEvent) Recorders.seen.getAndSet(null);
      assertThat(got.id()).isEqualTo("evt-9");
      assertThat(got.version()).as("Event Grid has no version field").isEmpty();
      sent.add((JsonNode) got.raw().orElseThrow());
    }
    shape().storage(deleted, ObjectChange.versioned(11));
    sent.add((JsonNode) ((ObjectEvent) Recorders.seen.getAndSet(null)).raw().orElseThrow());

    assertThat(sent)
        .extracting(e -> e.path("data").path("sequencer").asText())
        .containsExactly(
            "00000000000000000000000000000009",
            "0000000000000000000000000000000A",
            "0000000000000000000000000000000B");
    assertThat(sent).noneMatch(e -> e.path("data").has("versionId"));
  }

  @Test
  void givesTheBlobTriggerTheVersionIdOnlyInAVersionedBucket() {
    ObjectEvent put =
        ObjectEvent.builder(ObjectEvent.Kind.CREATED, "contract-bucket", "a.txt")
            .etag("0x8DB19385C6E5F0B")
            .version("2026-03-14T15:09:26.5350000Z")
            .time(Instant.EPOCH)
            .id("evt-11")
            .build();

    shape().withBlobTrigger().storage(put, ObjectChange.unversioned(12));
    ObjectEvent unversioned = (ObjectEvent) Recorders.seen.getAndSet(null);
    shape().withBlobTrigger().storage(put, ObjectChange.versioned(13));
    ObjectEvent versioned = (ObjectEvent) Recorders.seen.getAndSet(null);

    assertThat(unversioned.version()).isEmpty();
    assertThat(versioned.version()).hasValue("2026-03-14T15:09:26.5350000Z");
    assertThat(versioned.id())
        .as("the blob trigger has no sequencer either")
        .isEqualTo(unversioned.id())
        .isEqualTo("contract-bucket/a.txt@0x8DB19385C6E5F0B");
  }

  @Test
  void refusesADeletionOnTheBlobTrigger() {
    ObjectEvent deleted =
        ObjectEvent.builder(ObjectEvent.Kind.DELETED, "contract-bucket", "k")
            .time(Instant.EPOCH)
            .id("d-1")
            .build();
    Recorders.seen.set(null);
    assertThatThrownBy(() -> shape().withBlobTrigger().storage(deleted))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("DELETED");
    assertThat(Recorders.seen.get()).isNull();
  }

  @Test
  void reportsAFailingTickAsTheAdaptersFailure() {
    assertThatThrownBy(
            () -> shape().schedule(Tick.of("ContractNightly", Instant.EPOCH, Instant.EPOCH, false)))
        .isInstanceOf(FunctionFailedException.class);
  }

  @Test
  void carriesLatenessAndFiringTimeOfATick() {
    Instant due = Instant.parse("2026-03-15T02:00:00Z");
    shape().schedule(Tick.of("ContractNightly", due, due.plusSeconds(90), true));
    Tick got = (Tick) Recorders.seen.getAndSet(null);
    assertThat(got.isLate()).isTrue();
    assertThat(got.dueAt()).isEqualTo(due);
    assertThat(got.firedAt()).isEqualTo(due.plusSeconds(90));
  }

  @Test
  void sendsTheUsersDirectoryPropertiesToTokenIssuanceButNoCustomAttribute() {
    Recorders.answer.set(AuthDecision.allow());
    shape()
        .auth(
            AuthEvent.builder(
                    AuthMoment.TOKEN_ISSUANCE,
                    dev.tern.AuthUser.builder()
                        .id("u-2")
                        .attributes(Map.of("givenName", "Ada", "tier", "gold"))
                        .build())
                .build());

    AuthEvent seen = (AuthEvent) Recorders.seen.getAndSet(null);
    assertThat(seen.user().attribute("givenName")).contains("Ada");
    assertThat(seen.user().attribute("tier")).as("not a directory property").isEmpty();
  }

  @Test
  void deniesATokenWhenTheFunctionDenies() {
    Recorders.answer.set(AuthDecision.deny("no"));
    AuthEvent token =
        AuthEvent.builder(AuthMoment.TOKEN_ISSUANCE, dev.tern.AuthUser.builder().id("u-2").build())
            .build();
    assertThat(shape().auth(token).isAllowed()).isFalse();
  }
}
