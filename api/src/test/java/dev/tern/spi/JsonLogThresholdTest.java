package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Log;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonLogThresholdTest {
  @ParameterizedTest
  @CsvSource({
    "DEBUG, DEBUG",
    "debug, DEBUG",
    "' Info ', INFO",
    "warn, WARN",
    "WARNING, WARN",
    "Error, ERROR",
    "verbose, INFO",
    "'', INFO"
  })
  void readsTheLevelSettingAndFallsBackToInfo(String value, Log.Level expected) {
    assertThat(JsonLog.threshold(Settings.of(Map.of(JsonLog.LEVEL_SETTING, value))))
        .isEqualTo(expected);
  }

  @Test
  void isInfoWhenUnset() {
    assertThat(JsonLog.threshold(Settings.of(Map.of()))).isEqualTo(Log.Level.INFO);
  }
}
