package dev.tern.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.gcp.GcpKeySource;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvocationTest {
  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final FunctionDescriptor HELLO =
      FunctionDescriptor.http("Hello", "example.Hello", "/hello", List.of("GET"));

  private final GcpRuntime runtime =
      new GcpRuntime(
          Dispatcher.create(
              Router.create(List.of(HELLO), Settings.of(Map.of())),
              FunctionFactory.reflective(),
              InvocationTest.class.getClassLoader()),
          Settings.of(Map.of()),
          GcpKeySource.of(Map.of()),
          line -> {},
          Clock.systemUTC());

  @Test
  void aSaneExecutionIdIsTheInvocationIdOfEveryContext() {
    GcpRuntime.Invocation invocation = runtime.httpInvocation("exec-1", null, null, "request");

    assertThat(invocation.invocationId()).isEqualTo("exec-1");
    assertThat(invocation.create(HELLO).invocationId()).isEqualTo("exec-1");
    assertThat(invocation.create(HELLO).unwrap(String.class)).contains("request");
  }

  @Test
  void withoutASaneExecutionIdOneFreshIdIsMadeAndKept() {
    for (String header : new String[] {null, "", "has space", "x".repeat(129), "quo\"te"}) {
      GcpRuntime.Invocation invocation = runtime.httpInvocation(header, null, null);
      String id = invocation.create(HELLO).invocationId();

      assertThat(id).as(String.valueOf(header)).matches("[0-9a-f-]{36}");
      assertThat(invocation.invocationId()).isEqualTo(id);
      assertThat(invocation.create(HELLO).invocationId()).isEqualTo(id);
      assertThat(runtime.httpInvocation(header, null, null).invocationId()).isNotEqualTo(id);
    }
  }

  @Test
  void theTraceIdComesFromTraceparentThenCloudTraceContextAndMayBeAbsent() {
    String traceparent = "00-" + TRACE + "-00f067aa0ba902b7-01";
    String cloud = "105445aa7843bc8bf206b12000100000/1;o=1";

    assertThat(runtime.httpInvocation(null, traceparent, cloud).traceId()).isEqualTo(TRACE);
    assertThat(runtime.httpInvocation(null, "garbage", cloud).traceId())
        .isEqualTo("105445aa7843bc8bf206b12000100000");
    GcpRuntime.Invocation none = runtime.httpInvocation(null, null, null);
    assertThat(none.traceId()).isNull();
    assertThat(none.traceId()).isNull();
    assertThat(none.create(HELLO).traceId()).isEmpty();
    assertThat(runtime.httpInvocation(null, traceparent, null).create(HELLO).traceId())
        .contains(TRACE);
  }

  @Test
  void givenIdsAreKeptAsGiven() {
    Dispatcher.Contexts contexts = runtime.contexts("event-1", null, "event");

    assertThat(contexts.create(HELLO).invocationId()).isEqualTo("event-1");
    assertThat(contexts.create(HELLO).traceId()).isEmpty();
    assertThat(runtime.contexts("event-2", TRACE).create(HELLO).traceId()).contains(TRACE);
  }
}
