package dev.tern.testing;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.QueueFunction;
import dev.tern.ScheduleFunction;
import dev.tern.StorageFunction;
import dev.tern.Tick;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Functions that record what they were given, for the cloud shape tests. They are declared by hand
 * in {@link #dispatcher()}, not annotated, so they stay out of this module's function index.
 */
public final class Recorders {
  public static final AtomicReference<Object> seen = new AtomicReference<>();
  public static final AtomicReference<Object> answer = new AtomicReference<>();
  public static final List<Message> seenMessages = new ArrayList<>();
  public static final Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Recorders() {}

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

  /** Fails a tick due at the epoch, so tests can see how a failure comes back. */
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

  /** A dispatcher over the recorders, named as the contract catalogue expects. */
  public static Dispatcher dispatcher() {
    List<FunctionDescriptor> functions =
        List.of(
            FunctionDescriptor.http(
                "ContractHttp", RecordingHttp.class.getName(), "/contract/{rest+}", List.of()),
            FunctionDescriptor.queue(
                "ContractQueue", RecordingQueue.class.getName(), "contract-queue"),
            FunctionDescriptor.storage(
                "ContractStorage",
                RecordingStorage.class.getName(),
                "contract-bucket",
                Set.of(ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED)),
            FunctionDescriptor.schedule(
                "ContractNightly", RecordingSchedule.class.getName(), "0 2 * * *"),
            FunctionDescriptor.auth(
                "ContractAuth",
                RecordingAuth.class.getName(),
                Set.of(
                    AuthMoment.BEFORE_SIGN_UP,
                    AuthMoment.TOKEN_ISSUANCE,
                    AuthMoment.AFTER_SIGN_UP)));
    return Dispatcher.create(
        Router.create(functions, Settings.of(Map.of())),
        FunctionFactory.reflective(),
        Recorders.class.getClassLoader());
  }
}
