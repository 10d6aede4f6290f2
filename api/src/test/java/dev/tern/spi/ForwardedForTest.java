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

  @org.junit.jupiter.api.Test
  void aLastHopWithSpaceOrControlCharactersInsideHoldsNoAddress() {
    for (String header :
        new String[] {
          "1.2.3.4\r\nx: y",
          "10.0.0.1, 203.0.113\0.7",
          "10.0.0.1, 203.0 .113.7",
          "[2001:db8::\n1]:443",
          "203.0.113.\u007f7"
        }) {
      assertThat(ForwardedFor.lastAddress(header)).as(header).isNull();
    }
    assertThat(ForwardedFor.lastAddress("\r\n203.0.113.7\t")).isEqualTo("203.0.113.7");
  }

  @org.junit.jupiter.api.Test
  void theDeferredLastAddressReadsTheSameAddress() {
    assertThat(ForwardedFor.deferredLastAddress("10.0.0.1, 203.0.113.7:443").get())
        .isEqualTo("203.0.113.7");
    assertThat(ForwardedFor.deferredLastAddress("10.0.0.1,,").get()).isEqualTo("10.0.0.1");
    assertThat(ForwardedFor.deferredLastAddress(",").get()).isNull();
  }
}
