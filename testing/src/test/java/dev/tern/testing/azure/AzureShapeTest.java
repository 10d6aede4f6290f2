package dev.tern.testing.azure;

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

/** What {@link AzureShape} adds to the contract suite: its refusals and cloud-specific cases. */
class AzureShapeTest {
  static AzureShape shape() {
    return new AzureShape(Recorders.dispatcher());
  }

  @Test
  void refusesWhatAzureCannotDeliver() {
    ObjectEvent restored = ObjectEvent.builder(ObjectEvent.Kind.RESTORED, "contract-bucket", "k")
        .time(Instant.EPOCH).id("r-1").build();
    assertThatThrownBy(() -> shape().storage(restored)).isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("RESTORED");
    AuthEvent created = AuthEvent.builder(AuthMoment.AFTER_SIGN_UP, dev.tern.AuthUser.builder().id("u").build()).build();
    assertThatThrownBy(() -> shape().auth(created)).isInstanceOf(UnsupportedEventException.class)
        .hasMessageContaining("AFTER_SIGN_UP");
  }

  @Test
  void reportsAFailingTickAsTheAdaptersFailure() {
    assertThatThrownBy(() -> shape().schedule(Tick.of("ContractNightly", Instant.EPOCH, Instant.EPOCH, false)))
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
  void deniesATokenWhenTheFunctionDenies() {
    Recorders.answer.set(AuthDecision.deny("no"));
    AuthEvent token = AuthEvent.builder(AuthMoment.TOKEN_ISSUANCE, dev.tern.AuthUser.builder().id("u-2").build()).build();
    assertThat(shape().auth(token).isAllowed()).isFalse();
  }
}
