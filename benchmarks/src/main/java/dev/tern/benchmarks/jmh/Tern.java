package dev.tern.benchmarks.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tern.aws.AwsHandler;
import dev.tern.azure.AzureAdapter;
import dev.tern.benchmarks.coldstart.DriverContext;
import dev.tern.gcp.GcpEventFunction;
import dev.tern.gcp.GcpHttpFunction;
import dev.tern.gcp.GcpKeySource;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.Settings;
import java.time.Clock;
import java.util.Map;

/**
 * Tern's entry points as a deployment builds them from the classpath's function index (the hello
 * sample plus the benchmark functions), with no settings and log lines discarded, and the raw
 * handlers' shared mapper.
 */
final class Tern {
  static final Settings NO_SETTINGS = Settings.of(Map.of());
  static final DriverContext LAMBDA = new DriverContext();
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Tern() {}

  static Dispatcher dispatcher() {
    Dispatcher d = Dispatcher.fromIndex(Tern.class.getClassLoader(), NO_SETTINGS);
    d.instantiateAll();
    return d;
  }

  static AwsHandler aws() {
    return new AwsHandler(dispatcher(), NO_SETTINGS, line -> {}, Clock.systemUTC());
  }

  static GcpHttpFunction gcpHttp() {
    return new GcpHttpFunction(dispatcher(), NO_SETTINGS, GcpKeySource.google());
  }

  static GcpEventFunction gcpEvents() {
    return new GcpEventFunction(dispatcher(), NO_SETTINGS);
  }

  static AzureAdapter azure() {
    return AzureAdapter.create(dispatcher(), NO_SETTINGS);
  }

  /** Fails the run early rather than measuring a path that answers the wrong thing. */
  static void expect(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("benchmark set-up check failed: " + what);
    }
  }
}
