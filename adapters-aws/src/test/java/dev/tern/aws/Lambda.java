package dev.tern.aws;

import com.amazonaws.services.lambda.runtime.Context;
import dev.tern.aws.fns.Accounts;
import dev.tern.aws.fns.Alerts;
import dev.tern.aws.fns.Boom;
import dev.tern.aws.fns.Bytes;
import dev.tern.aws.fns.Echo;
import dev.tern.aws.fns.Nightly;
import dev.tern.aws.fns.Orders;
import dev.tern.aws.fns.OrdersFifo;
import dev.tern.aws.fns.Uploads;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.FunctionIndex;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builds handlers over the test functions, invokes them like the runtime, and reads fixtures. */
final class Lambda {
  static final List<Class<?>> FUNCTIONS =
      List.of(
          Echo.class,
          Bytes.class,
          Boom.class,
          Orders.class,
          OrdersFifo.class,
          Alerts.class,
          Uploads.class,
          Nightly.class,
          Accounts.class);
  static final Instant NOW = Instant.parse("2026-03-10T14:03:30Z");

  final AwsHandler handler;
  final List<String> logLines = new CopyOnWriteArrayList<>();

  private Lambda(Map<String, String> settings, List<Class<?>> functions) {
    List<dev.tern.spi.FunctionDescriptor> descriptors = new ArrayList<>();
    functions.forEach(f -> descriptors.add(FunctionIndex.describe(f)));
    Settings s = Settings.of(settings);
    Dispatcher dispatcher =
        Dispatcher.create(
            Router.create(descriptors, s),
            FunctionFactory.reflective(),
            Lambda.class.getClassLoader());
    this.handler = new AwsHandler(dispatcher, s, logLines::add, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** Every test function; batch item failures reported. */
  static Lambda standard() {
    return with(Map.of("TERN_AWS_BATCH_ITEM_FAILURES", "true"));
  }

  static Lambda with(Map<String, String> settings) {
    return new Lambda(settings, FUNCTIONS);
  }

  static Lambda with(Map<String, String> settings, List<Class<?>> functions) {
    return new Lambda(settings, functions);
  }

  /** Calls {@code handleRequest} as the runtime does and returns the written answer as text. */
  String invoke(byte[] payload, Context context) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(payload), out, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  String invoke(byte[] payload) {
    return invoke(payload, new FakeLambdaContext("req-1"));
  }

  String invokeFixture(String path) {
    return invoke(fixture(path));
  }

  static byte[] fixture(String path) {
    try (InputStream in = Lambda.class.getResourceAsStream("/aws/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture aws/" + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fixtureText(String path) {
    return new String(fixture(path), StandardCharsets.UTF_8);
  }

  static Map<String, String> settings(String... pairs) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
