package dev.tern;

/**
 * A function that answers HTTP requests.
 *
 * <pre>{@code
 * @OnHttp(route = "/hello", methods = "GET")
 * public final class Hello implements HttpFunction {
 *   public HttpResponse handle(HttpRequest request, Context context) {
 *     return HttpResponse.json(Map.of("greeting", "Hello, " + request.query().first("name").orElse("world")));
 *   }
 * }
 * }</pre>
 *
 * <p>If it throws, every cloud answers {@code 500} with a generic body and the exception is logged
 * with the invocation id; the client never sees its text. An {@link UndecodablePayloadException}
 * from binding the request body ({@code request.body().as(Order.class)}) answers {@code 400}, and
 * an {@link HttpStatusException} answers its own response ({@code throw new
 * HttpStatusException(404, "no order " + id)}).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HttpFunction {
  HttpResponse handle(HttpRequest request, Context context) throws Exception;
}
