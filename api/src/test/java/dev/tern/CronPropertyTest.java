package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Checks {@link Cron} against cron-utils, an independent implementation: the portable syntax
 * accepts what Unix cron accepts, less the two portable restrictions, and each cloud's translation
 * fires at the same instants as the original. EventBridge's form is evaluated as Quartz (its
 * ancestor: seconds added, days 1–7 from Sunday, {@code ?}) and NCRONTAB's as Spring (six fields,
 * seconds first, days 0–7 from Sunday).
 */
class CronPropertyTest {
  private static final CronParser UNIX = parser(CronType.UNIX);
  private static final CronParser QUARTZ = parser(CronType.QUARTZ);
  private static final CronParser SPRING = parser(CronType.SPRING);

  private static final ZonedDateTime[] STARTS = {
    ZonedDateTime.of(
        2024, 2, 27, 22, 59, 0, 0, ZoneOffset.UTC), // leap February, month and day ends
    ZonedDateTime.of(2025, 12, 31, 23, 30, 0, 0, ZoneOffset.UTC), // year end
  };
  private static final int FIRINGS = 8;

  private static CronParser parser(CronType type) {
    return new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type));
  }

  @Property(tries = 300)
  void acceptsWhatUnixCronAcceptsWithinThePortableRestrictions(
      @ForAll("expressions") String[] fields) {
    String expression = String.join(" ", fields);
    boolean portable = fields[2].equals("*") || fields[4].equals("*");
    portable &= !fields[4].contains("/");

    boolean tern = parses(expression);
    Statistics.label("outcome").collect(!portable ? "not portable" : tern ? "accepted" : "refused");
    Statistics.label("outcome")
        .coverage(
            check -> {
              check.check("accepted").percentage(p -> p > 15);
              check.check("refused").percentage(p -> p > 10);
              check.check("not portable").percentage(p -> p > 5);
            });

    if (!portable) {
      assertThat(tern).as("%s breaks a portable restriction", expression).isFalse();
    } else {
      assertThat(tern)
          .as("Cron.parse(\"%s\") agrees with Unix cron", expression)
          .isEqualTo(unixAccepts(expression));
    }
  }

  @Property(tries = 150)
  void translationsFireWhenTheOriginalFires(@ForAll("expressions") String[] fields) {
    String expression = String.join(" ", fields);
    boolean accepted = parses(expression);
    Statistics.label("translated").collect(accepted);
    Statistics.label("translated").coverage(check -> check.check(true).percentage(p -> p > 20));
    if (!accepted) {
      return; // the acceptance property covers refusals
    }
    Cron cron = Cron.parse(expression);
    String eventBridge = cron.toEventBridge();
    String quartz = "0 " + eventBridge.substring("cron(".length(), eventBridge.length() - 1);

    for (ZonedDateTime start : STARTS) {
      List<ZonedDateTime> expected = firings(UNIX, expression, start);

      assertThat(firings(QUARTZ, quartz, start))
          .as("EventBridge %s for %s", eventBridge, expression)
          .isEqualTo(expected);
      assertThat(firings(SPRING, cron.toNcrontab(), start))
          .as("NCRONTAB %s for %s", cron.toNcrontab(), expression)
          .isEqualTo(expected);
      assertThat(firings(UNIX, cron.toCloudScheduler(), start))
          .as("Cloud Scheduler %s for %s", cron.toCloudScheduler(), expression)
          .isEqualTo(expected);
    }
  }

  private static boolean parses(String expression) {
    try {
      Cron.parse(expression);
      return true;
    } catch (InvalidValueException e) {
      return false;
    }
  }

  private static boolean unixAccepts(String expression) {
    try {
      UNIX.parse(expression).validate();
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<ZonedDateTime> firings(
      CronParser parser, String expression, ZonedDateTime start) {
    ExecutionTime time;
    try {
      time = ExecutionTime.forCron(parser.parse(expression));
    } catch (IllegalArgumentException e) {
      throw new AssertionError(
          "cron-utils cannot read \"" + expression + "\": " + e.getMessage(), e);
    }
    ZonedDateTime horizon = start.plusYears(2);
    List<ZonedDateTime> out = new ArrayList<>();
    ZonedDateTime at = start;
    while (out.size() < FIRINGS) {
      Optional<ZonedDateTime> next = time.nextExecution(at);
      if (next.isEmpty() || next.get().isAfter(horizon)) {
        break;
      }
      at = next.get();
      out.add(at);
    }
    return out;
  }

  // ---- generators ---------------------------------------------------------------------------

  @Provide
  Arbitrary<String[]> expressions() {
    Arbitrary<String> dayOfMonth = field(1, 31, List.of());
    // No SUN: cron-utils reads it as 7, so SUN-0 is backwards there; Unix cron and Tern read 0.
    Arbitrary<String> dayOfWeek = field(0, 7, List.of("MON", "tue", "WED", "THU", "FRI", "SAT"));
    return Combinators.combine(
            field(0, 59, List.of()),
            field(0, 23, List.of()),
            Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("*")), Tuple.of(2, dayOfMonth)),
            field(1, 12, List.of("JAN", "feb", "MAR", "JUN", "Dec")),
            Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("*")), Tuple.of(2, dayOfWeek)))
        .as((m, h, dom, mon, dow) -> new String[] {m, h, dom, mon, dow});
  }

  /**
   * One field: a list of one to three items, each {@code *}, a value, a range or a step. Values and
   * steps now and then fall one past the valid bounds, and ranges now and then run backwards, so
   * refusals are generated too.
   */
  private static Arbitrary<String> field(int min, int max, List<String> names) {
    Arbitrary<Integer> valid = Arbitraries.integers().between(min, max);
    Arbitrary<String> number =
        Arbitraries.frequencyOf(
                Tuple.of(12, valid), Tuple.of(1, Arbitraries.of(Math.max(0, min - 1), max + 1)))
            .map(String::valueOf);
    Arbitrary<String> value =
        names.isEmpty()
            ? number
            : Arbitraries.frequencyOf(Tuple.of(3, number), Tuple.of(1, Arbitraries.of(names)));
    Arbitrary<String> range =
        Arbitraries.frequencyOf(
            Tuple.of(
                4,
                Combinators.combine(valid, valid)
                    .as((a, b) -> Math.min(a, b) + "-" + Math.max(a, b))),
            Tuple.of(1, Combinators.combine(value, value).as((a, b) -> a + "-" + b)));
    Arbitrary<String> step =
        Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(1, max)),
                Tuple.of(1, Arbitraries.of(0, max + 1)))
            .map(String::valueOf);
    Arbitrary<String> item =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just("*")),
            Tuple.of(4, value),
            Tuple.of(3, range),
            Tuple.of(2, step.map(n -> "*/" + n)),
            Tuple.of(2, Combinators.combine(range, step).as((r, n) -> r + "/" + n)),
            Tuple.of(1, Combinators.combine(value, step).as((v, n) -> v + "/" + n)));
    return item.list().ofMinSize(1).ofMaxSize(3).map(items -> String.join(",", items));
  }
}
