package dev.tern.testing.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.FunctionFailedException;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.QueueFunction;
import dev.tern.ScheduleFunction;
import dev.tern.StorageFunction;
import dev.tern.Tick;
import dev.tern.UnsupportedEventException;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import dev.tern.testing.Contract;
import dev.tern.testing.contract.Catalogue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract catalogue through {@link GcpShape}: each case travels in Google's native form
 * through the real GCP entry classes. The functions are declared by hand, not annotated, so they
 * stay out of this module's function index.
 */
class GcpShapeTest {
  static final AtomicReference<Object> seen = new AtomicReference<>();
  static final AtomicReference<Object> answer = new AtomicReference<>();
  static final List<Message> seenMessages = new ArrayList<>();
  static final Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public static final class RecordingHttp implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      seen.set(request);
      return (HttpResponse) answer.get();
    }
  }

  public static final class RecordingQueue implements QueueFunction {
    @Override
    public void handle(Message message, Context context) {
      synchronized (seenMessages) {
        seenMessages.add(message);
      }
      if (failing.contains(message.id())) {
        throw new IllegalStateException("contract failure of " + message.id());
      }
    }
  }

  public static final class RecordingStorage implements StorageFunction {
    @Override
    public void handle(ObjectEvent event, Context context) {
      seen.set(event);
    }
  }

  public static final class RecordingSchedule implements ScheduleFunction {
    @Override
    public void handle(Tick tick, Context context) {
      seen.set(tick);
      if (tick.dueAt().equals(Instant.EPOCH)) {
        throw new IllegalStateException("failing tick");
      }
    }
  }

  public static final class RecordingAuth implements AuthFunction {
    @Override
    public AuthDecision handle(AuthEvent event, Context context) {
      seen.set(event);
      return (AuthDecision) answer.get();
    }
  }

  static GcpShape shape() {
    List<FunctionDescriptor> functions = List.of(
        FunctionDescriptor.http("ContractHttp", RecordingHttp.class.getName(), "/contract/{rest+}", List.of()),
        FunctionDescriptor.queue("ContractQueue", RecordingQueue.class.getName(), "contract-queue"),
        FunctionDescriptor.storage("ContractStorage", RecordingStorage.class.getName(), "contract-bucket",
            Set.of(ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED)),
        FunctionDescriptor.schedule("ContractNightly", RecordingSchedule.class.getName(), "0 2 * * *"),
        FunctionDescriptor.auth("ContractAuth", RecordingAuth.class.getName(),
            Set.of(AuthMoment.BEFORE_SIGN_UP, AuthMoment.TOKEN_ISSUANCE, AuthMoment.AFTER_SIGN_UP)));
    Dispatcher dispatcher = Dispatcher.create(Router.create(functions, Settings.of(Map.of())),
        FunctionFactory.reflective(), GcpShapeTest.class.getClassLoader());
    return new GcpShape(dispatcher);
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
    answer.set(AuthDecision.allow());
    AuthEvent created = AuthEvent.builder(AuthMoment.AFTER_SIGN_UP,
        dev.tern.AuthUser.builder().id("u-9").email("grace@example.com").build()).id("evt-9").build();
    assertThat(shape().auth(created).isAllowed()).isTrue();
    AuthEvent got = (AuthEvent) seen.getAndSet(null);
    assertThat(got.moment()).isEqualTo(AuthMoment.AFTER_SIGN_UP);
    assertThat(got.user().id()).contains("u-9");
    assertThat(got.id()).contains("evt-9");
  }
}
