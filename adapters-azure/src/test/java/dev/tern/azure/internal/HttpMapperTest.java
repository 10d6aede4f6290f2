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
      })
  void stripsTheRoutePrefixAsAWholeSegment(String path, String prefix, String expected) {
    assertThat(HttpMapper.stripPrefix(path, prefix)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "203.0.113.7                   | 203.0.113.7",
        "10.0.0.1, 203.0.113.7:51234   | 203.0.113.7",
        "10.0.0.1, [2001:db8::1]:443   | 2001:db8::1",
        "10.0.0.1, 2001:db8::1         | 2001:db8::1",
        "203.0.113.7,,                 | 203.0.113.7",
        "',,'                          | ",
        "'10.0.0.1, '                  | ",
        "' 10.0.0.1 ,  203.0.113.7  '  | 203.0.113.7",
        "10.0.0.1, :8080               | :8080",
        "10.0.0.1, [2001:db8::1        | ",
        "10.0.0.1, []:443              | ''",
      })
  void takesTheLastForwardedAddressWithoutPort(String forwarded, String expected) {
    assertThat(HttpMapper.clientIp(forwarded)).isEqualTo(expected);
  }
}
