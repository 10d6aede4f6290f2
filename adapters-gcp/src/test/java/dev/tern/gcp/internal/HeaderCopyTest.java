package dev.tern.gcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.Headers;
import dev.tern.InvalidValueException;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderCopyTest {
  @Test
  void notesTheFirstValueOfEachHeaderItReadsWhateverTheSpelling() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    map.put("TRACEPARENT", List.of());
    map.put("Traceparent", new LinkedList<>(List.of("t1", "t2")));
    map.put("traceparent", List.of("t3"));
    map.put("x-cloud-trace-context", List.of("c1"));
    map.put("FUNCTION-EXECUTION-ID", List.of("e1"));
    map.put("Content-Type", List.of("application/json"));
    map.put("content-type", List.of("text/plain"));
    map.put("X-Other-Header-Name-1", List.of("o"));
    String[] noted = new String[4];

    Headers headers = HttpAdapter.headers(map, noted);

    assertThat(noted).containsExactly("t1", "c1", "e1", "application/json");
    assertThat(headers).isEqualTo(Headers.of(map));
    assertThat(headers.all("traceparent")).containsExactly("t1", "t2", "t3");
  }

  @Test
  void notesNothingAbsentAndCopiesAnEmptyMap() {
    String[] noted = new String[4];

    assertThat(HttpAdapter.headers(Map.of(), noted)).isEqualTo(Headers.of());
    assertThat(noted).containsOnlyNulls();
  }

  @Test
  void refusesWhatHeadersRefuse() {
    for (Map<String, List<String>> map :
        List.of(
            Map.of("Bad Name", List.of("v")),
            Map.of("Ümlaut", List.of("v")),
            Map.of("traceparent", List.of("a\r\nb")),
            Map.of("Content-Type", List.of("a\0b")))) {
      assertThatThrownBy(() -> HttpAdapter.headers(map, new String[4]))
          .as(map.toString())
          .isInstanceOf(InvalidValueException.class);
    }
  }
}
