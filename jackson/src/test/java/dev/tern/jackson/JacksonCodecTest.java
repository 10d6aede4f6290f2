package dev.tern.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tern.Body;
import dev.tern.ConfigurationException;
import dev.tern.HttpResponse;
import dev.tern.InvalidValueException;
import dev.tern.UndecodablePayloadException;
import dev.tern.spi.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JacksonCodecTest {
  public record Order(String id, int quantity, Instant placedAt) {}

  private final JacksonCodec codec = new JacksonCodec();

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void isTheCodecTheClassPathRegisters() {
    assertThat(JsonCodec.get()).isInstanceOf(JacksonCodec.class);
  }

  @Test
  void bindsRecordsWithInstantsFromIsoStrings() {
    Order order =
        Body.ofText("{\"id\":\"42\",\"quantity\":3,\"placedAt\":\"2024-05-01T10:00:00Z\"}")
            .as(Order.class);

    assertThat(order).isEqualTo(new Order("42", 3, Instant.parse("2024-05-01T10:00:00Z")));
  }

  @Test
  void writesInstantsAsIsoStrings() {
    HttpResponse response =
        HttpResponse.json(new Order("42", 3, Instant.parse("2024-05-01T10:00:00Z")));

    assertThat(response.body().text())
        .isEqualTo("{\"id\":\"42\",\"quantity\":3,\"placedAt\":\"2024-05-01T10:00:00Z\"}");
    assertThat(response.contentType()).contains("application/json");
  }

  @Test
  void ignoresUnknownProperties() {
    Order order =
        (Order)
            codec.decode(
                utf8("{\"id\":\"1\",\"quantity\":1,\"coupon\":{\"code\":\"X\"}}"), Order.class);

    assertThat(order.id()).isEqualTo("1");
    assertThat(order.placedAt()).isNull();
  }

  @Test
  void bindsGenericTypes() {
    Object orders =
        Body.ofText("[{\"id\":\"1\",\"quantity\":1},{\"id\":\"2\",\"quantity\":2}]")
            .as(new TypeReference<List<Order>>() {}.getType());

    assertThat((List<?>) orders).extracting(o -> ((Order) o).id()).containsExactly("1", "2");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":\"hunter2\"",
        "{\"id\":hunter2}",
        "hunter2",
        "{\"id\":\"1\",\"quantity\":\"hunter2\"}",
        "{\"id\":\"1\",\"id\":\"hunter2\"}",
        "[\"hunter2\"]",
        "",
      })
  void refusesMalformedJsonWithoutEchoingIt(String json) {
    assertThatThrownBy(() -> codec.decode(utf8(json), Order.class))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageStartingWith("body ")
        .hasMessageContaining("Order")
        .hasMessageNotContaining("hunter2")
        .satisfies(e -> assertThat(e.getCause()).isNull());
  }

  @Test
  void saysWhenTheBodyIsEmpty() {
    assertThatThrownBy(() -> codec.decode(utf8(" \n"), Order.class))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessage("body is empty; Order expected");
  }

  @Test
  void saysWhenTheBodyIsNotJsonAtAll() {
    assertThatThrownBy(() -> codec.decode(utf8("{\"id\":"), Order.class))
        .hasMessage("body is not JSON (Order expected): it ends early at line 1, column 7");
    assertThatThrownBy(() -> codec.decode(utf8("{\"id\":\"1\",\"id\":\"2\"}"), Order.class))
        .hasMessageStartingWith("body is not JSON (Order expected): a property appears twice");
  }

  public record Line(String sku, int quantity) {}

  public record Basket(List<Line> lines, Map<String, Line> byName) {}

  @Test
  void namesThePropertyAndTheTypeWhenJsonDoesNotFit() {
    assertThatThrownBy(
            () -> codec.decode(utf8("{\"id\":\"1\",\"quantity\":\"three\"}"), Order.class))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessage("body does not fit Order at quantity: int expected at line 1, column 22");
    assertThatThrownBy(
            () ->
                codec.decode(
                    utf8("{\"lines\":[{\"sku\":\"a\",\"quantity\":1},{\"quantity\":[]}]}"),
                    Basket.class))
        .hasMessageStartingWith("body does not fit Basket at lines[1].quantity: int expected");
    assertThatThrownBy(() -> codec.decode(utf8("[\"x\"]"), Order.class))
        .hasMessageStartingWith("body does not fit Order: Order expected");
  }

  @Test
  void refusesANumberFieldTheBodyLeavesOutOrSetsToNullRatherThanBindingZero() {
    assertThatThrownBy(() -> codec.decode(utf8("{\"sku\":\"a\"}"), Line.class))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessage(
            "body does not fit Line at quantity: int required, but the body has none or null at"
                + " line 1, column 11");
    assertThatThrownBy(() -> codec.decode(utf8("{\"sku\":\"a\",\"quantity\":null}"), Line.class))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageStartingWith(
            "body does not fit Line at quantity: int required, but the body has none or null at"
                + " line 1, column ");
    assertThat(codec.decode(utf8("{\"quantity\":0}"), Line.class)).isEqualTo(new Line(null, 0));
  }

  @Test
  void refusesAFractionForAnIntegerFieldRatherThanCuttingItOff() {
    assertThatThrownBy(() -> codec.decode(utf8("{\"quantity\":1.5}"), Line.class))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageStartingWith("body does not fit Line at quantity: ");
    assertThat(codec.decode(utf8("{\"quantity\":2}"), Line.class)).isEqualTo(new Line(null, 2));
  }

  @Test
  void hidesMapKeysInThePathSinceTheyMayBeData() {
    assertThatThrownBy(
            () ->
                codec.decode(
                    utf8("{\"byName\":{\"ada@example.com\":{\"quantity\":\"x\"}}}"), Basket.class))
        .hasMessageStartingWith("body does not fit Basket at byName.*.quantity: int expected")
        .hasMessageNotContaining("ada@example.com");
  }

  @Test
  void namesWhereReadingStopped() {
    assertThatThrownBy(() -> codec.decode(utf8("{\n  \"id\": nope\n}"), Order.class))
        .hasMessageContaining("line 2");
  }

  @Test
  void refusesContentAfterTheDocument() {
    assertThatThrownBy(() -> codec.decode(utf8("{\"id\":\"1\"} {\"id\":\"hunter2\"}"), Order.class))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageNotContaining("hunter2");
  }

  /** A type Jackson cannot build: an interface, with nothing to say which class implements it. */
  public interface Unbuildable {}

  @Test
  void aTargetTypeJacksonCannotBuildIsTheProgramsFaultNotTheBodys() {
    assertThatThrownBy(() -> codec.decode(utf8("{\"value\":1}"), Unbuildable.class))
        .isInstanceOf(ConfigurationException.class)
        .isNotInstanceOf(UndecodablePayloadException.class)
        .hasMessageStartingWith("cannot bind JSON to Unbuildable: ");
  }

  @Test
  void refusesAJsonNullBodySoBindingNeverReturnsNull() {
    assertThatThrownBy(() -> codec.decode(utf8("null"), Order.class))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("JSON null");
  }

  @Test
  void acceptsNestingUpToTheLimit() {
    String json = "[".repeat(TernJson.MAX_DEPTH) + "]".repeat(TernJson.MAX_DEPTH);

    assertThat(codec.decode(utf8(json), Object.class)).isInstanceOf(List.class);
  }

  @Test
  void refusesNestingDeeperThanTheLimit() {
    String json = "[".repeat(TernJson.MAX_DEPTH + 1) + "]".repeat(TernJson.MAX_DEPTH + 1);

    assertThatThrownBy(() -> codec.decode(utf8(json), Object.class))
        .isInstanceOf(UndecodablePayloadException.class);
    assertThatThrownBy(() -> TernJson.mapper().readTree(json)).hasMessageContaining("200");
  }

  @Test
  void saysABodyOverALimitOrNotUtf8InsideATypedFieldIsNotJsonRatherThanThatItDoesNotFit() {
    String deep = "[".repeat(TernJson.MAX_DEPTH + 1) + "]".repeat(TernJson.MAX_DEPTH + 1);
    assertThatThrownBy(() -> codec.decode(utf8(deep), List.class))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageStartingWith(
            "body is not JSON (List expected): it is over a size or nesting limit");
    String longNumber = "{\"lines\":[{\"quantity\":" + "9".repeat(TernJson.MAX_NUMBER + 1) + "}]}";
    assertThatThrownBy(() -> codec.decode(utf8(longNumber), Basket.class))
        .hasMessageStartingWith(
            "body is not JSON (Basket expected): it is over a size or nesting limit");
    byte[] notUtf8 = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xc3, '"', '}'};
    assertThatThrownBy(() -> codec.decode(notUtf8, Order.class))
        .hasMessageStartingWith("body is not JSON (Order expected): json parse at line 1, column ");
  }

  @Test
  void refusesNumbersLongerThanTheLimit() {
    String json = "{\"quantity\":" + "9".repeat(TernJson.MAX_NUMBER + 1) + "}";

    assertThatThrownBy(() -> codec.decode(utf8(json), Map.class))
        .isInstanceOf(UndecodablePayloadException.class);
  }

  @Test
  void reportsValuesItCannotWrite() {
    assertThatThrownBy(() -> codec.encode(new Object()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void writesMapsListsAndNull() {
    assertThat(new String(codec.encode(Map.of("a", List.of(1, true))), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":[1,true]}");
    assertThat(new String(codec.encode(null), StandardCharsets.UTF_8)).isEqualTo("null");
  }

  @Test
  void writesAValueWithOneNonPlainPartWhollyThroughDatabind() {
    Map<Object, Object> answer = new java.util.LinkedHashMap<>();
    answer.put("first", "x");
    answer.put("items", List.of(1, java.time.Instant.parse("2026-01-02T03:04:05Z")));
    answer.put("last", false);

    assertThat(new String(codec.encode(answer), StandardCharsets.UTF_8))
        .isEqualTo("{\"first\":\"x\",\"items\":[1,\"2026-01-02T03:04:05Z\"],\"last\":false}");
    assertThat(new String(codec.encode(Map.of(7, "seven")), StandardCharsets.UTF_8))
        .isEqualTo("{\"7\":\"seven\"}");
  }

  @Test
  void writesNestingUpToTheLimitAndBeyondItTheSameWay() {
    Object nested = List.of();
    for (int i = 1; i < TernJson.MAX_DEPTH; i++) {
      nested = List.of(nested);
    }
    String expected = "[".repeat(TernJson.MAX_DEPTH) + "]".repeat(TernJson.MAX_DEPTH);
    assertThat(new String(codec.encode(nested), StandardCharsets.UTF_8)).isEqualTo(expected);

    Object deeper = List.of(nested);
    assertThat(new String(codec.encode(deeper), StandardCharsets.UTF_8))
        .isEqualTo("[" + expected + "]");
  }
}
