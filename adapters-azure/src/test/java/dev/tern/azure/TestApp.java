package dev.tern.azure;

import dev.tern.azure.app.Audit;
import dev.tern.azure.app.Claims;
import dev.tern.azure.app.Greet;
import dev.tern.azure.app.Nightly;
import dev.tern.azure.app.Orders;
import dev.tern.azure.app.Payments;
import dev.tern.azure.app.SignUp;
import dev.tern.azure.app.Thumbnails;
import dev.tern.azure.app.Upload;
import dev.tern.azure.app.Uploads;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.FunctionIndex;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The test app's dispatcher and adapter, with explicit settings. */
final class TestApp {
  static final List<Class<?>> FUNCTIONS =
      List.of(
          Greet.class,
          Upload.class,
          Orders.class,
          Payments.class,
          Audit.class,
          Uploads.class,
          Thumbnails.class,
          Nightly.class,
          SignUp.class,
          Claims.class);

  static final Map<String, String> SETTINGS =
      Map.of(
          "PAYMENTS_QUEUE",
          "payments",
          AzureAdapter.AUTH_USER,
          "b2c-connector",
          AzureAdapter.AUTH_PASSWORD,
          "s3cret:pass");

  private TestApp() {}

  static Dispatcher dispatcher(Map<String, String> settings) {
    List<FunctionDescriptor> descriptors = FUNCTIONS.stream().map(FunctionIndex::describe).toList();
    return Dispatcher.create(
        Router.create(descriptors, Settings.of(settings)),
        FunctionFactory.reflective(),
        TestApp.class.getClassLoader());
  }

  static AzureAdapter adapter() {
    return adapter(Map.of());
  }

  /** An adapter with the default test settings plus {@code extra}. */
  static AzureAdapter adapter(Map<String, String> extra) {
    Map<String, String> all = new HashMap<>(SETTINGS);
    all.putAll(extra);
    return AzureAdapter.create(dispatcher(all), Settings.of(all));
  }
}
