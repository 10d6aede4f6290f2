package dev.tern.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpMapperTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/api/hello      | api     | /hello",
        "/api            | api     | /",
        "/api/           | api     | /",
        "/apis/hello     | api     | /apis/hello",
        "/hello          | api     | /hello",
        "/v1/api/x       | /v1/api/ | /x",
        "/api/hello      | ''      | /api/hello",
        "/api/hello      | /       | /api/hello",
        "/a              | a/b     | /a",
        "/api/hello      | ' api ' | /hello",
        "/API/hello      | api     | /hello",
        "/V1/Api/x       | /v1/api/ | /x",
        "/APIs/hello     | api     | /APIs/hello",
      })
  void stripsTheRoutePrefixAsAWholeSegment(String path, String prefix, String expected) {
    assertThat(HttpMapper.stripPrefix(path, HttpMapper.routePrefix(prefix))).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void givesTheWorkerOneStatusTypePerCode() {
    assertThat(HttpMapper.status(201).value()).isEqualTo(201);
    assertThat(HttpMapper.status(201)).isSameAs(HttpMapper.status(201));
    assertThat(HttpMapper.status(599).value()).isEqualTo(599);
    assertThat(HttpMapper.status(600).value()).isEqualTo(600);
  }
}
