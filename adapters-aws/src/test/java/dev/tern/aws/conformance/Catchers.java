package dev.tern.aws.conformance;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Functions that accept any event of their kind and record it. They carry no trigger annotation, so
 * they stay out of the test index; the conformance test declares them by hand and pins one.
 */
public final class Catchers {
  static final List<Object> SEEN = new CopyOnWriteArrayList<>();

  private Catchers() {}

  /** Any HTTP request. */
  public static final class AnyHttp implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      SEEN.add(request);
      return HttpResponse.text("seen " + request.method() + " " + request.path());
    }
  }

  /** Any message. */
  public static final class AnyQueue implements QueueFunction {
    @Override
    public void handle(Message message, Context context) {
      SEEN.add(message);
    }
  }

  /** Any object event. */
  public static final class AnyStorage implements StorageFunction {
    @Override
    public void handle(ObjectEvent event, Context context) {
      SEEN.add(event);
    }
  }

  /** Any tick. */
  public static final class AnySchedule implements ScheduleFunction {
    @Override
    public void handle(Tick tick, Context context) {
      SEEN.add(tick);
    }
  }

  /** Any auth moment, allowed. */
  public static final class AnyAuth implements AuthFunction {
    @Override
    public AuthDecision handle(AuthEvent event, Context context) {
      SEEN.add(event);
      return AuthDecision.allow();
    }
  }
}
