package dev.tern.testing.gcp;

import com.google.cloud.functions.HttpRequest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A Functions Framework request held in memory, as the invoker would build it. */
final class NativeRequest implements HttpRequest {
  private final String method;
  private final String path;
  private final String query;
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final byte[] body;
  private boolean read;

  NativeRequest(
      String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    this.method = method;
    this.path = path;
    this.query = query == null || query.isEmpty() ? null : query;
    headers.forEach(
        (name, values) ->
            this.headers.computeIfAbsent(name, k -> new ArrayList<>()).addAll(values));
    this.body = body;
  }

  /** Adds header {@code name} unless the request has it, as the platform adds its own. */
  void header(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>(List.of(value)));
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public String getUri() {
    return "http://localhost:8080" + path + (query == null ? "" : "?" + query);
  }

  @Override
  public String getPath() {
    return path;
  }

  @Override
  public Optional<String> getQuery() {
    return Optional.ofNullable(query);
  }

  /** Tern parses {@link #getQuery()} itself; invoker 1.4.x would merge form fields here. */
  @Override
  public Map<String, List<String>> getQueryParameters() {
    throw new UnsupportedOperationException("Tern parses the raw query");
  }

  @Override
  public Map<String, HttpPart> getParts() {
    throw new UnsupportedOperationException("Tern passes multipart bodies through as bytes");
  }

  @Override
  public Optional<String> getContentType() {
    return Optional.ofNullable(headers.get("Content-Type"))
        .filter(l -> !l.isEmpty())
        .map(l -> l.get(0));
  }

  @Override
  public long getContentLength() {
    return body.length;
  }

  @Override
  public Optional<String> getCharacterEncoding() {
    return Optional.empty();
  }

  @Override
  public InputStream getInputStream() {
    if (read) {
      throw new IllegalStateException("the body was already read");
    }
    read = true;
    return new ByteArrayInputStream(body);
  }

  @Override
  public BufferedReader getReader() {
    return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return headers;
  }
}
