package dev.tern.aws;

import static dev.tern.aws.Trees.at;
import static dev.tern.aws.Trees.list;
import static dev.tern.aws.Trees.object;
import static dev.tern.aws.Trees.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.Caller;
import dev.tern.Cookie;
import dev.tern.HttpRequest;
import dev.tern.UndecodablePayloadException;
import dev.tern.aws.fns.Recorder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpTest {
  private final Lambda lambda = Lambda.standard();

  @BeforeEach
  void clear() {
    Recorder.clear();
  }

  private HttpRequest seen() {
    List<HttpRequest> requests = Recorder.events(HttpRequest.class);
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  @Test
  void mapsHttpApiRequestFromRawQueryCookiesAndJwtClaims() {
    Map<String, Object> answer = object(lambda.invokeFixture("http/http-api-v2-get.json"));

    HttpRequest request = seen();
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.path()).isEqualTo("/echo/42");
    assertThat(request.pathParam("id")).contains("42");
    assertThat(request.query().all("expand")).containsExactly("items", "customer");
    assertThat(request.query().first("q")).contains("a+b c");
    assertThat(request.cookies())
        .containsExactly(new Cookie("session", "abc123"), new Cookie("theme", "dark"));
    assertThat(request.header("Cookie")).contains("session=abc123; theme=dark");
    assertThat(request.header("Accept")).contains("application/json");
    assertThat(request.sourceIp()).contains("203.0.113.7");
    Caller caller = request.caller().orElseThrow();
    assertThat(caller.scheme()).isEqualTo("jwt");
    assertThat(caller.subject()).isEqualTo("7d8ca528-4931-4254-9273-ea5ee853f271");
    assertThat(caller.claim("email")).contains("ada@example.com");
    assertThat(caller.claim("scope")).contains("orders/read orders/write");
    assertThat(request.body().isEmpty()).isTrue();

    assertThat(at(answer, "statusCode")).hasToString("201");
    assertThat(text(answer, "headers", "X-Echo")).isEqualTo("/echo/42");
    assertThat(text(answer, "headers", "X-Multi")).isEqualTo("1,2");
    assertThat(text(answer, "headers", "Content-Type")).isEqualTo("application/json");
    assertThat(list(answer, "cookies")).containsExactly("seen=42; HttpOnly", "flavour=oat");
    assertThat(at(answer, "isBase64Encoded")).isEqualTo(false);
    Map<String, Object> body = object(text(answer, "body"));
    assertThat(body)
        .containsEntry("id", "42")
        .containsEntry("requestId", "req-1")
        .containsEntry("caller", "jwt:7d8ca528-4931-4254-9273-ea5ee853f271");
  }

  @Test
  void textResponsesKeepQuotesControlCharactersAndNonAsciiThroughBothEscapings() {
    byte[] payload =
        Lambda.fixtureText("http/http-api-v2-get.json")
            .replace("q=a%2Bb+c", "q=%22quoted%22%5Cslash%01%0A+caf%C3%A9+%E2%82%AC")
            .getBytes(StandardCharsets.UTF_8);
    Map<String, Object> answer = object(lambda.invoke(payload));

    assertThat(at(answer, "isBase64Encoded")).isEqualTo(false);
    assertThat(object(text(answer, "body"))).containsEntry("q", "\"quoted\"\\slash\u0001\n café €");
  }

  // An HTTP API hands Lambda the path already percent-decoded, in payload 2.0's rawPath and 1.0's
  // path alike: /a%2Fb arrives as /a/b, /RSC/%40id%23x as /RSC/@id#x (fastify/aws-lambda-fastify
  // #169, honojs/hono #2156). Function URLs, REST APIs and ALBs keep the encoding. Tern encodes
  // the decoded path again, so path() is still percent-encoded everywhere and each parameter is
  // decoded once in all, as the client encoded it.
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/echo/a%20b         | /echo/a%2520b                      | a%20b",
        "/echo/café au lait  | /echo/caf%C3%A9%20au%20lait        | café au lait",
        "/echo/what?         | /echo/what%3F                      | what?",
        "/echo/#1=2@x+y&z    | /echo/%231=2@x+y&z                 | #1=2@x+y&z",
        "/echo/100%          | /echo/100%25                       | 100%",
      })
  void encodesTheHttpApisDecodedPathAgainSoParametersAreDecodedOnce(
      String rawPath, String path, String id) {
    String event =
        Lambda.fixtureText("http/http-api-v2-get.json")
            .replace("\"rawPath\": \"/echo/42\"", "\"rawPath\": \"" + rawPath + "\"");
    assertThat(event).contains(rawPath);

    Map<String, Object> answer = object(lambda.invoke(event.getBytes(StandardCharsets.UTF_8)));

    assertThat(at(answer, "statusCode")).hasToString("201");
    assertThat(seen().path()).isEqualTo(path);
    assertThat(seen().pathParam("id")).contains(id);
  }

  @Test
  void encodesTheDecodedPathOfAnHttpApisPayloadOneAgain() {
    String event =
        Lambda.fixtureText("http/rest-v1-get.json")
            .replace("{\n  \"resource\"", "{\n  \"version\": \"1.0\", \"resource\"")
            .replace("\"path\": \"/echo/42\"", "\"path\": \"/echo/a%2Bb\"");
    assertThat(event).contains("\"version\": \"1.0\"");

    lambda.invoke(event.getBytes(StandardCharsets.UTF_8));

    assertThat(seen().path()).isEqualTo("/echo/a%252Bb");
    assertThat(seen().pathParam("id")).contains("a%2Bb");
  }

  @ParameterizedTest
  @CsvSource({"http/function-url-iam-post.json, /echo/5", "http/rest-v1-get.json, /echo/42"})
  void keepsThePathOfFunctionUrlsAndRestApisAsTheyEncodedIt(String fixture, String path) {
    String event =
        Lambda.fixtureText(fixture)
            .replaceFirst("\"(rawPath|path)\": \"" + path + "\"", "\"$1\": \"/echo/a%2Bb%20c\"");
    assertThat(event).contains("/echo/a%2Bb%20c");

    lambda.invoke(event.getBytes(StandardCharsets.UTF_8));

    assertThat(seen().path()).isEqualTo("/echo/a%2Bb%20c");
    assertThat(seen().pathParam("id")).contains("a+b c");
  }

  // An HTTP API puts a named stage in front of rawPath, on its own endpoint
  // (https://{api-id}.execute-api.{region}.amazonaws.com/{stage}/...) and on a custom domain alike,
  // where a request for https://api.example.com/v1/echo/42 through the API mapping v1 to the stage
  // prod arrives as /prod/echo/42: "rawPath won't provide the API mapping value"
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html),
  // and the stage is there (CodeGenieApp/serverless-express #465; Powertools for AWS Lambda
  // (Python) takes "/" + stage off every payload 2.0 rawPath whose stage is not $default). The
  // $default stage is never in the path.
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "r3pmxmplak.execute-api.eu-west-1.amazonaws.com | prod     | /prod/echo/42  | 201",
        "r3pmxmplak.execute-api.eu-west-1.amazonaws.com | $default | /echo/42       | 201",
        "api.example.com                                | prod     | /prod/echo/42  | 201",
        "api.example.com                                | $default | /echo/42       | 201",
        "api.example.com                                | prod     | /echo/42       | 201",
        "api.example.com                                | v1       | /v1/echo/42    | 201",
        "r3pmxmplak.execute-api.eu-west-1.amazonaws.com | prod     | /production/42 | 404",
      })
  void routesAnHttpApiRequestWithoutTheNamedStageItsPathCarries(
      String domain, String stage, String rawPath, int status) {
    String event =
        Lambda.fixtureText("http/http-api-v2-get.json")
            .replace("\"/echo/42\"", "\"" + rawPath + "\"")
            .replace("r3pmxmplak.execute-api.eu-west-1.amazonaws.com", domain)
            .replace("\"stage\": \"$default\"", "\"stage\": \"" + stage + "\"");

    Map<String, Object> answer = object(lambda.invoke(event.getBytes(StandardCharsets.UTF_8)));

    assertThat(at(answer, "statusCode")).hasToString(String.valueOf(status));
    if (status == 201) {
      assertThat(seen().path()).isEqualTo("/echo/42");
      assertThat(((Map<?, ?>) seen().raw().orElseThrow()).get("rawPath")).isEqualTo(rawPath);
    }
  }

  // Payload 1.0 from an HTTP API (version "1.0") carries the named stage in path as 2.0 does; a
  // REST API's path (no version) never has it.
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'\"version\": \"1.0\", ' | /prod/echo/42 | 201",
        "''                         | /echo/42      | 201",
        "''                         | /prod/echo/42 | 404",
      })
  void routesAnHttpApiPayloadOneRequestWithoutItsNamedStage(
      String version, String path, int status) {
    String event =
        Lambda.fixtureText("http/rest-v1-get.json")
            .replace("{\n  \"resource\"", "{\n  " + version + "\"resource\"")
            .replace("\"path\": \"/echo/42\"", "\"path\": \"" + path + "\"");

    Map<String, Object> answer = object(lambda.invoke(event.getBytes(StandardCharsets.UTF_8)));

    assertThat(at(answer, "statusCode")).hasToString(String.valueOf(status));
    if (status == 201) {
      assertThat(seen().path()).isEqualTo("/echo/42");
    }
  }

  // On a custom domain, payload 1.0's path carries the API mapping's key, for a REST API
  // (Powertools for AWS Lambda (Python) pull request 579: /v1/payment for the resource /payment)
  // and an HTTP API alike ("Use format 1.0 and path to access the API mapping for your custom
  // domain name",
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
  // No field names the key, so Tern keeps it: the route must say it.
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"''", "'\"version\": \"1.0\", '"})
  void keepsTheApiMappingKeyThatPayloadOnesPathCarriesOnACustomDomain(String version) {
    String event =
        Lambda.fixtureText("http/rest-v1-get.json")
            .replace("{\n  \"resource\"", "{\n  " + version + "\"resource\"")
            .replace("\"path\": \"/echo/42\"", "\"path\": \"/v1/echo/42\"")
            .replace("1234567890.execute-api.eu-west-1.amazonaws.com", "api.example.com");

    Map<String, Object> answer = object(lambda.invoke(event.getBytes(StandardCharsets.UTF_8)));

    assertThat(at(answer, "statusCode")).hasToString("404");
    assertThat(Recorder.events(HttpRequest.class)).isEmpty();
  }

  @Test
  void decodesBase64RequestBodiesAndEncodesBinaryResponses() {
    byte[] payload =
        Lambda.fixtureText("http/http-api-v2-post-base64.json")
            .replace("/echo/7", "/bytes")
            .getBytes(StandardCharsets.UTF_8);
    Map<String, Object> answer = object(lambda.invoke(payload));

    assertThat(at(answer, "statusCode")).hasToString("200");
    assertThat(at(answer, "isBase64Encoded")).isEqualTo(true);
    assertThat(Base64.getDecoder().decode(text(answer, "body"))).containsExactly(0, 1, 254, 255);
    assertThat(text(answer, "headers", "Content-Type")).isEqualTo("image/png");
  }

  @Test
  void keepsBinaryRequestBodiesByteForByte() {
    lambda.invokeFixture("http/http-api-v2-post-base64.json");

    HttpRequest request = seen();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.body().bytes()).containsExactly(0, 1, 254, 255);
    assertThat(request.body().contentType()).contains("application/octet-stream");
    assertThat(request.caller()).isEmpty();
  }

  @Test
  void mapsFunctionUrlWithIamCaller() {
    Map<String, Object> answer = object(lambda.invokeFixture("http/function-url-iam-post.json"));

    HttpRequest request = seen();
    assertThat(request.path()).isEqualTo("/echo/5");
    assertThat(request.query().first("x")).contains("1");
    assertThat(request.body().text()).isEqualTo("{\"note\":\"café\"}");
    Caller caller = request.caller().orElseThrow();
    assertThat(caller.scheme()).isEqualTo("iam");
    assertThat(caller.subject()).isEqualTo("arn:aws:iam::123456789012:user/ada");
    assertThat(caller.claim("accessKey")).contains("AKIAIOSFODNN7EXAMPLE");
    assertThat(at(answer, "statusCode")).hasToString("201");
    assertThat(list(answer, "cookies")).hasSize(2);
  }

  @Test
  void mapsRestRequestFromMultiValueMapsAndCognitoAuthorizer() {
    Map<String, Object> answer = object(lambda.invokeFixture("http/rest-v1-get.json"));

    HttpRequest request = seen();
    assertThat(request.path()).isEqualTo("/echo/42");
    assertThat(request.query().all("expand")).containsExactly("items", "customer");
    assertThat(request.query().first("q")).contains("a+b c");
    assertThat(request.headers().all("x-trace")).containsExactly("a", "b");
    assertThat(request.cookie("session")).contains("xyz");
    assertThat(request.sourceIp()).contains("192.0.2.44");
    assertThat(request.caller().orElseThrow().scheme()).isEqualTo("jwt");
    assertThat(request.caller().orElseThrow().subject())
        .isEqualTo("1f2e3d4c-0000-4000-8000-123456789abc");

    assertThat(at(answer, "statusCode")).hasToString("201");
    assertThat(list(answer, "multiValueHeaders", "X-Multi")).containsExactly("1", "2");
    assertThat(list(answer, "multiValueHeaders", "Set-Cookie"))
        .containsExactly("seen=42; HttpOnly", "flavour=oat");
    assertThat(answer).doesNotContainKey("cookies");
  }

  @Test
  void mapsLambdaAuthorizerPrincipalAndContextAsCaller() {
    lambda.invokeFixture("http/rest-v1-lambda-authorizer-post.json");

    HttpRequest request = seen();
    assertThat(request.body().text()).isEqualTo("hello from REST");
    assertThat(request.query().isEmpty()).isTrue();
    Caller caller = request.caller().orElseThrow();
    assertThat(caller.scheme()).isEqualTo("lambda-authorizer");
    assertThat(caller.subject()).isEqualTo("user-77");
    assertThat(caller.claims())
        .containsEntry("tier", "gold")
        .containsEntry("integrationLatency", "12")
        .doesNotContainKey("principalId");
  }

  @Test
  void decodesAlbQueryOnceAndAnswersInSingleValueMode() {
    Map<String, Object> answer = object(lambda.invokeFixture("http/alb-single.json"));

    HttpRequest request = seen();
    assertThat(request.query().first("q")).contains("a+b c");
    assertThat(request.query().first("tag")).contains("x y");
    assertThat(request.cookie("session")).contains("alb1");
    assertThat(request.sourceIp()).contains("203.0.113.99");
    assertThat(request.caller()).isEmpty();

    assertThat(text(answer, "statusDescription")).isEqualTo("201 Created");
    assertThat(answer).containsKey("headers").doesNotContainKey("multiValueHeaders");
    assertThat(text(answer, "headers", "X-Multi")).isEqualTo("1, 2");
    assertThat(text(answer, "headers", "Set-Cookie")).isEqualTo("seen=3; HttpOnly");
    assertThat(lambda.logLines)
        .anySatisfy(line -> assertThat(line).contains("only the first of 2 cookies"));
  }

  // With the target group's X-Forwarded-For processing set to "preserve", the header is the
  // client's own: it may hold no address at all.
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "','                           | ",
        "''                            | ",
        "10.9.8.7, 203.0.113.99,       | 203.0.113.99",
        "10.9.8.7, [2001:db8::1]:443   | 2001:db8::1",
      })
  void takesTheLastForwardedAddressEvenWhenTheClientSentAnEmptyOrOddHeader(
      String forwarded, String expected) {
    String event =
        Lambda.fixtureText("http/alb-single.json")
            .replace("\"10.9.8.7, 203.0.113.99\"", "\"" + forwarded + "\"");

    Map<String, Object> answer = object(lambda.invoke(event.getBytes(StandardCharsets.UTF_8)));

    assertThat(text(answer, "statusDescription")).isEqualTo("201 Created");
    assertThat(seen().sourceIp()).isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void takesTheAlbsAddressFromTheLastForwardedLineInMultiValueMode() {
    String event =
        Lambda.fixtureText("http/alb-multi.json")
            .replace("\"203.0.113.5\"", "\"10.9.8.7\", \"198.51.100.2, 203.0.113.5\"");

    lambda.invoke(event.getBytes(StandardCharsets.UTF_8));

    assertThat(seen().sourceIp()).contains("203.0.113.5");
    assertThat(seen().headers().all("X-Forwarded-For"))
        .containsExactly("10.9.8.7", "198.51.100.2, 203.0.113.5");
  }

  @Test
  void answersAlbMultiValueRequestsWithMultiValueHeaders() {
    Map<String, Object> answer = object(lambda.invokeFixture("http/alb-multi.json"));

    HttpRequest request = seen();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.query().all("tag")).containsExactly("red car", "blue");
    assertThat(request.query().first("café")).contains("1");
    assertThat(request.headers().all("X-Trace")).containsExactly("one", "two");
    assertThat(request.body().bytes()).startsWith(0x89, 'P', 'N', 'G');

    assertThat(answer).containsKey("multiValueHeaders").doesNotContainKey("headers");
    assertThat(list(answer, "multiValueHeaders", "Set-Cookie"))
        .containsExactly("seen=4; HttpOnly", "flavour=oat");
  }

  @Test
  void answersUnknownRoutesWith404AndWrongMethodsWith405() {
    String notFound =
        Lambda.fixtureText("http/http-api-v2-get.json").replace("\"/echo/42\"", "\"/nowhere\"");
    Map<String, Object> answer = object(lambda.invoke(notFound.getBytes(StandardCharsets.UTF_8)));
    assertThat(at(answer, "statusCode")).hasToString("404");

    String wrongMethod =
        Lambda.fixtureText("http/http-api-v2-get.json").replace("\"GET\"", "\"DELETE\"");
    answer = object(lambda.invoke(wrongMethod.getBytes(StandardCharsets.UTF_8)));
    assertThat(at(answer, "statusCode")).hasToString("405");
    assertThat(text(answer, "headers", "Allow").split(", "))
        .containsExactlyInAnyOrder("GET", "HEAD", "POST");
  }

  @Test
  void answersFunctionFailuresWith500WithoutTheExceptionText() {
    String boom =
        Lambda.fixtureText("http/http-api-v2-get.json").replace("\"/echo/42\"", "\"/boom\"");
    String answer = lambda.invoke(boom.getBytes(StandardCharsets.UTF_8));

    assertThat(at(object(answer), "statusCode")).hasToString("500");
    assertThat(text(object(answer), "body")).isEqualTo("Internal Server Error");
    assertThat(answer).doesNotContain("secret internal detail");
    assertThat(lambda.logLines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"AWSRequestId\":\"req-1\"")
                    .contains("\"level\":\"ERROR\"")
                    .contains("IllegalStateException"));
  }

  @Test
  void neverTakesTheCallerFromClientHeaders() {
    String noAuthorizer =
        Lambda.fixtureText("http/http-api-v2-post-base64.json")
            .replace(
                "\"content-length\": \"4\"",
                "\"content-length\": \"4\", \"x-amzn-oidc-identity\": \"admin\","
                    + " \"x-apigateway-authorizer\": \"{\\\"principalId\\\":\\\"admin\\\"}\", \"authorization\": \"Bearer forged\"");
    lambda.invoke(noAuthorizer.getBytes(StandardCharsets.UTF_8));

    assertThat(seen().caller()).isEmpty();
  }

  @Test
  void rejectsInvalidBase64BodyWithTypedError() {
    assertThatThrownBy(() -> lambda.invokeFixture("invalid/base64-body.json"))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("aws:")
        .hasMessageContaining("HTTP API")
        .hasMessageContaining("base64");
  }

  @Test
  void rejectsHttpPayloadWithoutMethodNamingTheField() {
    assertThatThrownBy(() -> lambda.invokeFixture("invalid/http-api-without-method.json"))
        .isInstanceOf(UndecodablePayloadException.class)
        .hasMessageContaining("requestContext.http.method");
  }

  @Test
  void answers400ForHeadersWithLineBreaks() {
    String split =
        Lambda.fixtureText("http/http-api-v2-get.json")
            .replace(
                "\"accept\": \"application/json\"", "\"accept\": \"a\\r\\nSet-Cookie: evil=1\"");
    Map<String, Object> answer = object(lambda.invoke(split.getBytes(StandardCharsets.UTF_8)));

    assertThat(at(answer, "statusCode")).hasToString("400");
    assertThat(Recorder.calls()).isEmpty();
    assertThat(lambda.logLines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("request refused")
                    .contains("\"AWSRequestId\":\"req-1\""));
  }
}
