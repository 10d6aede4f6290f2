package dev.tern.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.jackson.TernJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads this module's fixtures from {@code src/test/resources/azure/...}. */
final class Fixtures {
  private Fixtures() {}

  static String text(String path) {
    try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("azure/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture azure/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String path) {
    try {
      return TernJson.mapper().readTree(text(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String bound(JsonNode fixture, String key) {
    JsonNode value = fixture.path("bound").get(key);
    return value == null || value.isNull() ? null : value.asText();
  }
}
