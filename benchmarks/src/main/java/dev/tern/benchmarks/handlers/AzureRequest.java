package dev.tern.benchmarks.handlers;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/hello?name=Ada} as the Azure Java worker binds it to an HTTP trigger parameter;
 * the host's default {@code api} route prefix is part of the URI.
 */
public final class AzureRequest implements HttpRequestMessage<Optional<String>> {
  private static final URI URI_ = URI.create("https://demo.azurewebsites.net/api/hello?name=Ada");
  private static final Map<String, String> HEADERS =
      Map.of(
          "accept", "application/json",
          "host", "demo.azurewebsites.net",
          "user-agent", "curl/8.5.0",
          "x-forwarded-for", "203.0.113.17:50123",
          "x-forwarded-proto", "https");
  private static final Map<String, String> QUERY = Map.of("name", "Ada");

  @Override
  public URI getUri() {
    return URI_;
  }

  @Override
  public HttpMethod getHttpMethod() {
    return HttpMethod.GET;
  }

  @Override
  public Map<String, String> getHeaders() {
    return HEADERS;
  }

  @Override
  public Map<String, String> getQueryParameters() {
    return QUERY;
  }

  @Override
  public Optional<String> getBody() {
    return Optional.empty();
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
    return new AzureResponse.Builder().status(status);
  }

  @Override
  public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
    return new AzureResponse.Builder().status(status);
  }
}
