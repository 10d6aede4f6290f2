package dev.tern;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A portable cron expression, always in UTC, that every cloud can run.
 *
 * <p>The syntax is the classic five-field Unix cron that Cloud Scheduler uses: {@code minute hour
 * day-of-month month day-of-week}. Each field is {@code *}, a value, a range {@code a-b}, a step
 * {@code *}{@code /n} or {@code a-b/n} (with {@code n} from 1 to the field's largest value), or a
 * comma-separated list of these. Months may be written {@code JAN}–{@code DEC} and days {@code
 * SUN}–{@code SAT}; days are numbered 0–6 from Sunday (7 is Sunday too).
 *
 * <p>Two restrictions make the syntax portable: at most one of day-of-month and day-of-week may be
 * restricted (EventBridge cannot express both), and day-of-week takes no step.
 *
 * <p>Examples: {@code 0 2 * * *} is 02:00 every day; {@code *}{@code /15 9-17 * * MON-FRI} is every
 * quarter hour in office hours; {@code 0 0 1 * *} is midnight on the first of each month. {@code
 * Cron.parse("0 2 * * MON-FRI").toEventBridge()} is {@code cron(0 2 ? * 2-6 *)}.
 *
 * @since 0.1
 */
public final class Cron {
  private static final String[] FIELDS = {"minute", "hour", "day-of-month", "month", "day-of-week"};
  private static final int[] MIN = {0, 0, 1, 1, 0};
  private static final int[] MAX = {59, 23, 31, 12, 7};
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  private final String expression;

  /** Each field with names replaced by numbers, as written otherwise. */
  private final String[] numeric;

  /** The days of week (0–6) the expression allows. */
  private final BitSet days;

  private Cron(String expression, String[] numeric, BitSet days) {
    this.expression = expression;
    this.numeric = numeric;
    this.days = days;
  }

  /**
   * Parses and validates {@code expression}.
   *
   * @throws InvalidValueException naming the field and the value that is wrong
   */
  public static Cron parse(String expression) {
    requireNonNull(expression, "expression == null");
    String[] parts = expression.trim().split("\\s+");
    if (parts.length != 5) {
      throw invalid(
          expression,
          "expected 5 fields (minute hour day-of-month month day-of-week), found "
              + (parts[0].isEmpty() ? 0 : parts.length));
    }
    String[] numeric = new String[5];
    BitSet days = new BitSet(7);
    for (int f = 0; f < 5; f++) {
      numeric[f] =
          parseField(expression, f, parts[f].toUpperCase(Locale.ROOT), f == 4 ? days : null);
    }
    if (!numeric[2].equals("*") && !numeric[4].equals("*")) {
      throw invalid(
          expression,
          "restrict day-of-month or day-of-week, not both: EventBridge cannot express both");
    }
    return new Cron(String.join(" ", parts), numeric, days);
  }

  /** The expression as written, with single spaces. */
  public String expression() {
    return expression;
  }

  /** Cloud Scheduler's unix-cron form (with time zone {@code Etc/UTC}). */
  public String toCloudScheduler() {
    return String.join(" ", numeric);
  }

  /** Azure's six-field NCRONTAB form, seconds first: {@code 0 0 2 * * *}. */
  public String toNcrontab() {
    String dow = numeric[4].equals("*") ? "*" : list(days, 0);
    return "0 " + numeric[0] + " " + numeric[1] + " " + numeric[2] + " " + numeric[3] + " " + dow;
  }

  /**
   * The EventBridge schedule expression: {@code cron(minutes hours day-of-month month day-of-week
   * year)} with days numbered 1–7 from Sunday and {@code ?} in the unrestricted day field.
   */
  public String toEventBridge() {
    String dom = numeric[2];
    String dow = "?";
    if (!numeric[4].equals("*")) {
      dom = "?";
      dow = list(days, 1);
    }
    return "cron("
        + numeric[0]
        + " "
        + numeric[1]
        + " "
        + dom
        + " "
        + numeric[3]
        + " "
        + dow
        + " *)";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cron && ((Cron) other).expression.equals(expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  @Override
  public String toString() {
    return expression;
  }

  private static String parseField(String expression, int f, String field, BitSet days) {
    List<String> out = new ArrayList<>();
    for (String item : field.split(",", -1)) {
      if (item.isEmpty()) {
        throw invalid(expression, FIELDS[f] + " has an empty list item in \"" + field + "\"");
      }
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        if (f == 4) {
          throw invalid(expression, "day-of-week takes no step (\"" + item + "\")");
        }
        range = item.substring(0, slash);
        step = number(expression, f, item.substring(slash + 1), "step");
        if (step < 1) {
          throw invalid(expression, FIELDS[f] + " step must be at least 1 in \"" + item + "\"");
        }
        if (step > MAX[f]) {
          // A step no value can take is refused by Unix cron and Cloud Scheduler alike.
          throw invalid(expression, FIELDS[f] + " step " + step + " is outside 1-" + MAX[f]);
        }
      }
      int lo;
      int hi;
      String rendered;
      if (range.equals("*")) {
        lo = MIN[f];
        hi = f == 4 ? 6 : MAX[f];
        rendered = "*";
      } else {
        int dash = range.indexOf('-');
        lo = value(expression, f, dash < 0 ? range : range.substring(0, dash));
        hi = dash < 0 ? lo : value(expression, f, range.substring(dash + 1));
        if (dash >= 0 && hi < lo) {
          throw invalid(expression, FIELDS[f] + " range \"" + range + "\" runs backwards");
        }
        if (slash >= 0 && dash < 0) {
          hi = MAX[f];
        }
        rendered = dash < 0 ? Integer.toString(lo) : lo + "-" + hi;
      }
      out.add(slash >= 0 ? rendered + "/" + step : rendered);
      if (days != null) {
        for (int d = lo; d <= hi; d += step) {
          days.set(d % 7);
        }
      }
    }
    return String.join(",", out);
  }

  private static int value(String expression, int f, String text) {
    List<String> names = f == 3 ? MONTHS : f == 4 ? DAYS : List.of();
    int named = names.indexOf(text);
    int value = named >= 0 ? named + (f == 3 ? 1 : 0) : number(expression, f, text, "value");
    if (value < MIN[f] || value > MAX[f]) {
      throw invalid(expression, FIELDS[f] + " " + text + " is outside " + MIN[f] + "-" + MAX[f]);
    }
    return value;
  }

  private static int number(String expression, int f, String text, String what) {
    if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw invalid(
          expression,
          FIELDS[f]
              + " "
              + what
              + " \""
              + text
              + "\" is not a number"
              + (f >= 3 ? " or name" : ""));
    }
    return Integer.parseInt(text);
  }

  /** Renders a set of days as a list of ranges, numbered from {@code base} for Sunday. */
  private static String list(BitSet days, int base) {
    StringBuilder out = new StringBuilder();
    int d = days.nextSetBit(0);
    while (d >= 0) {
      int end = d;
      while (end + 1 < 7 && days.get(end + 1)) {
        end++;
      }
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(d + base);
      if (end > d) {
        out.append('-').append(end + base);
      }
      d = days.nextSetBit(end + 1);
    }
    return out.toString();
  }

  private static InvalidValueException invalid(String expression, String why) {
    return new InvalidValueException("cron \"" + expression + "\": " + why);
  }
}
