package dev.tern.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.functions.HttpRequest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadBodyTest {
  @ParameterizedTest
  @CsvSource({
    "0, -1",
    "0, 0",
    "0, 10",
    "1, -1",
    "1, 1",
    "1, 0",
    "100, 100",
    "100, 10",
    "100, 1000",
    "8192, -1",
    "8193, -1",
    "70000, 70000",
    "70000, 100",
    "200000, -1",
  })
  void readsTheWholeBodyWhateverLengthWasDeclared(int size, long declared) throws Exception {
    byte[] body = new byte[size];
    new Random(size).nextBytes(body);

    assertThat(HttpAdapter.readBody(new Request(body, declared))).isEqualTo(body);
  }

  @Test
  void refusesBodiesOverTheLimit() throws Exception {
    byte[] body = new byte[HttpAdapter.MAX_BODY + 1];

    assertThat(HttpAdapter.readBody(new Request(body, -1))).isNull();
    assertThat(HttpAdapter.readBody(new Request(body, body.length))).isNull();
    assertThat(HttpAdapter.readBody(new Request(new byte[HttpAdapter.MAX_BODY], -1)))
        .hasSize(HttpAdapter.MAX_BODY);
  }

  /** A request whose stream hands out at most 1000 bytes per read, as a network stream may. */
  private static final class Request implements HttpRequest {
    private final byte[] body;
    private final long declared;

    Request(byte[] body, long declared) {
      this.body = body;
      this.declared = declared;
    }

    @Override
    public InputStream getInputStream() {
      return new ByteArrayInputStream(body) {
        @Override
        public synchronized int read(byte[] b, int off, int len) {
          return super.read(b, off, Math.min(len, 1000));
        }
      };
    }

    @Override
    public long getContentLength() {
      return declared;
    }

    @Override
    public String getMethod() {
      return "POST";
    }

    @Override
    public String getUri() {
      return "https://h/";
    }

    @Override
    public String getPath() {
      return "/";
    }

    @Override
    public Optional<String> getQuery() {
      return Optional.empty();
    }

    @Override
    public Map<String, List<String>> getQueryParameters() {
      return Map.of();
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
    public Optional<String> getCharacterEncoding() {
      return Optional.empty();
    }

    @Override
    public BufferedReader getReader() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return Map.of();
    }
  }
}
