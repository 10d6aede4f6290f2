package dev.tern.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.HttpRequest;
import dev.tern.UndecodablePayloadException;
import dev.tern.aws.internal.Detector.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * API Gateway payload 2.0 requests read while parsing give what the tree gives: the same request,
 * the same event in {@code raw()}, and for anything wrong the same typed error.
 */
class HttpEventTest {
  private static final String[] FIXTURES = {
    "http/http-api-v2-get.json",
    "http/http-api-v2-post-base64.json",
    "http/function-url-iam-post.json"
  };

  private static String fixture(String path) {
    try (InputStream in = HttpEventTest.class.getResourceAsStream("/aws/" + path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** What parseEvent does with {@code json}, which must be what parse does. */
  private static Object both(String json) {
    byte[] bytes = utf8(json);
    Object tree;
    try {
      tree = Json.parse(bytes);
    } catch (UndecodablePayloadException expected) {
      assertThatThrownBy(() -> Json.parseEvent(bytes))
          .as(json)
          .isInstanceOf(UndecodablePayloadException.class)
          .hasMessage(expected.getMessage());
      return expected;
    }
    Object event = Json.parseEvent(bytes);
    if (event instanceof HttpEvent) {
      assertThat(new LinkedHashMap<>((HttpEvent) event)).as(json).isEqualTo(tree);
      assertThat(((HttpEvent) event).kind()).isEqualTo(Detector.detect(tree));
      assertSameRequest((HttpEvent) event, Json.obj(tree));
    } else {
      assertThat(event).as(json).isEqualTo(tree);
    }
    return event;
  }

  private static void assertSameRequest(HttpEvent streamed, Map<String, Object> tree) {
    Kind kind = streamed.kind();
    HttpRequest a;
    try {
      a = HttpMapper.request(kind, streamed);
    } catch (RuntimeException expected) {
      assertThatThrownBy(() -> HttpMapper.request(kind, tree))
          .isInstanceOf(expected.getClass())
          .hasMessage(expected.getMessage());
      return;
    }
    HttpRequest b = HttpMapper.request(kind, tree);
    assertThat(a.method()).isEqualTo(b.method());
    assertThat(a.path()).isEqualTo(b.path());
    assertThat(a.query()).isEqualTo(b.query());
    assertThat(a.headers()).isEqualTo(b.headers());
    assertThat(a.headers().asMap().keySet())
        .containsExactlyElementsOf(b.headers().asMap().keySet());
    assertThat(a.cookies()).isEqualTo(b.cookies());
    assertThat(a.body()).isEqualTo(b.body());
    assertThat(a.sourceIp()).isEqualTo(b.sourceIp());
    assertThat(a.caller()).isEqualTo(b.caller());
    assertThat(a.raw().orElseThrow()).isEqualTo(b.raw().orElseThrow());
  }

  @Test
  void fixturesAreReadWhileParsingIntoTheRequestTheTreeGives() {
    for (String path : FIXTURES) {
      assertThat(both(fixture(path))).as(path).isInstanceOf(HttpEvent.class);
    }
    assertThat(((HttpEvent) both(fixture("http/function-url-iam-post.json"))).kind())
        .isEqualTo(Kind.FUNCTION_URL);
  }

  @Test
  void aNamedStageLeavesThePathAsTheTreeLeavesIt() {
    String staged =
        fixture("http/http-api-v2-get.json")
            .replace("\"/echo/42\"", "\"/prod/echo/42\"")
            .replace("\"stage\": \"$default\"", "\"stage\": \"prod\"");
    HttpEvent event = (HttpEvent) both(staged);
    assertThat(HttpMapper.request(event.kind(), event).path()).isEqualTo("/echo/42");
  }

  @Test
  void theRawEventIsTheWholeTreeReadOnly() {
    byte[] bytes = utf8(fixture("http/http-api-v2-get.json"));
    HttpEvent event = (HttpEvent) Json.parseEvent(bytes);
    HttpRequest request = HttpMapper.request(event.kind(), event);
    @SuppressWarnings("unchecked")
    Map<String, Object> raw = (Map<String, Object>) request.raw().orElseThrow();
    assertThat(raw).isEqualTo(Json.parse(bytes)).containsKey("routeKey");
    assertThat(Json.at(raw, "requestContext", "stage")).isEqualTo("$default");
    assertThat(raw.hashCode()).isEqualTo(Json.parse(bytes).hashCode());
    assertThatThrownBy(() -> raw.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> raw.remove("version"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> raw.entrySet().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(request.unwrap(Map.class)).isPresent();
  }

  @Test
  void onlyAVersionFirstTwoPointZeroHttpRequestIsReadWhileParsing() {
    String get = fixture("http/http-api-v2-get.json");
    // version last: the tree, detected as before
    String last =
        get.replace("\"version\": \"2.0\",", "").replaceFirst("}\\s*$", ", \"version\": \"2.0\"}");
    assertThat(both(last)).isInstanceOf(Map.class).isNotInstanceOf(HttpEvent.class);
    assertThat(Detector.detect(both(last))).isEqualTo(Kind.HTTP_API);
    // version 1.0, or a number
    assertThat(both(get.replace("\"version\": \"2.0\"", "\"version\": \"1.0\"")))
        .isNotInstanceOf(HttpEvent.class);
    assertThat(both(get.replace("\"version\": \"2.0\"", "\"version\": 2.0")))
        .isNotInstanceOf(HttpEvent.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // another kind after all: Detector decides, on the tree
        "{\"version\":\"2.0\",\"Records\":[{\"eventSource\":\"aws:sqs\"}],\"requestContext\":{\"http\":{}}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"},\"elb\":{}},\"rawPath\":\"/\"}",
        "{\"version\":\"2.0\",\"requestContext\":{\"elb\":{\"targetGroupArn\":\"a\"},\"http\":{}}}",
        "{\"version\":\"2.0\",\"rawPath\":\"/\"}",
        "{\"version\":\"2.0\"}",
        "{\"version\":\"2.0\",\"requestContext\":\"x\"}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":[]}}",
        "{\"version\":\"2.0\",\"requestContext\":{}}",
        "{\"version\":\"2.0\",\"detail-type\":\"d\",\"source\":\"s\",\"detail\":{}}",
        // HTTP requests with odd parts, mapped the same either way
        "{\"version\":\"2.0\",\"Records\":{},\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"rawPath\":\"/a\"}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/p\"},\"elb\":1}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/p\"}}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"path\":\"/p\"}}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"\",\"path\":\"/p\"}}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":7,\"path\":\"/p\"}}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"p\"}}}",
        "{\"version\":\"2.0\",\"rawPath\":5,\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/p\"}}}",
        "{\"version\":\"2.0\",\"rawPath\":\"/r\",\"requestContext\":{\"http\":{\"method\":\"GET\",\"sourceIp\":[1]}},"
            + "\"headers\":{\"a\":1,\"b\":true,\"c\":false,\"d\":null,\"e\":{\"x\":[]},\"f\":[\"g\"],\"g\":1.5e3,"
            + "\"A\":\"upper\"},\"cookies\":[\"a=b\",1,null,{\"c\":\"d\"},\"e=f\"],\"body\":\"aGk=\","
            + "\"isBase64Encoded\":\"TRUE\"}",
        "{\"version\":\"2.0\",\"rawPath\":\"/r\",\"requestContext\":{\"http\":{\"method\":\"GET\"},"
            + "\"domainName\":\"x.lambda-url.eu-west-1.on.aws\",\"authorizer\":{\"lambda\":{\"sub\":\"s\"}}},"
            + "\"headers\":[],\"cookies\":\"a=b\",\"body\":{\"x\":1},\"isBase64Encoded\":1}",
        "{\"version\":\"2.0\",\"rawPath\":\"/r\",\"requestContext\":{\"http\":{\"method\":\"GET\"},"
            + "\"domainName\":7,\"authorizer\":[]},\"body\":\"a\",\"isBase64Encoded\":true}",
        "{\"version\":\"2.0\",\"rawPath\":\"/r\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},"
            + "\"headers\":{\"bad name\":\"v\"}}",
        // strings with escapes, non-ASCII, DEL, or empty; a byte order mark; leading whitespace
        "{\"version\":\"2.0\",\"rawPath\":\"/caf\u00e9\",\"requestContext\":{\"http\":{\"method\":\"G\\u0045T\","
            + "\"sourceIp\":\"\"},\"domainName\":\"a.lambda-url.\\\"q\\\"\"},\"headers\":{\"a\":\"x\\\"y\","
            + "\"b\":\"\u20ac \u00e9\",\"c\":\"del\u007f\",\"d\":\"\",\"e\":\"tab\\t\",\"f\":\"\\\\\"},"
            + "\"cookies\":[\"a=\u00e9\",\"b=\\/\",\"\"],\"rawQueryString\":\"q=\\u00e9\"}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"rawPath\":\"/\u0001\"}",
        "\ufeff{\"version\":\"2.0\",\"rawPath\":\"/b\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},"
            + "\"headers\":{\"a\":\"\\\"q\\\"\",\"b\":\"plain\"}}",
        " \n{\"version\":\"2.0\",\"rawPath\":\"/b\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},"
            + "\"headers\":{\"a\":\"\\\"q\\\"\",\"b\":\"plain\"}}",
        "{\"version\":\"2.0\",\"rawPath\":\"/r\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},"
            + "\"headers\":{\"x\":\"a\\r\\nb\"}}",
        // wrong: each the one error the tree gives
        "{\"version\":\"2.0\",\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}}",
        "{\"version\":\"2.0\",\"rawPath\":\"/\",\"rawPath\":\"/\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}}",
        "{\"version\":\"2.0\",\"stage\":1,\"stage\":1,\"requestContext\":{\"http\":{\"method\":\"GET\"}}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"requestContext\":{}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\",\"method\":\"GET\"}}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\",\"x\":1,\"x\":2}}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"a\":1,\"http\":{\"method\":\"GET\"},\"a\":1}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"},\"authorizer\":{\"a\":1,\"a\":1}}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"headers\":{\"a\":\"1\",\"a\":\"2\"}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"headers\":{\"a\":{\"b\":1,\"b\":1}}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"cookies\":[{\"b\":1,\"b\":1}]}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"q\":{\"n\":\"a\",\"n\":\"b\"}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"q\":[[{\"z\":[{\"n\":1,\"n\":2}]}]]}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"q\":{\"a\":{}},\"q\":1}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}} {}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}} x",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}}]",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"n\":01}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"n\":tru}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"s\":\"\\x\"}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"s\":\"a",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"q\":[1,}",
        "{\"version\":\"2.0\"",
        "{\"version\":\"2.0\",",
      })
  void malformedOrOtherPayloadsGetWhatTheTreeGives(String json) {
    both(json);
  }

  @Test
  void everyTruncationOfAFixtureFailsAsTheTreeFails() {
    for (String path : FIXTURES) {
      String json = fixture(path);
      for (int end = 0; end < json.length(); end++) {
        Object outcome = both(json.substring(0, end));
        if (!json.substring(end).isBlank()) {
          assertThat(outcome).isInstanceOf(UndecodablePayloadException.class);
        }
      }
    }
  }

  @Test
  void numbersTooLongAndNestingTooDeepAreRefusedAsInTheTree() {
    String head = "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\"}},\"n\":";
    Object number = both(head + "1".repeat(200) + "}");
    assertThat(number).isInstanceOf(UndecodablePayloadException.class);
    Object deep = both(head + "[".repeat(300) + "]".repeat(300) + "}");
    assertThat(deep).isInstanceOf(UndecodablePayloadException.class);
  }

  @Test
  void objectsWithManyKeysAreCheckedForRepeatsToo() {
    StringBuilder headers = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      headers.append("\"h").append(i).append("\":\"v").append(i).append("\",");
    }
    String head =
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"GET\",\"path\":\"/\"}},";
    Object many = both(head + "\"headers\":{" + headers + "\"last\":\"x\"}}");
    assertThat(many).isInstanceOf(Map.class);
    assertThat(HttpMapper.request(Kind.HTTP_API, Json.obj(many)).headers().first("h299"))
        .contains("v299");
    Object repeated = both(head + "\"headers\":{" + headers + "\"h7\":\"x\"}}");
    assertThat(repeated).isInstanceOf(UndecodablePayloadException.class);
    Object skipped = both(head + "\"other\":{" + headers + "\"h7\":\"x\"}}");
    assertThat(skipped).isInstanceOf(UndecodablePayloadException.class);
  }
}
