package dev.tern.testing.gcp;

import com.google.cloud.functions.HttpResponse;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Functions Framework response captured in memory. */
final class NativeResponse implements HttpResponse {
  int status = 200;
  final Map<String, List<String>> headers = new LinkedHashMap<>();
  final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private String contentType;

  @Override
  public void setStatusCode(int code) {
    status = code;
  }

  @Override
  public void setStatusCode(int code, String message) {
    status = code;
  }

  @Override
  public void setContentType(String contentType) {
    this.contentType = contentType;
  }

  @Override
  public Optional<String> getContentType() {
    return Optional.ofNullable(contentType);
  }

  @Override
  public void appendHeader(String header, String value) {
    if (header.equalsIgnoreCase("Content-Type")) {
      contentType = value;
      return;
    }
    headers.computeIfAbsent(header, k -> new ArrayList<>()).add(value);
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    Map<String, List<String>> all = new LinkedHashMap<>(headers);
    if (contentType != null) {
      all.put("Content-Type", List.of(contentType));
    }
    return all;
  }

  @Override
  public OutputStream getOutputStream() {
    return body;
  }

  @Override
  public BufferedWriter getWriter() {
    return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
  }
}
