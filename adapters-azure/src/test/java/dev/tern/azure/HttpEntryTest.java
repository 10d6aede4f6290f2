package dev.tern.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.Caller;
import dev.tern.Context;
import dev.tern.HttpRequest;
import dev.tern.InvalidValueException;
import dev.tern.UnreadableBodyException;
import dev.tern.azure.app.GreetAzureEntry;
import dev.tern.azure.app.Recorder;
import dev.tern.azure.app.UploadAzureEntry;
import dev.tern.jackson.TernJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEntryTest {
  private final GreetAzureEntry greet = new GreetAzureEntry(TestApp.adapter());

  @BeforeEach
  void clear() {
    Recorder.drain();
  }

  @Test
  void rebuildsRepeatedAndEmptyQueryValuesFromTheUrl() throws Exception {
    Fakes.Request<java.util.Optional<String>> request =
        Fakes.text(
            "GET",
            "https://app.azurewebsites.net/api/greet/Ada?tag=a&tag=b&empty=&q=a%2Bb+c",
            null);
    assertThat(request.getQueryParameters()).containsEntry("tag", "a,b").doesNotContainKey("empty");

    Fakes.Response response = Fakes.response(greet.run(request, new Fakes.Context("Greet")));

    assertThat(response.getStatusCode()).isEqualTo(201);
    HttpRequest seen = Recorder.last(HttpRequest.class);
    assertThat(seen.path()).isEqualTo("/greet/Ada");
    assertThat(seen.pathParam("name")).contains("Ada");
    assertThat(seen.query().all("tag")).containsExactly("a", "b");
    assertThat(seen.query().all("empty")).containsExactly("");
    assertThat(seen.query().first("q")).contains("a+b c");
    JsonNode body = TernJson.mapper().readTree(response.text());
    assertThat(body.get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
  }

  @Test
  void aMistypedLogLevelMeansInfoAndServesAsUsual() {
    GreetAzureEntry entry =
        new GreetAzureEntry(TestApp.adapter(Map.of("TERN_LOG_LEVEL", "verbose")));

    Fakes.Response response =
        Fakes.response(
            entry.run(
                Fakes.text("GET", "https://app.azurewebsites.net/api/greet/Ada", null),
                new Fakes.Context("Greet")));

    assertThat(response.getStatusCode()).isEqualTo(201);
  }

  @Test
  void readsHeadersCaseInsensitivelyAndSplitsJoinedCookies() {
    Fakes.Request<java.util.Optional<String>> request =
        Fakes.text("POST", "https://h/api/greet/Bo", "hé")
            .header("Content-Type", "text/plain; charset=utf-8")
            .header("Accept", "text/html, application/json")
            .header("Cookie", "a=1; b=2")
            .header("Cookie", "c=3")
            .header("X-Forwarded-For", "10.0.0.1, 203.0.113.7:51234");

    greet.run(request, new Fakes.Context("Greet"));

    HttpRequest seen = Recorder.last(HttpRequest.class);
    assertThat(seen.header("ACCEPT")).contains("text/html, application/json");
    assertThat(seen.cookie("a")).contains("1");
    assertThat(seen.cookie("c")).contains("3");
    assertThat(seen.body().text()).isEqualTo("hé");
    assertThat(seen.sourceIp()).contains("203.0.113.7");
    assertThat(seen.raw()).containsSame(request);
  }

  @Test
  void writesStatusJoinedHeadersAndBody() throws Exception {
    Fakes.Response response =
        Fakes.response(
            greet.run(
                Fakes.text("GET", "https://h/api/greet/Cy", null), new Fakes.Context("Greet")));

    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(response.getHeader("X-Greeting")).isEqualTo("hi");
    assertThat(response.getHeader("Vary")).isEqualTo("Accept, Origin");
    assertThat(TernJson.mapper().readTree(response.text()).get("name").asText()).isEqualTo("Cy");
  }

  @Test
  void sendsOneCookieAndRefusesSeveralRatherThanDroppingThem() {
    Fakes.Response one =
        Fakes.response(
            greet.run(
                Fakes.text("GET", "https://h/api/greet/Cy?cookies=1", null),
                new Fakes.Context("Greet")));
    assertThat(one.getHeader("Set-Cookie")).isEqualTo("c0=v0; Path=/; HttpOnly");

    Fakes.Context context = new Fakes.Context("Greet");
    Fakes.Response two =
        Fakes.response(
            greet.run(Fakes.text("GET", "https://h/api/greet/Cy?cookies=2", null), context));
    assertThat(two.getStatusCode()).isEqualTo(500);
    assertThat(two.headers()).doesNotContainKey("Set-Cookie");
    assertThat(context.log()).contains("one Set-Cookie header per response");
  }

  @Test
  void answersMissingRoutesAndWrongMethodsLikeEveryCloud() {
    Fakes.Response missing =
        Fakes.response(
            greet.run(
                Fakes.text("GET", "https://h/api/nothing", null), new Fakes.Context("Greet")));
    Fakes.Response wrong =
        Fakes.response(
            greet.run(
                Fakes.text("DELETE", "https://h/api/greet/x", null), new Fakes.Context("Greet")));

    assertThat(missing.getStatusCode()).isEqualTo(404);
    assertThat(wrong.getStatusCode()).isEqualTo(405);
    assertThat(wrong.getHeader("Allow").split(", "))
        .containsExactlyInAnyOrder("GET", "HEAD", "POST");
  }

  @Test
  void hidesFunctionFailuresBehindA500AndLogsThemWithTheInvocation() {
    Fakes.Context context = new Fakes.Context("Greet");
    Fakes.Response response =
        Fakes.response(
            greet.run(
                Fakes.text("GET", "https://h/api/greet/x?fail=1", null)
                    .header("Authorization", "Bearer top-secret-token")
                    .header("Cookie", "session=hunter2"),
                context));

    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(response.text()).isEqualTo("Internal Server Error").doesNotContain("secret failure");
    assertThat(context.log())
        .contains(
            "\"invocationId\":\"inv-Greet\"",
            "function failed",
            "\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\"");
    assertThat(context.log()).doesNotContain("top-secret-token", "hunter2");
    assertThat(context.levels).contains(java.util.logging.Level.SEVERE);
  }

  @Test
  void aHeaderThatWouldSplitAResponseCannotBeReadByTheFunction() {
    Fakes.Response response =
        Fakes.response(
            greet.run(
                Fakes.text("GET", "https://h/api/greet/x", null)
                    .header("X-Bad", "a\r\nSet-Cookie: evil=1"),
                new Fakes.Context("Greet")));

    // Greet never reads the headers, so it answers; reading them fails, and a function that lets
    // that escape answers 400 (DispatcherTest).
    assertThat(response.getStatusCode()).isEqualTo(201);
    assertThat(response.headers()).doesNotContainKey("Set-Cookie");
    HttpRequest seen = (HttpRequest) Recorder.drain().get(0);
    assertThatThrownBy(() -> seen.header("Accept"))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.isAbout(seen.headers())).isTrue())
        .hasMessageContaining("x-bad");
  }

  @Test
  void keepsBinaryBodiesByteExactInBinaryMode() {
    byte[] bytes = {(byte) 0xff, (byte) 0xfe, 0, 'A', (byte) 0xc3, '('};
    Fakes.Response response =
        Fakes.response(
            new UploadAzureEntry(TestApp.adapter())
                .run(
                    Fakes.binary("POST", "https://h/api/upload", bytes)
                        .header("Content-Type", "application/octet-stream"),
                    new Fakes.Context("Upload")));

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat((byte[]) response.getBody()).containsExactly(bytes);
    assertThat(Recorder.last(HttpRequest.class).body().bytes()).containsExactly(bytes);
  }

  @Test
  void exposesInvocationIdTraceAndWorkerContext() {
    Fakes.Context native_ =
        new Fakes.Context(
            "abc-123", "Greet", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    greet.run(Fakes.text("GET", "https://h/api/greet/x", null), native_);

    Context context = Recorder.last(Context.class);
    assertThat(context.invocationId()).isEqualTo("abc-123");
    assertThat(context.functionName()).isEqualTo("Greet");
    assertThat(context.traceId()).contains("0af7651916cd43dd8448eb211c80319c");
    assertThat(context.unwrap(com.microsoft.azure.functions.ExecutionContext.class))
        .containsSame(native_);
  }

  @Test
  void stripsTheConfiguredRoutePrefix() {
    GreetAzureEntry noPrefix =
        new GreetAzureEntry(TestApp.adapter(Map.of(AzureAdapter.ROUTE_PREFIX, "")));
    Fakes.Response prefixed =
        Fakes.response(
            noPrefix.run(
                Fakes.text("GET", "https://h/api/greet/x", null), new Fakes.Context("Greet")));
    Fakes.Response bare =
        Fakes.response(
            noPrefix.run(Fakes.text("GET", "https://h/greet/x", null), new Fakes.Context("Greet")));

    assertThat(prefixed.getStatusCode()).isEqualTo(404);
    assertThat(bare.getStatusCode()).isEqualTo(201);
  }

  @Test
  void trustsTheAppServicePrincipalOnlyWhenTheSettingSaysSo() {
    String principal =
        Base64.getEncoder()
            .encodeToString(
                ("{\"auth_typ\":\"aad\",\"claims\":[{\"typ\":\"http://schemas.microsoft.com/identity/claims/objectidentifier\","
                        + "\"val\":\"oid-42\"},{\"typ\":\"roles\",\"val\":\"admin\"},{\"typ\":\"roles\",\"val\":\"ops\"}],"
                        + "\"name_typ\":\"name\",\"role_typ\":\"roles\"}")
                    .getBytes(StandardCharsets.UTF_8));

    greet.run(
        Fakes.text("GET", "https://h/api/greet/x", null).header("X-MS-CLIENT-PRINCIPAL", principal),
        new Fakes.Context("Greet"));
    assertThat(Recorder.last(HttpRequest.class).caller()).isEmpty();

    Recorder.drain();
    new GreetAzureEntry(TestApp.adapter(Map.of(AzureAdapter.TRUST_PRINCIPAL, "true")))
        .run(
            Fakes.text("GET", "https://h/api/greet/x", null)
                .header("X-MS-CLIENT-PRINCIPAL", principal),
            new Fakes.Context("Greet"));
    Caller caller = Recorder.last(HttpRequest.class).caller().orElseThrow();
    assertThat(caller.scheme()).isEqualTo("app-service");
    assertThat(caller.subject()).isEqualTo("oid-42");
    assertThat(caller.claim("roles")).contains("admin,ops");
  }

  @Test
  void refusesAMalformedTrustedPrincipal() {
    GreetAzureEntry trusting =
        new GreetAzureEntry(TestApp.adapter(Map.of(AzureAdapter.TRUST_PRINCIPAL, "true")));
    for (String bad :
        List.of(
            "not base64!",
            Base64.getEncoder()
                .encodeToString("{\"claims\":[]}".getBytes(StandardCharsets.UTF_8)))) {
      Fakes.Response response =
          Fakes.response(
              trusting.run(
                  Fakes.text("GET", "https://h/api/greet/x", null)
                      .header("X-MS-CLIENT-PRINCIPAL", bad),
                  new Fakes.Context("Greet")));
      assertThat(response.getStatusCode()).isEqualTo(400);
    }
  }

  @Test
  void aTextBodyWithACharsetTheJvmLacksReachesTheFunctionAsTheHostsUtf8() {
    Fakes.Request<java.util.Optional<String>> request =
        Fakes.text("POST", "https://h/api/greet/Bo", "caf\u00e9")
            .header("Content-Type", "text/plain; charset=x-no-such-charset");

    HttpRequest seen = dev.tern.azure.internal.HttpMapper.request(request, "api", false);

    assertThat(seen.body().bytes()).isEqualTo("caf\u00e9".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> seen.body().text())
        .isInstanceOf(UnreadableBodyException.class)
        .hasMessageContaining("x-no-such-charset");
  }

  @Test
  void theHeadersTheRequestIsBuiltFromAreTheFirstOfAnySpelling() {
    Fakes.Request<java.util.Optional<String>> request =
        Fakes.text("POST", "https://h/api/greet/Bo", "caf\u00e9");
    request.headers.put("content-type", "text/plain; charset=ISO-8859-1");
    request.headers.put("Content-Type", "text/plain; charset=UTF-16");
    request.headers.put("X-FORWARDED-FOR", "203.0.113.9");
    request.headers.put("x-forwarded-for", "198.51.100.1");
    request.headers.put("x-ms-client-principal", "not read unless trusted");

    HttpRequest seen = dev.tern.azure.internal.HttpMapper.request(request, "api", false);

    assertThat(seen.body().contentType()).contains("text/plain; charset=ISO-8859-1");
    assertThat(seen.headers().all("Content-Type"))
        .containsExactly("text/plain; charset=ISO-8859-1", "text/plain; charset=UTF-16");
    assertThat(seen.sourceIp()).contains("203.0.113.9");
    assertThat(seen.caller()).isEmpty();
    assertThat(seen.cookies()).isEmpty();
    assertThat(seen.path()).isEqualTo("/greet/Bo");
  }

  @Test
  void aHeaderThatCannotBeReadFailsWhenReadAndAnUnreadableContentTypeAtOnce() {
    for (String[] header : new String[][] {{"bad name", "v"}, {"cookie", "a=1\0"}}) {
      Fakes.Request<java.util.Optional<String>> request =
          Fakes.text("GET", "https://h/api/greet/Bo", null);
      request.headers.put(header[0], header[1]);

      HttpRequest mapped = dev.tern.azure.internal.HttpMapper.request(request, "api", false);

      assertThatThrownBy(() -> mapped.headers().names())
          .as(header[0])
          .isInstanceOfSatisfying(
              InvalidValueException.class, e -> assertThat(e.isAbout(mapped.headers())).isTrue());
    }
    Fakes.Request<java.util.Optional<String>> forwarded =
        Fakes.text("GET", "https://h/api/greet/Bo", null);
    forwarded.headers.put("x-forwarded-for", "1.2.3.4\r\nx: y");
    HttpRequest unaddressed = dev.tern.azure.internal.HttpMapper.request(forwarded, "api", false);
    assertThat(unaddressed.sourceIp()).isEmpty();
    assertThatThrownBy(() -> unaddressed.header("X-Forwarded-For"))
        .isInstanceOf(InvalidValueException.class);
    Fakes.Request<java.util.Optional<String>> typed =
        Fakes.text("POST", "https://h/api/greet/Bo", "x");
    typed.headers.put("content-type", "text/plain\r\nx: y");
    assertThatThrownBy(() -> dev.tern.azure.internal.HttpMapper.request(typed, "api", false))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Content-Type");
  }
}
