package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.AuthEvent;
import dev.tern.HttpRequest;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.Tick;
import dev.tern.aws.fns.Recorder;
import dev.tern.aws.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Events are immutable, and so is what their {@code raw()} hands out: every map and list of the
 * native tree, at every level, refuses to change, and keeps the payload's order.
 */
class RawTreeTest {
  @BeforeEach
  void clear() {
    Recorder.clear();
  }

  /** What the recorded events of {@code type} hand out as {@code raw()}. */
  private static <T> List<Object> raws(Class<T> type, java.util.function.Function<T, ?> raw) {
    List<T> events = Recorder.events(type);
    assertThat(events).isNotEmpty();
    List<Object> out = new ArrayList<>();
    for (T event : events) {
      Optional<?> tree = (Optional<?>) raw.apply(event);
      assertThat(tree).isPresent();
      out.add(tree.get());
    }
    return out;
  }

  /**
   * Tries every way to change each map and list in {@code tree}, and checks each refuses.
   *
   * @return how many maps and lists below the top there are, so a test can tell it looked deep
   */
  private static int assertReadOnly(Object tree) {
    int nested = 0;
    if (tree instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) map;
      refuses(() -> m.put("tern", "changed"));
      refuses(() -> m.putAll(Map.of("tern", "changed")));
      refuses(() -> m.putIfAbsent("tern", "changed"));
      refuses(() -> m.computeIfAbsent("tern", k -> "changed"));
      refuses(() -> m.merge("tern", "changed", (a, b) -> b));
      if (!m.isEmpty()) {
        String key = m.keySet().iterator().next();
        refuses(() -> m.put(key, "changed"));
        refuses(() -> m.remove(key));
        refuses(m::clear);
        refuses(() -> m.replaceAll((k, v) -> "changed"));
        refuses(() -> m.keySet().remove(key));
        refuses(() -> m.values().clear());
        refuses(() -> m.entrySet().iterator().next().setValue("changed"));
        refuses(
            () -> {
              Iterator<String> i = m.keySet().iterator();
              i.next();
              i.remove();
            });
      }
      for (Object value : m.values()) {
        if (value instanceof Map || value instanceof List) {
          nested += 1 + assertReadOnly(value);
        }
      }
    } else if (tree instanceof List<?> list) {
      @SuppressWarnings("unchecked")
      List<Object> l = (List<Object>) list;
      refuses(() -> l.add("changed"));
      refuses(() -> l.addAll(List.of("changed")));
      refuses(l::clear);
      if (!l.isEmpty()) {
        refuses(() -> l.set(0, "changed"));
        refuses(() -> l.remove(0));
        refuses(() -> l.listIterator().add("changed"));
        refuses(() -> l.sort(null));
      }
      for (Object value : l) {
        if (value instanceof Map || value instanceof List) {
          nested += 1 + assertReadOnly(value);
        }
      }
    } else {
      throw new AssertionError("raw() is no JSON object or array: " + tree);
    }
    return nested;
  }

  private static void refuses(Runnable change) {
    assertThatThrownBy(change::run).isInstanceOf(UnsupportedOperationException.class);
  }

  /** Each tree is read-only throughout, has maps or lists below its top, and is the payload. */
  private static void assertReadOnlyAndUnchanged(List<Object> trees, byte[] payload) {
    for (Object tree : trees) {
      assertThat(assertReadOnly(tree)).as("maps and lists below the top").isPositive();
      // Nothing got in or out, and the order is the payload's: the tree writes back the same.
      assertThat(new String(Json.toBytes(tree), StandardCharsets.UTF_8))
          .isSubstringOf(new String(Json.toBytes(Json.parse(payload)), StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqs/batch.json", "sqs/fifo.json", "sqs/sns-in-sqs.json"})
  void sqsMessages(String fixture) {
    Lambda.standard().invokeFixture(fixture);

    assertReadOnlyAndUnchanged(raws(Message.class, Message::raw), Lambda.fixture(fixture));
  }

  @Test
  void snsMessages() {
    Lambda.standard().invokeFixture("sns/notification.json");

    assertReadOnlyAndUnchanged(
        raws(Message.class, Message::raw), Lambda.fixture("sns/notification.json"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3/put.json", "s3/delete.json", "eventbridge/s3-object-created.json"})
  void objectEvents(String fixture) {
    Lambda.standard().invokeFixture(fixture);

    assertReadOnlyAndUnchanged(raws(ObjectEvent.class, ObjectEvent::raw), Lambda.fixture(fixture));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqs/s3-in-sqs.json", "sns/s3-in-sns.json", "sqs/s3-in-sns-in-sqs.json"})
  void objectEventsWrappedInAMessage(String fixture) {
    Lambda.standard().invokeFixture(fixture);

    // The S3 notification was a string in the payload, parsed on its own.
    for (Object tree : raws(ObjectEvent.class, ObjectEvent::raw)) {
      assertThat(assertReadOnly(tree)).isPositive();
    }
  }

  @Test
  void schedules() {
    Lambda.standard().invokeFixture("eventbridge/scheduled.json");

    assertReadOnlyAndUnchanged(
        raws(Tick.class, Tick::raw), Lambda.fixture("eventbridge/scheduled.json"));
  }

  @Test
  void schedulerInputOfAPinnedSchedule() {
    Lambda.with(Map.of("TERN_FUNCTION", "Nightly"))
        .invokeFixture("eventbridge/scheduler-input.json");

    for (Object tree : raws(Tick.class, Tick::raw)) {
      assertReadOnly(tree);
    }
  }

  @Test
  void directInvokesAndEventBridgeEventsOfAPinnedQueue() {
    byte[] direct =
        "{\"order\":7,\"lines\":[{\"sku\":\"a-1\",\"tags\":[\"red\"]}]}"
            .getBytes(StandardCharsets.UTF_8);
    Lambda pinned = Lambda.with(Map.of("TERN_FUNCTION", "Orders"));
    pinned.invoke(direct);
    pinned.invokeFixture("eventbridge/custom.json");

    List<Object> trees = raws(Message.class, Message::raw);
    assertThat(trees).hasSize(2);
    assertReadOnlyAndUnchanged(trees.subList(0, 1), direct);
    assertReadOnlyAndUnchanged(trees.subList(1, 2), Lambda.fixture("eventbridge/custom.json"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cognito/presignup.json",
        "cognito/postconfirmation.json",
        "cognito/pretokengen-v1.json",
        "cognito/pretokengen-v2.json"
      })
  void cognitoTriggers(String fixture) {
    Lambda.standard().invokeFixture(fixture);

    assertReadOnlyAndUnchanged(raws(AuthEvent.class, AuthEvent::raw), Lambda.fixture(fixture));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http/http-api-v2-get.json",
        "http/http-api-v2-post-base64.json",
        "http/function-url-iam-post.json",
        "http/rest-v1-get.json",
        "http/rest-v1-lambda-authorizer-post.json",
        "http/alb-single.json",
        "http/alb-multi.json"
      })
  void httpRequests(String fixture) {
    Lambda.standard().invokeFixture(fixture);

    assertReadOnlyAndUnchanged(raws(HttpRequest.class, HttpRequest::raw), Lambda.fixture(fixture));
  }

  @Test
  void httpApiRequestsReadAsATree() {
    // With "version" not first, a 2.0 request is parsed into a tree before it is mapped.
    byte[] payload =
        Lambda.fixtureText("http/http-api-v2-get.json")
            .replaceFirst("\\{", "{\"first\": 1,")
            .getBytes(StandardCharsets.UTF_8);
    Lambda.standard().invoke(payload);

    assertReadOnlyAndUnchanged(raws(HttpRequest.class, HttpRequest::raw), payload);
  }
}
