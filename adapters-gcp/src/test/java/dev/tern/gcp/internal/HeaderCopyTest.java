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
    map.put("x-cloudscheduler", List.of("true"));
    String[] noted = new String[HttpAdapter.NOTED];

    Headers headers = HttpAdapter.headers(map, noted);

    assertThat(noted).containsExactly("t1", "c1", "e1", "application/json", "true");
    assertThat(headers).isEqualTo(Headers.of(map));
    assertThat(headers.all("traceparent")).containsExactly("t1", "t2", "t3");
  }

  @Test
  void notesNothingAbsentAndCopiesAnEmptyMap() {
    String[] noted = new String[HttpAdapter.NOTED];

    assertThat(HttpAdapter.headers(Map.of(), noted)).isEqualTo(Headers.of());
    assertThat(noted).containsOnlyNulls();
  }

  @Test
  void refusesWhatHeadersRefuseWhenTheHeadersAreRead() {
    Map<String, List<String>> nullName = new LinkedHashMap<>();
    nullName.put(null, List.of("v"));
    for (Map<String, List<String>> map :
        List.of(
            Map.of("Bad Name", List.of("v")),
            Map.of("Ümlaut", List.of("v")),
            Map.of("traceparent", List.of("a\r\nb")),
            Map.of("Content-Type", List.of("a\0b")),
            nullName)) {
      Headers headers = HttpAdapter.headers(map, new String[HttpAdapter.NOTED]);

      assertThatThrownBy(headers::isEmpty)
          .as(String.valueOf(map))
          .isInstanceOfSatisfying(
              InvalidValueException.class, e -> assertThat(e.isAbout(headers)).isTrue());
    }
  }
}
