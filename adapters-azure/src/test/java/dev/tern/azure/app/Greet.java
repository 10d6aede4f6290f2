package dev.tern.azure.app;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.OnHttp;
import dev.tern.SetCookie;
import java.util.LinkedHashMap;
import java.util.Map;

/** Echoes what it was handed; {@code ?fail=1} throws, {@code ?cookies=n} sets n cookies. */
@OnHttp(
    route = "/greet/{name}",
    methods = {"GET", "POST"})
public final class Greet implements HttpFunction {
  @Override
  public HttpResponse handle(HttpRequest request, Context context) {
    Recorder.record(request);
    Recorder.record(context);
    if (request.query().first("fail").isPresent()) {
      throw new IllegalStateException("secret failure detail");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", request.pathParam("name").orElse(""));
    out.put("tags", request.query().all("tag"));
    out.put("body", request.body().text());
    out.put("invocation", context.invocationId());
    HttpResponse response =
        HttpResponse.json(out)
            .withStatus(201)
            .withHeader("X-Greeting", "hi")
            .plusHeader("Vary", "Accept")
            .plusHeader("Vary", "Origin");
    int cookies = Integer.parseInt(request.query().first("cookies").orElse("0"));
    for (int i = 0; i < cookies; i++) {
      response = response.withCookie(SetCookie.of("c" + i, "v" + i).withPath("/").httpOnly());
    }
    return response;
  }
}
