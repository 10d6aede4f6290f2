package dev.tern.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthFunction;
import dev.tern.AuthMoment;
import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.OnAuth;
import dev.tern.OnHttp;
import dev.tern.OnQueue;
import dev.tern.OnSchedule;
import dev.tern.OnStorage;
import dev.tern.QueueFunction;
import dev.tern.ScheduleFunction;
import dev.tern.SetCookie;
import dev.tern.StorageFunction;
import dev.tern.Tick;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.FunctionIndex;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import dev.tern.testing.CloudShape;
import dev.tern.testing.Contract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every catalogue case, through every cloud's native form: the function must see the canonical
 * event and the caller the canonical answer. A failure names the cloud and the case.
 */
class ContractTest {
  /** The clouds under contract. */
  static final List<Cloud> CLOUDS = Contract.clouds();

  static final AtomicReference<Object> seen = new AtomicReference<>();
  static final AtomicReference<Object> answer = new AtomicReference<>();
  static final List<Message> seenMessages = new ArrayList<>();
  static final List<String> failing = new ArrayList<>();

  @OnHttp(route = "/contract/{rest+}", name = "ContractHttp")
  public static final class RecordingHttp implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      seen.set(request);
      return (HttpResponse) answer.get();
    }
  }

  /** A single-segment parameter, where an encoded slash is part of the value. */
  @OnHttp(route = "/contract-file/{name}", name = "ContractFile")
  public static final class RecordingFile implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      seen.set(request);
      return (HttpResponse) answer.get();
    }
  }

  @OnQueue(value = "contract-queue", name = "ContractQueue")
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

  @OnStorage(
      bucket = "contract-bucket",
      kinds = {ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED},
      name = "ContractStorage")
  public static final class RecordingStorage implements StorageFunction {
    @Override
    public void handle(ObjectEvent event, Context context) {
      seen.set(event);
    }
  }

  @OnSchedule(cron = "0 2 * * *", name = "ContractNightly")
  public static final class RecordingSchedule implements ScheduleFunction {
    @Override
    public void handle(Tick tick, Context context) {
      seen.set(tick);
    }
  }

  @OnAuth(
      value = {AuthMoment.BEFORE_SIGN_UP, AuthMoment.TOKEN_ISSUANCE},
      name = "ContractAuth")
  public static final class RecordingAuth implements AuthFunction {
    @Override
    public AuthDecision handle(AuthEvent event, Context context) {
      seen.set(event);
      return (AuthDecision) answer.get();
    }
  }

  private static CloudShape shape(Cloud cloud) {
    List<Class<?>> functions =
        List.of(
            RecordingHttp.class,
            RecordingFile.class,
            RecordingQueue.class,
            RecordingStorage.class,
            RecordingSchedule.class,
            RecordingAuth.class);
    Dispatcher dispatcher =
        Dispatcher.create(
            Router.create(
                functions.stream().map(FunctionIndex::describe).toList(), Settings.of(Map.of())),
            FunctionFactory.reflective(),
            ContractTest.class.getClassLoader());
    return Contract.shape(cloud, dispatcher);
  }

  @TestFactory
  Stream<DynamicContainer> everyCloudCarriesEveryCase() {
    return CLOUDS.stream()
        .map(
            cloud -> {
              CloudShape shape = shape(cloud);
              List<DynamicTest> tests = new ArrayList<>();
              for (Catalogue.HttpCase c : Catalogue.http()) {
                tests.add(
                    DynamicTest.dynamicTest(
                        "http: " + c,
                        () -> {
                          answer.set(c.response());
                          HttpResponse response = shape.http(c.request());
                          if (!Contract.reachesItsRoute(cloud, c.request())) {
                            assertThat(seen.getAndSet(null))
                                .as("%s: no function takes the decoded path", cloud)
                                .isNull();
                            assertThat(response.status()).as("%s: status", cloud).isEqualTo(404);
                            return;
                          }
                          Contract.assertSameRequest(
                              cloud, c.request(), (HttpRequest) seen.getAndSet(null));
                          Contract.assertSameResponse(cloud, c.response(), response);
                        }));
              }
              for (Catalogue.QueueCase c : Catalogue.queue()) {
                tests.add(
                    DynamicTest.dynamicTest(
                        "queue: " + c,
                        () -> {
                          synchronized (seenMessages) {
                            seenMessages.clear();
                          }
                          failing.clear();
                          failing.addAll(c.failingIds());
                          List<String> failed =
                              shape.queueBatch(c.batch(), c.ordered()).failedIds();
                          Contract.assertSameBatch(cloud, c, List.copyOf(seenMessages), failed);
                        }));
              }
              for (Catalogue.StorageCase c : Catalogue.storage()) {
                tests.add(
                    DynamicTest.dynamicTest(
                        "storage: " + c,
                        () -> {
                          shape.storage(c.event(), c.change());
                          Contract.assertSameObjectEvent(
                              cloud, c.event(), c.change(), (ObjectEvent) seen.getAndSet(null));
                        }));
              }
              for (Catalogue.ScheduleCase c : Catalogue.schedule()) {
                tests.add(
                    DynamicTest.dynamicTest(
                        "schedule: " + c,
                        () -> {
                          shape.schedule(c.tick());
                          Contract.assertSameTick(cloud, c.tick(), (Tick) seen.getAndSet(null));
                        }));
              }
              for (Catalogue.AuthCase c : Catalogue.auth()) {
                tests.add(
                    DynamicTest.dynamicTest(
                        "auth: " + c,
                        () -> {
                          answer.set(c.decision());
                          AuthDecision decision = shape.auth(c.event());
                          Contract.assertSameAuthEvent(
                              cloud, c.event(), (AuthEvent) seen.getAndSet(null));
                          Contract.assertSameDecision(cloud, c.decision(), decision);
                        }));
              }
              return DynamicContainer.dynamicContainer(
                  cloud.name().toLowerCase(java.util.Locale.ROOT), tests);
            });
  }

  static List<String> cookieValues(List<SetCookie> cookies) {
    return cookies.stream().map(SetCookie::headerValue).toList();
  }
}
