package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForwardedForTest {
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
        "10.0.0.1, :8080               | ",
        "10.0.0.1, [2001:db8::1        | ",
        "10.0.0.1, []:443              | ",
        "''                            | ",
        "','                           | ",
        "' 203.0.113.7:80 '            | 203.0.113.7",
        "10.0.0.1:1, 2001:db8::1 ,     | 2001:db8::1",
        "10.0.0.1:1,203.0.113.7        | 203.0.113.7",
        "2001:db8::1:80, host:8080     | host",
        "10.0.0.1, a:b:c               | a:b:c",
        "10.0.0.1, 203.0.113.7:        | 203.0.113.7",
        "[2001:db8::1]:443,            | 2001:db8::1",
        "':'                           | ",
      })
  void takesTheLastForwardedAddressWithoutPort(String forwarded, String expected) {
    assertThat(ForwardedFor.lastAddress(forwarded)).isEqualTo(expected);
  }
}
