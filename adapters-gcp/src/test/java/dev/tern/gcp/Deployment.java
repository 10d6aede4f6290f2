package dev.tern.gcp;

import dev.tern.gcp.internal.GcpRuntime;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.FunctionIndex;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The test functions behind both entries, with captured log lines and a local signing key. */
final class Deployment {
  static final String PROJECT = "my-project";
  static final String KEY_ID = "test-key-1";
  static final KeyPair KEYS = generate();

  final Dispatcher dispatcher;
  final List<String> logs = new CopyOnWriteArrayList<>();
  final GcpRuntime runtime;
  final GcpHttpFunction http;
  final GcpEventFunction events;

  Deployment(Map<String, String> settings, Class<?>... functions) {
    this(settings, Clock.systemUTC(), functions);
  }

  /** A deployment whose adapter reads the time from {@code clock}, as token expiry checks do. */
  Deployment(Map<String, String> settings, Clock clock, Class<?>... functions) {
    Map<String, String> all =
        new HashMap<>(Map.of(GcpSettings.PROJECT, PROJECT, GcpSettings.HTTP_EVENTS, "true"));
    all.putAll(settings);
    Settings s = Settings.of(all);
    List<FunctionDescriptor> descriptors = new ArrayList<>();
    for (Class<?> f : functions) {
      descriptors.add(FunctionIndex.describe(f));
    }
    this.dispatcher =
        Dispatcher.create(
            Router.create(descriptors, s),
            FunctionFactory.reflective(),
            Deployment.class.getClassLoader());
    this.runtime =
        new GcpRuntime(
            dispatcher, s, GcpKeySource.of(Map.of(KEY_ID, KEYS.getPublic())), logs::add, clock);
    this.http = new GcpHttpFunction(runtime);
    this.events = new GcpEventFunction(runtime);
  }

  /** Every test function. */
  static Deployment all() {
    return new Deployment(
        Map.of(),
        TestFunctions.Echo.class,
        TestFunctions.Fails.class,
        TestFunctions.Bind.class,
        TestFunctions.Orders.class,
        TestFunctions.Uploads.class,
        TestFunctions.Nightly.class,
        TestFunctions.Accounts.class);
  }

  <T> T instance(Class<T> type) {
    return type.cast(dispatcher.instance(FunctionIndex.describe(type)));
  }

  Fakes.Response call(Fakes.Request request) throws Exception {
    Fakes.Response response = new Fakes.Response();
    http.service(request, response);
    return response;
  }

  String allLogs() {
    return String.join("\n", logs);
  }

  private static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
