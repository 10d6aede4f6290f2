package dev.tern.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.TraceContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Small implementations of the worker's interfaces, behaving as the Java worker's do. Public for
 * the tests of {@code dev.tern.azure.internal}.
 */
public final class Fakes {
  private Fakes() {}

  /** A request as the worker binds it: lower-case header names, a query map that loses data. */
  static final class Request<T> implements HttpRequestMessage<T> {
    final HttpMethod method;
    final URI uri;
    final Map<String, String> headers = new LinkedHashMap<>();
    final T body;

    Request(String method, String url, T body) {
      this.method = HttpMethod.value(method);
      this.uri = URI.create(url);
      this.body = body;
    }

    Request<T> header(String name, String value) {
      headers.merge(name.toLowerCase(java.util.Locale.ROOT), value, (a, b) -> a + "," + b);
      return this;
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
      // what the host sends: repeated keys comma-joined, empty values dropped
      Map<String, String> query = new LinkedHashMap<>();
      if (uri.getRawQuery() != null) {
        for (String pair : uri.getRawQuery().split("&")) {
          int eq = pair.indexOf('=');
          if (eq > 0 && eq < pair.length() - 1) {
            query.merge(pair.substring(0, eq), pair.substring(eq + 1), (a, b) -> a + "," + b);
          }
        }
      }
      return query;
    }

    @Override
    public T getBody() {
      return body;
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
      return new Response().status(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
      return new Response().status(status);
    }
  }

  static Request<Optional<String>> text(String method, String url, String body) {
    return new Request<>(method, url, Optional.ofNullable(body));
  }

  static Request<Optional<byte[]>> binary(String method, String url, byte[] body) {
    return new Request<>(method, url, Optional.ofNullable(body));
  }

  /** A response builder keeping one value per header name, as {@code RpcHttpDataTarget} does. */
  static final class Response implements HttpResponseMessage, HttpResponseMessage.Builder {
    private HttpStatusType status = HttpStatus.OK;
    private final Map<String, String> headers = new HashMap<>();
    private Object body;

    @Override
    public HttpResponseMessage.Builder status(HttpStatusType status) {
      this.status = status;
      return this;
    }

    @Override
    public HttpResponseMessage.Builder header(String key, String value) {
      headers.put(key, value);
      return this;
    }

    @Override
    public HttpResponseMessage.Builder body(Object body) {
      this.body = body;
      return this;
    }

    @Override
    public HttpResponseMessage build() {
      return this;
    }

    @Override
    public HttpStatusType getStatus() {
      return status;
    }

    @Override
    public int getStatusCode() {
      return status.value();
    }

    @Override
    public String getHeader(String key) {
      return headers.get(key);
    }

    Map<String, String> headers() {
      return headers;
    }

    @Override
    public Object getBody() {
      return body;
    }

    String text() {
      return body == null ? "" : new String((byte[]) body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  static Response response(HttpResponseMessage message) {
    return (Response) message;
  }

  /** An execution context whose logger keeps every line. */
  public static final class Context implements ExecutionContext {
    final String invocationId;
    final String functionName;
    final String traceparent;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final List<Level> levels = Collections.synchronizedList(new ArrayList<>());
    private final Logger logger;

    public Context(String invocationId, String functionName, String traceparent) {
      this.invocationId = invocationId;
      this.functionName = functionName;
      this.traceparent = traceparent;
      this.logger = Logger.getAnonymousLogger();
      logger.setUseParentHandlers(false);
      logger.setLevel(Level.ALL);
      logger.addHandler(
          new Handler() {
            @Override
            public void publish(LogRecord record) {
              lines.add(record.getMessage());
              levels.add(record.getLevel());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          });
    }

    Context(String functionName) {
      this(
          "inv-" + functionName,
          functionName,
          "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    @Override
    public Logger getLogger() {
      return logger;
    }

    @Override
    public String getInvocationId() {
      return invocationId;
    }

    @Override
    public String getFunctionName() {
      return functionName;
    }

    @Override
    public TraceContext getTraceContext() {
      return new TraceContext() {
        @Override
        public String getTraceparent() {
          return traceparent;
        }

        @Override
        public String getTracestate() {
          return "";
        }

        @Override
        public Map<String, String> getAttributes() {
          return Map.of();
        }
      };
    }

    String log() {
      return String.join("\n", lines);
    }
  }
}
