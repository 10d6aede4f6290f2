package dev.tern.testing.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.Body;
import dev.tern.FunctionFailedException;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.Tick;
import dev.tern.UnsupportedEventException;
import dev.tern.jackson.TernJson;
import dev.tern.spi.Dispatcher;
import dev.tern.testing.Recorders;
import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@link GcpShape} adds to the contract suite: its refusals and cloud-specific cases. */
class GcpShapeTest {
  static GcpShape shape() {
    return new GcpShape(Recorders.dispatcher());
  }

  @Test
  void reportsAFailingTickAsTheAdaptersFailure() {
    assertThatThrownBy(
            () -> shape().schedule(Tick.of("ContractNightly", Instant.EPOCH, Instant.EPOCH, false)))
        .isInstanceOf(FunctionFailedException.class);
  }

  /**
   * A decision Identity Platform would refuse, such as one setting a reserved claim, is the
   * function's bug: the adapter answers 500 {@code INTERNAL} with the generic message, which the
   * client app is shown, so the shape gives back that refusal, as for a function that throws.
   */
  @Test
  void givesBackADecisionWithAReservedClaimAsTheGenericRefusal() {
    Recorders.answer.set(AuthDecision.allow().withClaim("aud", "elsewhere"));
    AuthEvent signUp =
        AuthEvent.builder(
                AuthMoment.BEFORE_SIGN_UP,
                dev.tern.AuthUser.builder().id("u-7").email("ada@example.com").build())
            .build();

    AuthDecision decision = shape().auth(signUp);

    assertThat(decision.isAllowed()).isFalse();
    assertThat(decision.message()).contains(Dispatcher.AUTH_FAILED);
  }

  /**
   * The adapter answers with every custom claim the user keeps, since Identity Platform replaces
   * them all; the shape gives back only what the decision set.
   */
  @Test
  void givesBackOnlyTheClaimsTheDecisionSet() {
    Recorders.answer.set(AuthDecision.allow().withClaim("tier", "gold"));
    AuthEvent signUp =
        AuthEvent.builder(
                AuthMoment.BEFORE_SIGN_UP,
                dev.tern.AuthUser.builder()
                    .id("u-8")
                    .email("ada@example.com")
                    .attributes(Map.of("plan", "free"))
                    .build())
            .build();

    AuthDecision decision = shape().auth(signUp);

    assertThat(decision.claims()).containsExactly(Map.entry("tier", "gold"));
  }

  @Test
  void refusesWhatGoogleCannotDeliver() {
    ObjectEvent restored =
        ObjectEvent.builder(ObjectEvent.Kind.RESTORED, "contract-bucket", "k")
            .time(Instant.EPOCH)
            .id("r-1")
            .build();
    assertThatThrownBy(() -> shape().storage(restored))
        .isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("RESTORED");
  }

  @Test
  void sendsAHexMd5EtagAsTheBase64Md5HashCloudStorageSends() throws Exception {
    Map<String, String> sentAs = new LinkedHashMap<>();
    for (String etag :
        List.of(
            "9e107d9d372bb6826bd81d3542a419d6", "kF8MuJ5+CTJxvyhHS1xzRg==", "0x8DB19385C6E5F0B")) {
      shape()
          .storage(
              ObjectEvent.builder(ObjectEvent.Kind.CREATED, "contract-bucket", "k")
                  .etag(etag)
                  .time(Instant.EPOCH)
                  .id("e-1")
                  .build());

      ObjectEvent got = (ObjectEvent) Recorders.seen.getAndSet(null);
      JsonNode data =
          TernJson.mapper().readTree(((CloudEvent) got.raw().orElseThrow()).getData().toBytes());
      String field = data.has("md5Hash") ? "md5Hash" : data.has("etag") ? "etag" : "none";
      sentAs.put(etag, field + "=" + data.path(field).asText() + " seen=" + got.etag().orElse(""));
    }

    assertThat(sentAs)
        .containsExactly(
            // the same digest, in base64
            Map.entry(
                "9e107d9d372bb6826bd81d3542a419d6",
                "md5Hash=nhB9nTcrtoJr2B01QqQZ1g== seen=nhB9nTcrtoJr2B01QqQZ1g=="),
            // already as Cloud Storage sends it
            Map.entry(
                "kF8MuJ5+CTJxvyhHS1xzRg==",
                "md5Hash=kF8MuJ5+CTJxvyhHS1xzRg== seen=kF8MuJ5+CTJxvyhHS1xzRg=="),
            // no MD5: sent as the object's etag, which the adapter falls back to
            Map.entry("0x8DB19385C6E5F0B", "etag=0x8DB19385C6E5F0B seen=0x8DB19385C6E5F0B"));
  }

  @Test
  void deliversFirebaseAuthUserCreatedAsANonBlockingMoment() {
    Recorders.answer.set(AuthDecision.allow());
    AuthEvent created =
        AuthEvent.builder(
                AuthMoment.AFTER_SIGN_UP,
                dev.tern.AuthUser.builder().id("u-9").email("grace@example.com").build())
            .id("evt-9")
            .build();
    assertThat(shape().auth(created).isAllowed()).isTrue();
    AuthEvent got = (AuthEvent) Recorders.seen.getAndSet(null);
    assertThat(got.moment()).isEqualTo(AuthMoment.AFTER_SIGN_UP);
    assertThat(got.user().id()).contains("u-9");
    assertThat(got.id()).contains("evt-9");
  }

  @AfterEach
  void clear() {
    Recorders.failing.clear();
    synchronized (Recorders.seenMessages) {
      Recorders.seenMessages.clear();
    }
  }

  private static Message message(String id, String source) {
    return Message.builder(id, source).body(Body.ofText(id)).build();
  }

  @Test
  void reportsAMessageNoFunctionTakesAsFailedAndDeliversTheRest() {
    List<String> failed =
        shape().queue(List.of(message("m-1", "nobody-listens"), message("m-2", "contract-queue")));

    assertThat(failed).containsExactly("m-1");
    assertThat(Recorders.seenMessages).extracting(Message::id).containsExactly("m-2");
  }

  @Test
  void holdsBackOnlyTheOrderingKeyThatFailed() {
    Recorders.failing.add("a-1");
    List<String> failed =
        shape()
            .queue(
                List.of(
                    message("a-1", "contract-queue").toBuilder().orderingKey("a").build(),
                    message("b-1", "contract-queue").toBuilder().orderingKey("b").build(),
                    message("a-2", "contract-queue").toBuilder().orderingKey("a").build(),
                    message("b-2", "contract-queue").toBuilder().orderingKey("b").build()));

    assertThat(failed).containsExactly("a-1", "a-2");
    assertThat(Recorders.seenMessages).extracting(Message::id).containsExactly("a-1", "b-1", "b-2");
  }
}
