package dev.tern.testing.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.FunctionFailedException;
import dev.tern.ObjectEvent;
import dev.tern.Tick;
import dev.tern.UnsupportedEventException;
import dev.tern.testing.Recorders;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What {@link GcpShape} adds to the contract suite: its refusals and cloud-specific cases. */
class GcpShapeTest {
  static GcpShape shape() {
    return new GcpShape(Recorders.dispatcher());
  }

  @Test
  void reportsAFailingTickAsTheAdaptersFailure() {
    assertThatThrownBy(() -> shape().schedule(Tick.of("ContractNightly", Instant.EPOCH, Instant.EPOCH, false)))
        .isInstanceOf(FunctionFailedException.class);
  }

  @Test
  void refusesWhatGoogleCannotDeliver() {
    ObjectEvent restored = ObjectEvent.builder(ObjectEvent.Kind.RESTORED, "contract-bucket", "k")
        .time(Instant.EPOCH).id("r-1").build();
    assertThatThrownBy(() -> shape().storage(restored)).isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("RESTORED");
  }

  @Test
  void deliversFirebaseAuthUserCreatedAsANonBlockingMoment() {
    Recorders.answer.set(AuthDecision.allow());
    AuthEvent created = AuthEvent.builder(AuthMoment.AFTER_SIGN_UP,
        dev.tern.AuthUser.builder().id("u-9").email("grace@example.com").build()).id("evt-9").build();
    assertThat(shape().auth(created).isAllowed()).isTrue();
    AuthEvent got = (AuthEvent) Recorders.seen.getAndSet(null);
    assertThat(got.moment()).isEqualTo(AuthMoment.AFTER_SIGN_UP);
    assertThat(got.user().id()).contains("u-9");
    assertThat(got.id()).contains("evt-9");
  }
}
