package dev.tern.spi.fake;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An HTTP client that answers {@link #send} from a script and records every request it is sent.
 *
 * <p>A request takes the first outcome queued with {@link #answerNext} or {@link #failNext},
 * whatever its URI; once that queue is empty, it takes what {@link #answer} or {@link #fail}
 * scripted for its URI, as often as it is asked. A URI with nothing scripted is refused with a
 * {@link ConnectException}. The body is handed to the request's body handler, so any handler works.
 *
 * <p>There is no network, TLS or asynchronous sending: {@link #sendAsync}, {@link #sslContext} and
 * {@link #sslParameters} are unsupported, and the other settings are those of a client built with
 * none. Safe to use from several threads.
 */
public final class FakeHttpClient extends HttpClient {
  private final Map<URI, Outcome> byUri = new HashMap<>();
  private final Queue<Outcome> next = new ArrayDeque<>();
  private final List<HttpRequest> requests = new ArrayList<>();

  /** Answers every request for {@code uri} with {@code status} and {@code body}, no headers. */
  public void answer(URI uri, int status, String body) {
    answer(uri, status, body, Map.of());
  }

  /**
   * Answers every request for {@code uri} with {@code status}, {@code headers} (name to value) and
   * {@code body}, in place of what was scripted for it before.
   */
  public synchronized void answer(URI uri, int status, String body, Map<String, String> headers) {
    byUri.put(requireNonNull(uri, "uri == null"), new Answer(status, body, headers));
  }

  /**
   * Fails every request for {@code uri} by throwing {@code failure} (the same instance each time),
   * in place of what was scripted for it before. It is an {@link IOException}, an {@link
   * InterruptedException} or unchecked.
   */
  public synchronized void fail(URI uri, Exception failure) {
    byUri.put(requireNonNull(uri, "uri == null"), new Failure(failure));
  }

  /** Queues an answer of {@code status} and {@code body}, no headers, for one request. */
  public void answerNext(int status, String body) {
    answerNext(status, body, Map.of());
  }

  /** Queues an answer of {@code status}, {@code headers} and {@code body} for one request. */
  public synchronized void answerNext(int status, String body, Map<String, String> headers) {
    next.add(new Answer(status, body, headers));
  }

  /** Queues {@code failure} for one request; see {@link #fail}. */
  public synchronized void failNext(Exception failure) {
    next.add(new Failure(failure));
  }

  /** The requests sent so far, oldest first, those that failed included. */
  public synchronized List<HttpRequest> requests() {
    return List.copyOf(requests);
  }

  /** The URIs of {@link #requests}. */
  public synchronized List<URI> requested() {
    return requests.stream().map(HttpRequest::uri).toList();
  }

  /** How many requests were sent. */
  public synchronized int calls() {
    return requests.size();
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    requireNonNull(request, "request == null");
    requireNonNull(handler, "handler == null");
    Outcome outcome;
    synchronized (this) {
      requests.add(request);
      outcome = next.isEmpty() ? byUri.get(request.uri()) : next.remove();
    }
    if (outcome == null) {
      throw new ConnectException("no answer scripted for " + request.uri());
    }
    if (outcome instanceof Failure failure) {
      if (failure.exception() instanceof IOException e) {
        throw e;
      }
      if (failure.exception() instanceof InterruptedException e) {
        throw e;
      }
      throw (RuntimeException) failure.exception();
    }
    Answer answer = (Answer) outcome;
    HttpHeaders headers = HttpHeaders.of(answer.headers(), (name, value) -> true);
    Info info = new Info(answer.status(), headers);
    return new Response<>(
        request, answer.status(), headers, read(handler.apply(info), answer.body()));
  }

  /** What {@code subscriber} makes of {@code body}, delivered in one buffer when it asks. */
  private static <T> T read(HttpResponse.BodySubscriber<T> subscriber, byte[] body)
      throws IOException, InterruptedException {
    subscriber.onSubscribe(
        new Flow.Subscription() {
          private boolean delivered;

          @Override
          public void request(long n) {
            if (delivered || n <= 0) {
              return;
            }
            delivered = true;
            if (body.length > 0) {
              subscriber.onNext(List.of(ByteBuffer.wrap(body).asReadOnlyBuffer()));
            }
            subscriber.onComplete();
          }

          @Override
          public void cancel() {
            delivered = true;
          }
        });
    try {
      return subscriber.getBody().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new IOException("the body handler failed", e.getCause());
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    throw new UnsupportedOperationException("a fake client only sends synchronously");
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> push) {
    throw new UnsupportedOperationException("a fake client only sends synchronously");
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return Optional.empty();
  }

  @Override
  public Redirect followRedirects() {
    return Redirect.NEVER;
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return Optional.empty();
  }

  @Override
  public SSLContext sslContext() {
    throw new UnsupportedOperationException("a fake client has no TLS");
  }

  @Override
  public SSLParameters sslParameters() {
    throw new UnsupportedOperationException("a fake client has no TLS");
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return Optional.empty();
  }

  @Override
  public Version version() {
    return Version.HTTP_1_1;
  }

  @Override
  public Optional<Executor> executor() {
    return Optional.empty();
  }

  /** A scripted answer or failure. */
  private sealed interface Outcome permits Answer, Failure {}

  private record Answer(int status, byte[] body, Map<String, List<String>> headers)
      implements Outcome {
    Answer(int status, String body, Map<String, String> headers) {
      this(
          status,
          requireNonNull(body, "body == null").getBytes(StandardCharsets.UTF_8),
          lists(requireNonNull(headers, "headers == null")));
    }

    private static Map<String, List<String>> lists(Map<String, String> headers) {
      Map<String, List<String>> out = new LinkedHashMap<>();
      headers.forEach((name, value) -> out.put(name, List.of(value)));
      return out;
    }
  }

  private record Failure(Exception exception) implements Outcome {
    Failure {
      requireNonNull(exception, "failure == null");
      if (!(exception instanceof IOException
          || exception instanceof InterruptedException
          || exception instanceof RuntimeException)) {
        throw new IllegalArgumentException(
            "send throws an IOException, an InterruptedException or an unchecked exception, not "
                + exception);
      }
    }
  }

  private record Info(int statusCode, HttpHeaders headers) implements HttpResponse.ResponseInfo {
    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }
  }

  private record Response<T>(HttpRequest request, int statusCode, HttpHeaders headers, T body)
      implements HttpResponse<T> {
    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }
  }
}
