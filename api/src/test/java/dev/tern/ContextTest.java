package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContextTest {
  private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

  private static Context context(Instant deadline) {
    return new Context() {
      @Override
      public String invocationId() {
        return "inv-1";
      }

      @Override
      public String functionName() {
        return "F";
      }

      @Override
      public Cloud cloud() {
        return Cloud.LOCAL;
      }

      @Override
      public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
      }

      @Override
      public Optional<String> traceId() {
        return Optional.empty();
      }

      @Override
      public Log log() {
        return (level, message, fields, error) -> {};
      }

      @Override
      public Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
      }

      @Override
      public Optional<String> setting(String name) {
        return Optional.empty();
      }

      @Override
      public <T> Optional<T> unwrap(Class<T> type) {
        return Optional.empty();
      }
    };
  }

  @Test
  void remainingIsTheTimeToTheDeadlineOnTheContextsClock() {
    assertThat(context(NOW.plusSeconds(3)).remaining()).contains(Duration.ofSeconds(3));
  }

  @Test
  void remainingIsNeverNegative() {
    assertThat(context(NOW.minusSeconds(3)).remaining()).contains(Duration.ZERO);
  }

  @Test
  void remainingIsEmptyWithoutADeadline() {
    assertThat(context(null).remaining()).isEmpty();
  }
}
