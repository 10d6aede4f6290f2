package dev.tern.gcp;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Small in-memory implementations of the Functions Framework's request, response and CloudEvent.
 */
final class Fakes {
  private Fakes() {}

  static Request request(String method, String uri) {
    return new Request(method, uri);
  }

  static final class Request implements HttpRequest {
    private final String method;
    private final String path;
    private final String query;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private byte[] body = new byte[0];
    private boolean streamTaken;

    Request(String method, String uri) {
      this.method = method;
      int q = uri.indexOf('?');
      this.path = q < 0 ? uri : uri.substring(0, q);
      this.query = q < 0 ? null : uri.substring(q + 1);
    }

    Request header(String name, String value) {
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    Request body(byte[] body, String contentType) {
      this.body = body.clone();
      if (contentType != null) {
        header("Content-Type", contentType);
      }
      return this;
    }

    Request body(String text, String contentType) {
      return body(text.getBytes(StandardCharsets.UTF_8), contentType);
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

    /** Invoker 1.4.x merges form fields here and consumes the body, so Tern must not call it. */
    @Override
    public Map<String, List<String>> getQueryParameters() {
      throw new AssertionError("getQueryParameters() must not be used");
    }

    @Override
    public Map<String, HttpPart> getParts() {
      throw new AssertionError("getParts() must not be used");
    }

    @Override
    public Optional<String> getContentType() {
      return Optional.ofNullable(headers.get("Content-Type")).map(l -> l.get(0));
    }

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public Optional<String> getCharacterEncoding() {
      return Optional.empty();
    }

    @Override
    public InputStream getInputStream() {
      if (streamTaken) {
        throw new AssertionError("body read twice");
      }
      streamTaken = true;
      return new ByteArrayInputStream(body);
    }

    @Override
    public BufferedReader getReader() {
      throw new AssertionError("getReader() must not be used");
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return headers;
    }
  }

  static final class Response implements HttpResponse {
    int status = 200;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

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
      headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
    }

    @Override
    public Optional<String> getContentType() {
      return Optional.ofNullable(headers.get("Content-Type")).map(l -> l.get(0));
    }

    @Override
    public void appendHeader(String header, String value) {
      headers.computeIfAbsent(header, k -> new ArrayList<>()).add(value);
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
      return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    }

    byte[] bytes() {
      return body.toByteArray();
    }

    String text() {
      return body.toString(StandardCharsets.UTF_8);
    }

    List<String> header(String name) {
      return headers.getOrDefault(name, List.of());
    }
  }

  static Event event(String type, String source, String id) {
    return new Event(type, source, id);
  }

  static final class Event implements CloudEvent {
    private final String type;
    private final URI source;
    private final String id;
    private String subject;
    private OffsetDateTime time;
    private String dataContentType = "application/json";
    private byte[] data;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    Event(String type, String source, String id) {
      this.type = type;
      this.source = source == null ? null : URI.create(source);
      this.id = id;
    }

    Event subject(String subject) {
      this.subject = subject;
      return this;
    }

    Event time(String time) {
      this.time = OffsetDateTime.parse(time);
      return this;
    }

    Event data(String json) {
      this.data = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    Event data(byte[] bytes) {
      this.data = bytes;
      return this;
    }

    Event extension(String name, Object value) {
      extensions.put(name, value);
      return this;
    }

    @Override
    public CloudEventData getData() {
      byte[] copy = data;
      return copy == null ? null : () -> copy.clone();
    }

    @Override
    public SpecVersion getSpecVersion() {
      return SpecVersion.V1;
    }

    @Override
    public String getId() {
      return id;
    }

    @Override
    public String getType() {
      return type;
    }

    @Override
    public URI getSource() {
      return source;
    }

    @Override
    public String getDataContentType() {
      return dataContentType;
    }

    @Override
    public URI getDataSchema() {
      return null;
    }

    @Override
    public String getSubject() {
      return subject;
    }

    @Override
    public OffsetDateTime getTime() {
      return time;
    }

    @Override
    public Object getAttribute(String name) {
      switch (name) {
        case "id":
          return id;
        case "type":
          return type;
        case "source":
          return source;
        case "subject":
          return subject;
        case "time":
          return time;
        case "datacontenttype":
          return dataContentType;
        case "specversion":
          return SpecVersion.V1;
        default:
          throw new IllegalArgumentException(name);
      }
    }

    @Override
    public Object getExtension(String name) {
      return extensions.get(name);
    }

    @Override
    public Set<String> getExtensionNames() {
      return extensions.keySet();
    }
  }
}
