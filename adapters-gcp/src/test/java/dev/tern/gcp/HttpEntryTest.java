package dev.tern.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.HttpRequest;
import dev.tern.jackson.TernJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpEntryTest {
  private final Deployment deployment = Deployment.all();

  private JsonNode json(Fakes.Response response) throws Exception {
    return TernJson.mapper().readTree(response.bytes());
  }

  @Test
  void parsesTheQueryFromTheRawQueryString() throws Exception {
    Fakes.Response response =
        deployment.call(
            Fakes.request(
                "GET",
                "/echo/a?expand=items&expand=customer&q=a%2Bb+c&empty=&flag&caf%C3%A9=%E2%9C%93"));
    assertThat(response.status).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("query").toString())
        .isEqualTo(
            "{\"expand\":[\"items\",\"customer\"],\"q\":[\"a+b c\"],\"empty\":[\"\"],\"flag\":[\"\"],"
                + "\"café\":[\"✓\"]}");
    assertThat(body.get("rest").asText()).isEqualTo("a");
  }

  @Test
  void keepsAFormBodyAsBytesAndOutOfTheQuery() throws Exception {
    Fakes.Response response =
        deployment.call(
            Fakes.request("POST", "/echo/form?q=1")
                .body("f1=v1&f2=v2", "application/x-www-form-urlencoded"));
    JsonNode body = json(response);
    assertThat(body.get("query").toString()).isEqualTo("{\"q\":[\"1\"]}");
    assertThat(
            new String(
                java.util.Base64.getDecoder().decode(body.get("body").asText()),
                StandardCharsets.UTF_8))
        .isEqualTo("f1=v1&f2=v2");
    assertThat(body.get("contentType").asText()).isEqualTo("application/x-www-form-urlencoded");
  }

  @Test
  void passesMultipartThroughAsBytesWithItsContentType() throws Exception {
    String multipart =
        "--XyZ\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nvalue\r\n--XyZ--\r\n";
    Fakes.Response response =
        deployment.call(
            Fakes.request("POST", "/echo/upload")
                .body(multipart, "multipart/form-data; boundary=XyZ"));
    JsonNode body = json(response);
    assertThat(body.get("contentType").asText()).isEqualTo("multipart/form-data; boundary=XyZ");
    assertThat(java.util.Base64.getDecoder().decode(body.get("body").asText()))
        .isEqualTo(multipart.getBytes(StandardCharsets.UTF_8));
    assertThat(body.get("query").size()).isZero();
  }

  @Test
  void readsMultiValueHeadersCaseInsensitivelyAndCookies() throws Exception {
    Fakes.Response response =
        deployment.call(
            Fakes.request("GET", "/echo/h")
                .header("X-Multi", "one")
                .header("x-multi", "two")
                .header("Cookie", "a=1; b=2"));
    JsonNode body = json(response);
    assertThat(body.get("multi").toString()).isEqualTo("[\"one\",\"two\"]");
    assertThat(body.get("cookies").toString()).isEqualTo("[\"a=1\",\"b=2\"]");
    HttpRequest seen = deployment.instance(TestFunctions.Echo.class).seen.get(0);
    assertThat(seen.headers().all("X-MULTI")).containsExactly("one", "two");
    assertThat(seen.caller()).isEmpty();
    assertThat(seen.unwrap(com.google.cloud.functions.HttpRequest.class)).isPresent();
  }

  @Test
  void roundTripsBinaryBodies() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe, 13, 10};
    Fakes.Response response =
        deployment.call(Fakes.request("PUT", "/echo/bytes").body(png, "image/png"));
    assertThat(response.status).isEqualTo(201);
    assertThat(response.bytes()).isEqualTo(png);
    assertThat(response.getContentType()).contains("application/octet-stream");
  }

  @Test
  void writesMultiValueHeadersAndEachCookieSeparately() throws Exception {
    Fakes.Response response = deployment.call(Fakes.request("GET", "/echo/x"));
    assertThat(response.header("X-Out")).containsExactly("one", "two");
    assertThat(response.header("Set-Cookie"))
        .containsExactly("session=abc; Path=/; HttpOnly", "theme=dark");
    assertThat(response.getContentType()).contains("application/json");
  }

  @Test
  void answersAThrowingFunctionWith500AndAGenericBody() throws Exception {
    Fakes.Response response = deployment.call(Fakes.request("GET", "/fail"));
    assertThat(response.status).isEqualTo(500);
    assertThat(response.text()).isEqualTo("Internal Server Error").doesNotContain("secret");
  }

  @Test
  void answers404And405And400() throws Exception {
    assertThat(deployment.call(Fakes.request("GET", "/nowhere")).status).isEqualTo(404);
    Fakes.Response wrongMethod = deployment.call(Fakes.request("GET", "/bind"));
    assertThat(wrongMethod.status).isEqualTo(405);
    assertThat(wrongMethod.header("Allow")).containsExactly("POST");
    Fakes.Response unbound =
        deployment.call(Fakes.request("POST", "/bind").body("[1,2", "application/json"));
    assertThat(unbound.status).isEqualTo(400);
    Fakes.Response bound =
        deployment.call(
            Fakes.request("POST", "/bind")
                .body("{\"id\":\"42\",\"quantity\":3}", "application/json"));
    assertThat(bound.status).isEqualTo(200);
    assertThat(bound.text()).isEqualTo("42x3");
  }

  @Test
  void aHeaderValueWithLineBreaksAnswers400WhenTheFunctionReadsTheHeaders() throws Exception {
    Fakes.Response response =
        deployment.call(Fakes.request("GET", "/echo/x").header("X-Evil", "a\r\nSet-Cookie: x=1"));

    assertThat(response.status).isEqualTo(400);
    assertThat(response.getHeaders()).doesNotContainKey("Set-Cookie");
    assertThat(deployment.allLogs()).contains("request headers could not be read", "X-Evil");
  }

  @Test
  void aContentTypeWithLineBreaksAnswers400BeforeAnyFunction() throws Exception {
    Fakes.Response response =
        deployment.call(
            Fakes.request("POST", "/echo/bytes").body("x", "text/plain\r\nSet-Cookie: x=1"));

    assertThat(response.status).isEqualTo(400);
    assertThat(deployment.instance(TestFunctions.Echo.class).seen).isEmpty();
  }

  @Test
  void refusesBodiesOverTheLimitWith413() throws Exception {
    byte[] huge = new byte[dev.tern.gcp.internal.HttpAdapter.MAX_BODY + 1];
    Fakes.Response response =
        deployment.call(Fakes.request("POST", "/echo/big").body(huge, "application/octet-stream"));
    assertThat(response.status).isEqualTo(413);
  }

  @Test
  void takesTheTraceFromTraceparentAndLogsItForCloudLogging() throws Exception {
    deployment.call(
        Fakes.request("GET", "/fail")
            .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
            .header("Function-Execution-Id", "exec-1"));
    String line =
        deployment.logs.stream()
            .filter(l -> l.contains("function failed"))
            .findFirst()
            .orElseThrow();
    JsonNode entry = TernJson.mapper().readTree(line);
    assertThat(entry.get("severity").asText()).isEqualTo("ERROR");
    assertThat(entry.get("message").asText()).isEqualTo("function failed");
    assertThat(entry.get("logging.googleapis.com/trace").asText())
        .isEqualTo("projects/my-project/traces/4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(entry.get("executionId").asText()).isEqualTo("exec-1");
  }

  @Test
  void writesAFailuresStackTraceWhereCloudErrorReportingLooksForIt() throws Exception {
    deployment.call(Fakes.request("GET", "/fail"));
    JsonNode entry =
        TernJson.mapper()
            .readTree(
                deployment.logs.stream()
                    .filter(l -> l.contains("function failed"))
                    .findFirst()
                    .orElseThrow());

    assertThat(entry.path("stack_trace").asText())
        .startsWith(entry.get("error").asText())
        .contains("\n\tat ");
    assertThat(entry.has("stackTrace")).isFalse();
  }

  @Test
  void takesTheTraceFromXCloudTraceContext() throws Exception {
    deployment.call(
        Fakes.request("GET", "/echo/t")
            .header("X-Cloud-Trace-Context", "105445aa7843bc8bf206b12000100000/1;o=1"));
    assertThat(deployment.instance(TestFunctions.Echo.class).contexts.get(0).traceId())
        .contains("105445aa7843bc8bf206b12000100000");
  }

  @Test
  void neverLogsAuthorizationCookiesOrBodies() throws Exception {
    deployment.call(
        Fakes.request("POST", "/fail")
            .header("Authorization", "Bearer SECRET-TOKEN")
            .header("Cookie", "session=SECRET-COOKIE")
            .body("SECRET-BODY", "text/plain"));
    deployment.call(
        Fakes.request("POST", "/bind")
            .header("Authorization", "Bearer SECRET-TOKEN")
            .body("{\"id\":SECRET-BODY}", "application/json"));
    deployment.call(
        Fakes.request("POST", "/")
            .body(
                "{\"message\":{\"data\":\"!!SECRET-BODY\"},\"subscription\":\"s\"}",
                "application/json"));
    Fakes.Response split =
        deployment.call(
            Fakes.request("GET", "/echo/x")
                .header("Authorization", "Bearer SECRET-TOKEN\r\nX-Injected: 1"));
    assertThat(split.status).isEqualTo(400);
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    deployment.events.accept(
                        Fakes.event(
                                "google.cloud.pubsub.topic.v1.messagePublished",
                                "//pubsub.googleapis.com/projects/p/topics/orders",
                                "e-1")
                            .data(
                                "{\"message\":{\"messageId\":\"1\",\"data\":\"U0VDUkVULUJPRFk=\","
                                    + "\"attributes\":{\"fail\":\"true\"}}}"))))
        .isInstanceOf(dev.tern.FunctionFailedException.class);
    assertThat(deployment.logs).isNotEmpty();
    assertThat(deployment.allLogs()).doesNotContain("SECRET");
  }

  @Test
  void mapsWarnToCloudLoggingsWarningSeverity() throws Exception {
    deployment.call(Fakes.request("POST", "/bind").body("nope", "application/json"));
    assertThat(deployment.logs).anySatisfy(l -> assertThat(l).contains("\"severity\":\"WARNING\""));
    assertThat(deployment.logs).noneSatisfy(l -> assertThat(l).contains("\"severity\":\"WARN\""));
  }
}
