package dev.tern.benchmarks.handlers;

import com.google.cloud.functions.HttpResponse;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the Functions Framework gives an {@code HttpFunction} to answer with, kept in memory. */
public final class GcpResponse implements HttpResponse {
  private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private int status = 200;
  private String contentType;
  private BufferedWriter writer;

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
    headers.computeIfAbsent(header, h -> new ArrayList<>()).add(value);
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return headers;
  }

  @Override
  public OutputStream getOutputStream() {
    return body;
  }

  @Override
  public BufferedWriter getWriter() {
    if (writer == null) {
      writer = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    }
    return writer;
  }

  public int status() {
    return status;
  }

  /**
   * Serves {@code GET /hello?name=Ada} ({@link GcpRequest}) with {@code function}, as the invoker
   * would call it, and returns the body it wrote: what the cold-start shims do on each call.
   */
  public static byte[] serve(com.google.cloud.functions.HttpFunction function)
      throws java.io.IOException {
    GcpResponse response = new GcpResponse();
    try {
      function.service(new GcpRequest(), response);
    } catch (java.io.IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new java.io.IOException(e);
    }
    return response.body();
  }

  /** The body written so far, flushing the writer if one was used. */
  public byte[] body() throws java.io.IOException {
    if (writer != null) {
      writer.flush();
    }
    return body.toByteArray();
  }
}
