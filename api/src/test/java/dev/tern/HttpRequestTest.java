package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestTest {
  @Test
  void splitsTheTargetIntoRawPathAndDecodedQuery() {
    HttpRequest request = HttpRequest.get("/orders/a%2Fb?expand=items&expand=customer&q=a%2Bb+c");

    assertThat(request.path()).isEqualTo("/orders/a%2Fb");
    assertThat(request.query().all("expand")).containsExactly("items", "customer");
    assertThat(request.query().first("q")).contains("a+b c");
    assertThat(request).hasToString("GET /orders/a%2Fb?expand=items&expand=customer&q=a%2Bb+c");
  }

  @Test
  void splitsAtTheFirstQuestionMark() {
    HttpRequest request = HttpRequest.get("/search?q=why?");

    assertThat(request.path()).isEqualTo("/search");
    assertThat(request.query().first("q")).contains("why?");
  }

  @Test
  void treatsAnEmptyPathAsRoot() {
    assertThat(HttpRequest.get("").path()).isEqualTo("/");
    assertThat(HttpRequest.get("?a=1").path()).isEqualTo("/");
    assertThat(HttpRequest.get("/?").query().isEmpty()).isTrue();
  }

  @Test
  void rejectsAPathThatDoesNotStartWithSlash() {
    assertThatThrownBy(() -> HttpRequest.get("orders"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("\"orders\"");
  }

  @Test
  void upperCasesTheMethod() {
    assertThat(HttpRequest.builder("get", "/").build().method()).isEqualTo("GET");
    assertThat(HttpRequest.builder("Patch", "/").build().method()).isEqualTo("PATCH");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "GE T", "GET\r\n", "GËT", "GET/", "GET,POST", "(GET)", "GET:"})
  void rejectsMethodsThatAreNotTokens(String method) {
    assertThatThrownBy(() -> HttpRequest.builder(method, "/"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("HTTP method");
  }

  @Test
  void readsCookiesFromTheCookieHeaders() {
    HttpRequest request =
        HttpRequest.builder("GET", "/")
            .header("Cookie", "a=1; b=2")
            .header("cookie", "c=3")
            .build();

    assertThat(request.cookies()).extracting(Cookie::name).containsExactly("a", "b", "c");
    assertThat(request.cookie("b")).contains("2");
    assertThat(request.cookie("z")).isEmpty();
  }

  @Test
  void keepsTheCookiesOfItsOwnHeadersWhenCopiedBeforeTheyAreRead() {
    HttpRequest request = HttpRequest.builder("GET", "/").header("Cookie", "a=1").build();

    HttpRequest rebuilt = request.toBuilder().headers(Headers.of("Cookie", "b=2")).build();
    HttpRequest routed = request.withRoute("/", Map.of());

    assertThat(rebuilt.cookies()).containsExactly(new Cookie("a", "1"));
    assertThat(routed.cookies()).containsExactly(new Cookie("a", "1"));
    assertThat(request.cookies()).containsExactly(new Cookie("a", "1"));
  }

  @Test
  void threadsReadingCookiesFirstAllSeeTheSameImmutableList() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 200; round++) {
        HttpRequest request =
            HttpRequest.builder("GET", "/")
                .header("Cookie", "a=1; b=2")
                .header("Cookie", "c=" + round)
                .build();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Cookie>>> reads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          reads.add(
              pool.submit(
                  () -> {
                    start.await();
                    return request.cookies();
                  }));
        }
        start.countDown();
        List<Cookie> expected =
            List.of(new Cookie("a", "1"), new Cookie("b", "2"), new Cookie("c", "" + round));
        for (Future<List<Cookie>> read : reads) {
          List<Cookie> seen = read.get(10, TimeUnit.SECONDS);
          assertThat(seen).isEqualTo(expected);
          assertThatThrownBy(() -> seen.add(new Cookie("d", "4")))
              .isInstanceOf(UnsupportedOperationException.class);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void prefersCookiesDeliveredApartFromTheHeaders() {
    HttpRequest request =
        HttpRequest.builder("GET", "/")
            .header("Cookie", "a=from-header")
            .cookies(List.of(new Cookie("a", "from-list")))
            .build();

    assertThat(request.cookie("a")).contains("from-list");
  }

  @Test
  void headerLookupIsCaseInsensitive() {
    HttpRequest request = HttpRequest.builder("GET", "/").header("X-Request-Id", "r1").build();

    assertThat(request.header("x-request-id")).contains("r1");
  }

  @Test
  void leavesOptionalPartsEmpty() {
    HttpRequest request = HttpRequest.get("/");

    assertThat(request.sourceIp()).isEmpty();
    assertThat(request.caller()).isEmpty();
    assertThat(request.route()).isEmpty();
    assertThat(request.pathParams()).isEmpty();
    assertThat(request.pathParam("id")).isEmpty();
    assertThat(request.raw()).isEmpty();
    assertThat(request.unwrap(String.class)).isEmpty();
    assertThat(request.body().isEmpty()).isTrue();
    assertThat(request.headers().isEmpty()).isTrue();
  }

  /** A request whose client address {@code address} is deferred, each read counted in reads. */
  private static HttpRequest withDeferredAddress(String address, AtomicInteger reads) {
    return HttpRequest.builder("GET", "/")
        .deferredSourceIp(
            () -> {
              reads.incrementAndGet();
              return address;
            })
        .build();
  }

  @Test
  void aDeferredSourceIpIsReadOnceAndOnlyWhenAsked() {
    AtomicInteger reads = new AtomicInteger();
    HttpRequest request = withDeferredAddress("203.0.113.7", reads);
    HttpRequest routed = request.withRoute("/", Map.of());

    assertThat(reads).hasValue(0);
    assertThat(routed.sourceIp()).contains("203.0.113.7");
    assertThat(routed.sourceIp()).contains("203.0.113.7");
    assertThat(reads).hasValue(1);
    assertThat(request.toBuilder().build().sourceIp()).contains("203.0.113.7");
  }

  @Test
  void aDeferredSourceIpThatGivesNoneIsEmptyEachTime() {
    AtomicInteger reads = new AtomicInteger();
    HttpRequest request = withDeferredAddress(null, reads);

    assertThat(request.sourceIp()).isEmpty();
    assertThat(request.sourceIp()).isEmpty();
    assertThat(reads).hasValue(1);
    assertThat(request.toBuilder().build().sourceIp()).isEmpty();
  }

  @Test
  void theLastSourceIpGivenToTheBuilderWins() {
    assertThat(
            HttpRequest.builder("GET", "/")
                .deferredSourceIp(() -> "203.0.113.7")
                .sourceIp("198.51.100.1")
                .build()
                .sourceIp())
        .contains("198.51.100.1");
    assertThat(
            HttpRequest.builder("GET", "/")
                .sourceIp("198.51.100.1")
                .deferredSourceIp(() -> "203.0.113.7")
                .build()
                .sourceIp())
        .contains("203.0.113.7");
    assertThat(
            HttpRequest.builder("GET", "/")
                .deferredSourceIp(() -> "203.0.113.7")
                .sourceIp(null)
                .build()
                .sourceIp())
        .isEmpty();
  }

  @Test
  void withRouteRecordsTheRouteAndKeepsEverythingElse() {
    Caller caller = new Caller("jwt", "user-1", Map.of("scope", "read"));
    HttpRequest request =
        HttpRequest.builder("POST", "/orders/42?x=1")
            .header("A", "1")
            .body(Body.ofText("hi"))
            .sourceIp("203.0.113.7")
            .caller(caller)
            .raw("native")
            .build();

    HttpRequest routed = request.withRoute("/orders/{id}", Map.of("id", "42"));

    assertThat(routed.route()).contains("/orders/{id}");
    assertThat(routed.pathParam("id")).contains("42");
    assertThat(routed.method()).isEqualTo("POST");
    assertThat(routed.path()).isEqualTo("/orders/42");
    assertThat(routed.query().first("x")).contains("1");
    assertThat(routed.header("a")).contains("1");
    assertThat(routed.body().text()).isEqualTo("hi");
    assertThat(routed.sourceIp()).contains("203.0.113.7");
    assertThat(routed.caller()).contains(caller);
    assertThat(routed.unwrap(String.class)).contains("native");
    assertThat(request.route()).isEmpty();
  }

  @Test
  void copiesPathParametersAndCookies() {
    Map<String, String> params = new java.util.HashMap<>(Map.of("id", "1"));
    List<Cookie> cookies = new java.util.ArrayList<>(List.of(new Cookie("a", "1")));
    HttpRequest request =
        HttpRequest.builder("GET", "/").route("/", params).cookies(cookies).build();
    params.put("id", "2");
    cookies.clear();

    assertThat(request.pathParam("id")).contains("1");
    assertThat(request.cookies()).hasSize(1);
    assertThatThrownBy(() -> request.pathParams().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesANullPathParameterOrCookieNamingIt() {
    Map<String, String> nullValue = new java.util.HashMap<>();
    nullValue.put("id", null);
    Map<String, String> nullName = new java.util.HashMap<>();
    nullName.put(null, "1");
    List<Cookie> cookies = new ArrayList<>();
    cookies.add(new Cookie("a", "1"));
    cookies.add(null);

    assertThatThrownBy(() -> HttpRequest.builder("GET", "/").route("/{id}", nullValue))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("pathParams: null value for key \"id\"");
    assertThatThrownBy(() -> HttpRequest.get("/").withRoute("/{id}", nullName))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("pathParams: null key");
    assertThatThrownBy(() -> HttpRequest.get("/?a=1").withRoute("/{id}", nullValue))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("pathParams: null value for key \"id\"");
    assertThatThrownBy(() -> HttpRequest.builder("GET", "/").cookies(cookies))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("cookies: null element at index 1");
  }

  @Test
  void callerCopiesItsClaims() {
    Map<String, String> claims = new java.util.HashMap<>(Map.of("sub", "1"));
    Caller caller = new Caller("jwt", "1", claims);
    claims.put("admin", "true");

    assertThat(caller.claim("admin")).isEmpty();
    assertThat(caller.claim("sub")).contains("1");
  }

  @Test
  void rejectsNullArgumentsWithAMessage() {
    assertThatThrownBy(() -> HttpRequest.builder(null, "/")).hasMessage("method == null");
    assertThatThrownBy(() -> HttpRequest.builder("GET", null)).hasMessage("target == null");
    assertThatThrownBy(() -> HttpRequest.builder("GET", "/").body(null)).hasMessage("body == null");
    assertThatThrownBy(() -> HttpRequest.builder("GET", "/").headers(null))
        .hasMessage("headers == null");
    assertThatThrownBy(() -> HttpRequest.builder("GET", "/").query(null))
        .hasMessage("query == null");
    assertThatThrownBy(() -> HttpRequest.get("/").cookie(null)).hasMessage("name == null");
    assertThatThrownBy(() -> HttpRequest.get("/").unwrap(null)).hasMessage("type == null");
    assertThatThrownBy(() -> new Caller(null, "s", Map.of())).hasMessage("scheme == null");
    Map<String, String> nullClaim = new java.util.HashMap<>();
    nullClaim.put("email", null);
    assertThatThrownBy(() -> new Caller("jwt", "s", nullClaim))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("claims: null value for key \"email\"");
  }
}
