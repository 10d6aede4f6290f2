package dev.tern.aws.fns;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;
import dev.tern.SetCookie;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Answers with what it saw, so a test can compare the native request with the neutral one. */
@OnHttp(
    route = "/echo/{id}",
    methods = {"GET", "POST"})
public final class Echo implements HttpFunction {
  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    Recorder.record("Echo", request, context);
    Map<String, Object> seen = new LinkedHashMap<>();
    seen.put("id", request.pathParam("id").orElse(""));
    seen.put("method", request.method());
    seen.put("requestId", context.invocationId());
    seen.put("q", request.query().first("q").orElse(""));
    seen.put("caller", request.caller().map(c -> c.scheme() + ":" + c.subject()).orElse("none"));
    return HttpResponse.json(seen)
        .withStatus(201)
        .withHeader("X-Echo", request.path())
        .plusHeader("X-Multi", "1")
        .plusHeader("X-Multi", "2")
        // A cookie value is cookie-octets only (RFC 6265): a decoded id may hold a space or more.
        .withCookie(
            SetCookie.of(
                    "seen",
                    URLEncoder.encode(request.pathParam("id").orElse(""), StandardCharsets.UTF_8))
                .httpOnly())
        .withCookie(SetCookie.of("flavour", "oat"));
  }
}
