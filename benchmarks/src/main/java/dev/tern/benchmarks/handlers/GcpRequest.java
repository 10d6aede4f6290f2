package dev.tern.benchmarks.handlers;

import com.google.cloud.functions.HttpRequest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /hello?name=Ada} as the Functions Framework hands it to an {@code HttpFunction} after
 * parsing the wire request: the same request the API Gateway event describes.
 */
public final class GcpRequest implements HttpRequest {
  private static final Map<String, List<String>> HEADERS =
      Map.of(
          "Accept", List.of("application/json"),
          "Host", List.of("europe-west1-demo.cloudfunctions.net"),
          "User-Agent", List.of("curl/8.5.0"),
          "X-Forwarded-For", List.of("203.0.113.17"),
          "X-Forwarded-Proto", List.of("https"),
          "traceparent", List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
  private static final Map<String, List<String>> QUERY = Map.of("name", List.of("Ada"));

  @Override
  public String getMethod() {
    return "GET";
  }

  @Override
  public String getUri() {
    return "https://europe-west1-demo.cloudfunctions.net/hello?name=Ada";
  }

  @Override
  public String getPath() {
    return "/hello";
  }

  @Override
  public Optional<String> getQuery() {
    return Optional.of("name=Ada");
  }

  @Override
  public Map<String, List<String>> getQueryParameters() {
    return QUERY;
  }

  @Override
  public Map<String, HttpPart> getParts() {
    return Map.of();
  }

  @Override
  public Optional<String> getContentType() {
    return Optional.empty();
  }

  @Override
  public long getContentLength() {
    return 0;
  }

  @Override
  public Optional<String> getCharacterEncoding() {
    return Optional.empty();
  }

  @Override
  public InputStream getInputStream() {
    return new ByteArrayInputStream(new byte[0]);
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return HEADERS;
  }
}
