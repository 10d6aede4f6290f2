package dev.tern.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.Log;
import dev.tern.spi.JsonLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** JsonLog's lines, read back with Tern's own strict Jackson setup. */
class JsonLogLinesTest {
  private final List<String> lines = new ArrayList<>();
  private final Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

  private static JsonNode parse(String line) throws Exception {
    assertThat(line).doesNotContain("\n").doesNotContain("\r");
    try (var parser = TernJson.factory().createParser(line)) {
      JsonNode node = TernJson.mapper().readTree(parser);
      assertThat(parser.nextToken()).as("one value per line").isNull();
      return node;
    }
  }

  @Test
  void writesOneJsonObjectPerLine() throws Exception {
    JsonLog log = JsonLog.builder(lines::add).clock(clock).field("requestId", "r-1").build();

    log.info("order accepted", Map.of("orderId", "42", "items", 3, "gift", true, "total", 12.5));

    JsonNode line = parse(lines.get(0));
    assertThat(line.get("timestamp").asText()).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("message").asText()).isEqualTo("order accepted");
    assertThat(line.get("requestId").asText()).isEqualTo("r-1");
    assertThat(line.get("orderId").asText()).isEqualTo("42");
    assertThat(line.get("items").isInt()).isTrue();
    assertThat(line.get("gift").isBoolean()).isTrue();
    assertThat(line.get("total").asDouble()).isEqualTo(12.5);
  }

  @Test
  void escapesQuotesBackslashesLineBreaksAndControlCharacters() throws Exception {
    String nasty =
        "say \"hi\" \\ C:\\temp\nnext line\r\ttab \u0000\u0001\u001f\u007f \u2028\u2029 é \uD83D\uDC26 </script>";
    JsonLog log = JsonLog.builder(lines::add).clock(clock).build();

    log.info(nasty, Map.of(nasty, nasty));

    JsonNode line = parse(lines.get(0));
    assertThat(line.get("message").asText()).isEqualTo(nasty);
    assertThat(line.get(nasty).asText()).isEqualTo(nasty);
    assertThat(lines.get(0)).doesNotContain("\u2028").doesNotContain("\u0001");
  }

  @Property(tries = 500)
  void anyStringReadsBackAsItself(@ForAll String text) throws Exception {
    StringBuilder literal = new StringBuilder();

    JsonLog.appendString(literal, text);

    assertThat(literal.toString())
        .doesNotContain("\n", "\r", "\u2028", "\u2029")
        .matches("(?s)[^\\x00-\\x1f]*");
    try (var parser = TernJson.factory().createParser(literal.toString())) {
      assertThat(parser.nextTextValue()).isEqualTo(text);
      assertThat(parser.nextToken()).isNull();
    }
  }

  @Test
  void writesNonFiniteNumbersAsStrings() throws Exception {
    JsonLog log = JsonLog.builder(lines::add).clock(clock).build();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("nan", Double.NaN);
    fields.put("inf", Float.POSITIVE_INFINITY);
    fields.put("big", new java.math.BigDecimal("1e400"));
    fields.put("nothing", null);

    log.info("numbers", fields);

    JsonNode line = parse(lines.get(0));
    assertThat(line.get("nan").asText()).isEqualTo("NaN");
    assertThat(line.get("inf").asText()).isEqualTo("Infinity");
    assertThat(line.get("big").isNumber()).isTrue();
    assertThat(line.get("nothing").isNull()).isTrue();
  }

  @Test
  void writesTheErrorClassAndStackTrace() throws Exception {
    JsonLog log = JsonLog.builder(lines::add).clock(clock).build();

    log.error("function failed", new IllegalStateException("db \"primary\" down\nretrying"));

    JsonNode line = parse(lines.get(0));
    assertThat(line.get("level").asText()).isEqualTo("ERROR");
    assertThat(line.get("error").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(line.get("stackTrace").asText())
        .startsWith("java.lang.IllegalStateException: db \"primary\" down\nretrying")
        .contains("\tat " + getClass().getName());
  }

  @Test
  void dropsLinesBelowTheThreshold() throws Exception {
    JsonLog info = JsonLog.builder(lines::add).clock(clock).build();
    info.debug("noise");
    info.info("kept");
    info.warn("also kept");

    JsonLog warn = JsonLog.builder(lines::add).clock(clock).threshold(Log.Level.WARN).build();
    warn.info("dropped");
    warn.error("kept too", null);

    assertThat(lines).hasSize(3);
    assertThat(parse(lines.get(0)).get("message").asText()).isEqualTo("kept");
    assertThat(parse(lines.get(2)).get("level").asText()).isEqualTo("ERROR");
  }

  @Test
  void usesThePlatformsKeyNamesAndFieldOrder() throws Exception {
    JsonLog log =
        JsonLog.builder(lines::add)
            .timeKey(null)
            .levelKey("severity")
            .messageKey("msg")
            .field("b", 1)
            .field("a", 2)
            .field("skipped", null)
            .build();

    log.warn(null);

    JsonNode line = parse(lines.get(0));
    List<String> names = new ArrayList<>();
    line.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("severity", "msg", "b", "a");
    assertThat(line.get("severity").asText()).isEqualTo("WARN");
    assertThat(line.get("msg").asText()).isEmpty();
  }

  @Test
  void renamesFieldsThatWouldOverwriteAKeyAlreadyWritten() throws Exception {
    JsonLog log = JsonLog.builder(lines::add).clock(clock).field("function", "Orders").build();

    log.log(
        Log.Level.INFO,
        "paid",
        Map.of("level", "ERROR", "function", "spoofed", "message", "x"),
        new IllegalStateException("boom"));

    JsonNode line = parse(lines.get(0));
    assertThat(line.get("level").asText()).isEqualTo("INFO");
    assertThat(line.get("message").asText()).isEqualTo("paid");
    assertThat(line.get("function").asText()).isEqualTo("Orders");
    assertThat(line.get("field.level").asText()).isEqualTo("ERROR");
    assertThat(line.get("field.function").asText()).isEqualTo("spoofed");
    assertThat(line.get("field.message").asText()).isEqualTo("x");
    assertThat(line.get("error").asText()).isEqualTo("java.lang.IllegalStateException");
  }
}
