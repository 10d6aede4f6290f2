package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tern.FakeJsonCodec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonCodecTest {
  @Test
  void findsTheCodecRegisteredOnTheClassPath() {
    assertThat(JsonCodec.get()).isInstanceOf(FakeJsonCodec.class).isSameAs(JsonCodec.get());
  }

  /**
   * {@code Body.ofJson}, loaded by {@code loader}, fails twice with a message naming {@code what}.
   */
  private static void assertEveryJsonBodyFailsWithAConfigurationError(
      ClassLoader loader, String what) throws Exception {
    Method ofJson = loader.loadClass("dev.tern.Body").getMethod("ofJson", Object.class);
    for (int call = 1; call <= 2; call++) {
      Throwable thrown = catchThrowable(() -> ofJson.invoke(null, "x"));

      assertThat(thrown).isInstanceOf(InvocationTargetException.class);
      assertThat(thrown.getCause().getClass().getName())
          .as("call %d", call)
          .isEqualTo("dev.tern.ConfigurationException");
      assertThat(thrown.getCause()).hasMessageContaining(what);
    }
  }

  @Test
  void reportsAMissingCodecAsAConfigurationErrorOnEveryCall() throws Exception {
    // The api's classes alone, without the test codec: what a deployment without tern-jackson sees.
    URL api = JsonCodec.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader bare =
        new URLClassLoader(new URL[] {api}, ClassLoader.getPlatformClassLoader())) {
      assertEveryJsonBodyFailsWithAConfigurationError(bare, "tern-jackson");
    }
  }

  @Test
  void reportsARegisteredCodecThatCannotBeCreatedAsAConfigurationErrorOnEveryCall(@TempDir Path dir)
      throws Exception {
    // A provider file whose class is gone, as a jar minimized without the codec class leaves it.
    Path services = Files.createDirectories(dir.resolve("META-INF/services"));
    Files.writeString(services.resolve(JsonCodec.class.getName()), "com.example.GoneCodec\n");
    URL api = JsonCodec.class.getProtectionDomain().getCodeSource().getLocation();
    try (URLClassLoader broken =
        new URLClassLoader(
            new URL[] {api, dir.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      assertEveryJsonBodyFailsWithAConfigurationError(broken, "com.example.GoneCodec");
    }
  }
}
