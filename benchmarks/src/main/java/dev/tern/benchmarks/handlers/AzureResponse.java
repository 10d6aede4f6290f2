package dev.tern.benchmarks.handlers;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.LinkedHashMap;
import java.util.Map;

/** The worker's response value, as its own builder makes it. */
public final class AzureResponse implements HttpResponseMessage {
  private final HttpStatusType status;
  private final Map<String, String> headers;
  private final Object body;

  private AzureResponse(HttpStatusType status, Map<String, String> headers, Object body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  @Override
  public HttpStatusType getStatus() {
    return status;
  }

  @Override
  public String getHeader(String key) {
    return headers.get(key);
  }

  @Override
  public Object getBody() {
    return body;
  }

  /** The body as bytes, whichever type the function chose. */
  public byte[] bodyBytes() {
    if (body instanceof byte[]) {
      return (byte[]) body;
    }
    return body == null
        ? new byte[0]
        : body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Builds an {@link AzureResponse}. */
  public static final class Builder implements HttpResponseMessage.Builder {
    private HttpStatusType status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Object body;

    @Override
    public Builder status(HttpStatusType status) {
      this.status = status;
      return this;
    }

    @Override
    public Builder header(String key, String value) {
      headers.put(key, value);
      return this;
    }

    @Override
    public Builder body(Object body) {
      this.body = body;
      return this;
    }

    @Override
    public AzureResponse build() {
      return new AzureResponse(status, headers, body);
    }
  }
}
