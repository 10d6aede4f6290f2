package dev.tern.testing;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.Tick;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.JsonLog;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The in-memory "cloud": events go straight to the dispatcher, no native form in between. */
final class LocalShape implements CloudShape {
  private final Dispatcher dispatcher;
  private final boolean ordered;
  private final AtomicLong invocations = new AtomicLong();

  LocalShape(Dispatcher dispatcher, boolean ordered) {
    this.dispatcher = dispatcher;
    this.ordered = ordered;
  }

  @Override
  public Cloud cloud() {
    return Cloud.LOCAL;
  }

  @Override
  public HttpResponse http(HttpRequest request) {
    return dispatcher.http(request, this::context);
  }

  @Override
  public List<String> queue(List<Message> batch) {
    boolean fifo = ordered || batch.stream().allMatch(m -> m.orderingKey().isPresent());
    return dispatcher.queueBatch(batch, fifo, this::context).failedIds();
  }

  @Override
  public void storage(ObjectEvent event) {
    dispatcher.storage(event, this::context);
  }

  @Override
  public void schedule(Tick tick) {
    dispatcher.schedule(tick, this::context);
  }

  @Override
  public AuthDecision auth(AuthEvent event) {
    return dispatcher.auth(event, this::context);
  }

  /**
   * Contract runs check events, not logs: lines are dropped rather than flooding the build output.
   */
  private Context context(FunctionDescriptor function) {
    String id = "local-" + invocations.incrementAndGet();
    return new HarnessContext(
        id,
        function.name(),
        Clock.systemUTC(),
        JsonLog.builder(line -> {}).field("invocationId", id).build(),
        Map.of());
  }
}
