package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryTest {
  @Test
  void keepsRepeatedKeysInOrder() {
    Query query = Query.parse("expand=items&x=1&expand=customer");

    assertThat(query.all("expand")).containsExactly("items", "customer");
    assertThat(query.first("expand")).contains("items");
    assertThat(query.names()).containsExactly("expand", "x");
  }

  @Test
  void decodesPlusAsSpaceAndEncodedPlusAsPlus() {
    Query query = Query.parse("q=a%2Bb+c");

    assertThat(query.first("q")).contains("a+b c");
  }

  @Test
  void decodesOnlyOnce() {
    assertThat(Query.parse("q=%2541").first("q")).contains("%41");
  }

  @Test
  void decodesNamesToo() {
    assertThat(Query.parse("first+name=Ada&a%26b=1").asMap()).containsOnlyKeys("first name", "a&b");
  }

  @Test
  void decodesUtf8Escapes() {
    assertThat(Query.parse("city=M%C3%BCnchen&emoji=%F0%9F%90%A6").first("city"))
        .contains("München");
    assertThat(Query.parse("emoji=%F0%9F%90%A6").first("emoji")).contains("\uD83D\uDC26");
  }

  @Test
  void keepsEmptyValuesAndKeysWithoutEquals() {
    Query query = Query.parse("a=&b&c=1&a=2");

    assertThat(query.all("a")).containsExactly("", "2");
    assertThat(query.first("b")).contains("");
    assertThat(query.first("c")).contains("1");
  }

  @Test
  void skipsEmptyPairs() {
    assertThat(Query.parse("&&a=1&&").asMap()).containsExactly(Map.entry("a", List.of("1")));
  }

  @Test
  void splitsAtTheFirstEqualsOnly() {
    assertThat(Query.parse("token=a=b==").first("token")).contains("a=b==");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "q=100%     | 100%",
        "q=%zz      | %zz",
        "q=%4       | %4",
        "q=a%       | a%",
        "q=%%41     | %A",
        "q=%G1+x    | %G1 x",
      })
  void keepsMalformedEscapesLiterally(String raw, String expected) {
    assertThat(Query.parse(raw).first("q")).contains(expected);
  }

  @Test
  void keepsEscapesWithNonAsciiDigitsLiterally() {
    // Fullwidth and Arabic-Indic digits are digits to Character.digit, but not hex digits in a URL.
    assertThat(Query.parse("q=%\uFF12\uFF10").first("q")).contains("%\uFF12\uFF10");
    assertThat(Query.parse("q=%\u0664\u0661").first("q")).contains("%\u0664\u0661");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "name=Ada                  | name  | Ada",
        "first+name=Ada            | first name | Ada",
        "name=Ada+Lovelace         | name  | Ada Lovelace",
        "a%3Db=c%26d               | a=b   | c&d",
        "x=1&q%21=plain            | q!    | plain",
        "x=1&plain=100%25&y        | plain | 100%",
        "k=a=b+c                   | k     | a=b c",
        "k+%2B=%2B+                | k +   | '+ '",
      })
  void decodesEachSideOfAPairOnlyWhenItHasAnEscape(String raw, String name, String value) {
    assertThat(Query.parse(raw).first(name)).contains(value);
  }

  @Test
  void keepsAnUnencodedSideAsItArrivedNextToAnEncodedOne() {
    Query query = Query.parse("a+b=plain&plain=a+b&=v&k=&%41");

    assertThat(query.asMap())
        .containsExactly(
            Map.entry("a b", List.of("plain")),
            Map.entry("plain", List.of("a b")),
            Map.entry("", List.of("v")),
            Map.entry("k", List.of("")),
            Map.entry("A", List.of("")));
  }

  @Test
  void keepsTheRawQuery() {
    Query query = Query.parse("q=a%2Bb+c&x");

    assertThat(query.raw()).isEqualTo("q=a%2Bb+c&x");
    assertThat(query).hasToString("q=a%2Bb+c&x");
  }

  @Test
  void emptyRawQueryIsTheEmptyQuery() {
    assertThat(Query.parse("").isEmpty()).isTrue();
    assertThat(Query.parse("")).isEqualTo(Query.of());
    assertThat(Query.of().raw()).isEmpty();
  }

  @Test
  void buildsFromDecodedValuesAndEncodesThemOnce() {
    Map<String, List<String>> decoded = new LinkedHashMap<>();
    decoded.put("q", List.of("a+b c"));
    decoded.put("name", List.of("Ada", "Grace & Co"));
    Query query = Query.of(decoded);

    assertThat(query.raw()).isEqualTo("q=a%2Bb+c&name=Ada&name=Grace+%26+Co");
    assertThat(Query.parse(query.raw())).isEqualTo(query);
  }

  @Test
  void isImmutable() {
    Query query = Query.parse("a=1");

    assertThatThrownBy(() -> query.all("a").add("2"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> query.asMap().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> query.names().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void copiesTheMapItIsBuiltFrom() {
    Map<String, List<String>> decoded = new LinkedHashMap<>();
    decoded.put("a", new java.util.ArrayList<>(List.of("1")));
    Query query = Query.of(decoded);
    decoded.get("a").add("2");
    decoded.put("b", List.of("3"));

    assertThat(query.asMap()).containsExactly(Map.entry("a", List.of("1")));
  }

  @Test
  void refusesANullNameValueOrListNamingIt() {
    Map<String, List<String>> nullName = new java.util.HashMap<>();
    nullName.put(null, List.of("1"));
    Map<String, List<String>> nullList = new java.util.HashMap<>();
    nullList.put("a", null);
    Map<String, List<String>> nullValue = new java.util.HashMap<>();
    nullValue.put("a", java.util.Arrays.asList("1", null));

    assertThatThrownBy(() -> Query.of(nullName))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("query: null key");
    assertThatThrownBy(() -> Query.of(nullList))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("query: null value for key \"a\"");
    assertThatThrownBy(() -> Query.of(nullValue))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("query: null element at index 1 of key \"a\"");
  }

  @Test
  void rejectsNullArgumentsWithAMessage() {
    assertThatThrownBy(() -> Query.parse(null)).hasMessage("rawQuery == null");
    assertThatThrownBy(() -> Query.of(null)).hasMessage("decoded == null");
    assertThatThrownBy(() -> Query.of().first(null)).hasMessage("name == null");
    assertThatThrownBy(() -> Query.of().all(null)).hasMessage("name == null");
  }

  @Test
  void equalityIgnoresTheOrderOfNamesButNotOfValues() {
    assertThat(Query.parse("a=1&b=2&a=3"))
        .isEqualTo(Query.parse("b=2&a=1&a=3"))
        .hasSameHashCodeAs(Query.parse("b=2&a=1&a=3"));
    assertThat(Query.parse("a=1&a=3")).isNotEqualTo(Query.parse("a=3&a=1"));
  }

  @Test
  void keepsTheRawFormOfAQueryWithOnlyEmptyPairs() {
    Query query = Query.parse("&&");

    assertThat(query.isEmpty()).isTrue();
    assertThat(query.raw()).isEqualTo("&&");
    assertThat(query.asMap()).isEmpty();
  }

  @Test
  void keepsEveryPairOfALongQueryInOrder() {
    StringBuilder raw = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      raw.append(i % 3 == 0 ? "k%20" : "k").append(i).append(i % 2 == 0 ? "=v+" : "=v").append(i);
      raw.append(i == 4 ? "&&" : "&");
    }
    raw.append("last");

    Query query = Query.parse(raw.toString());

    assertThat(query.names())
        .containsExactly("k 0", "k1", "k2", "k 3", "k4", "k5", "k 6", "k7", "k8", "last");
    assertThat(query.first("k 0")).contains("v 0");
    assertThat(query.first("k1")).contains("v1");
    assertThat(query.first("k8")).contains("v 8");
    assertThat(query.first("last")).contains("");
    assertThat(query.raw()).isEqualTo(raw.toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "name=Ada&name=Grace            | name",
        "first+name=Ada&first%20name=x  | first name",
        "a%3Db=c%26d&a=b=1              | a=b",
        "a=b=1&a%3Db=c%26d              | a",
        "&&q=100%&&                     | q",
        "q&q=1                          | q",
        "x=%zz+%F0%9F%90%A6&x=2         | x",
        "%41=1&A=2                      | A",
        "k=1&kk=2&k=3                   | kk",
        "k=1&kk=2                       | missing",
        "na=1&name=2                    | name",
        "namex=1&name=2                 | name",
      })
  void findsTheFirstValueAsTheSplitQueryHasIt(String raw, String name) {
    Query unsplit = Query.parse(raw);
    Query split = Query.parse(raw);
    List<String> all = split.all(name); // splits it

    assertThat(unsplit.first(name))
        .isEqualTo(all.isEmpty() ? Optional.empty() : Optional.of(all.get(0)));
    assertThat(split.first(name)).isEqualTo(unsplit.first(name));
    assertThat(unsplit.isEmpty()).isEqualTo(split.isEmpty());
  }

  @Test
  void tellsAQueryWithAPairFromOneWithOnlyAmpersandsBeforeSplittingIt() {
    assertThat(Query.parse("&&&").isEmpty()).isTrue();
    assertThat(Query.parse("&&=&").isEmpty()).isFalse();
    assertThat(Query.parse("&a").isEmpty()).isFalse();
  }

  @Test
  void threadsReadingAQueryFirstAllSeeTheSameValues() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 200; round++) {
        String last = String.valueOf(round);
        Query query = Query.parse("a=1&b=x+y&a=2&c=%41&" + last);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Object>>> reads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          int thread = t;
          reads.add(
              pool.submit(
                  () -> {
                    start.await();
                    List<Object> seen = new ArrayList<>();
                    if (thread % 2 == 0) {
                      seen.add(query.asMap());
                    }
                    seen.add(query.first("a"));
                    seen.add(query.all("a"));
                    seen.add(query.first("b"));
                    seen.add(query.names());
                    seen.add(query.first(last));
                    if (thread % 2 == 1) {
                      seen.add(0, query.asMap());
                    }
                    return seen;
                  }));
        }
        start.countDown();
        List<Object> expected =
            List.of(
                Map.of(
                    "a",
                    List.of("1", "2"),
                    "b",
                    List.of("x y"),
                    "c",
                    List.of("A"),
                    last,
                    List.of("")),
                Optional.of("1"),
                List.of("1", "2"),
                Optional.of("x y"),
                Set.of("a", "b", "c", last),
                Optional.of(""));
        for (Future<List<Object>> read : reads) {
          assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
