package dev.tern.testing.azure;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@link HttpRequestMessage} as the Java worker builds one: header names in lower case with
 * repeated headers comma-joined, the query map with repeated keys comma-joined and empty values
 * dropped, the body a {@code String} or {@code byte[]} wrapped in {@link java.util.Optional}.
 *
 * @param <T> the body type the entry binds
 * @since 0.1
 */
public final class WorkerRequest<T> implements HttpRequestMessage<T> {
  private final HttpMethod method;
  private final URI uri;
  private final Map<String, String> headers;
  private final Map<String, String> query;
  private final T body;

  public WorkerRequest(String method, URI uri, Map<String, String> headers, T body) {
    this.method = HttpMethod.value(method);
    this.uri = uri;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body;
    Map<String, String> q = new LinkedHashMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && eq < pair.length() - 1) {
          q.merge(pair.substring(0, eq), pair.substring(eq + 1), (a, b) -> a + "," + b);
        }
      }
    }
    this.query = Collections.unmodifiableMap(q);
  }

  @Override
  public URI getUri() {
    return uri;
  }

  @Override
  public HttpMethod getHttpMethod() {
    return method;
  }

  @Override
  public Map<String, String> getHeaders() {
    return headers;
  }

  @Override
  public Map<String, String> getQueryParameters() {
    return query;
  }

  @Override
  public T getBody() {
    return body;
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
    return new WorkerResponse().status(status);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
    return new WorkerResponse().status(status);
  }
}
