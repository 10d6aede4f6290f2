package dev.tern.testing.azure;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A response built as the Java worker's {@code RpcHttpDataTarget} builds one: one value per header
 * name, the last one set wins.
 *
 * @since 0.1
 */
public final class WorkerResponse implements HttpResponseMessage, HttpResponseMessage.Builder {
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

  /** Every header set, one value per name. */
  public Map<String, String> headers() {
    return Collections.unmodifiableMap(headers);
  }

  @Override
  public Object getBody() {
    return body;
  }
}
