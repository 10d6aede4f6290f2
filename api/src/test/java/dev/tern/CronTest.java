package dev.tern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // portable                  | EventBridge                     | NCRONTAB                  |
        // Cloud Scheduler
        "0 2 * * *                   | cron(0 2 * * ? *)               | 0 0 2 * * *               | 0 2 * * *",
        "*/15 9-17 * * MON-FRI       | cron(*/15 9-17 ? * 2-6 *)       | 0 */15 9-17 * * 1-5       | */15 9-17 * * 1-5",
        "0 0 1 * *                   | cron(0 0 1 * ? *)               | 0 0 0 1 * *               | 0 0 1 * *",
        "30 6 * * SUN                | cron(30 6 ? * 1 *)              | 0 30 6 * * 0              | 30 6 * * 0",
        "0 12 * * 7                  | cron(0 12 ? * 1 *)              | 0 0 12 * * 0              | 0 12 * * 7",
        "0 0 * * 5-7                 | cron(0 0 ? * 1,6-7 *)           | 0 0 0 * * 0,5-6           | 0 0 * * 5-7",
        "0 0 * * sat,sun             | cron(0 0 ? * 1,7 *)             | 0 0 0 * * 0,6             | 0 0 * * 6,0",
        "0 0 * * SUN-SAT             | cron(0 0 ? * 1-7 *)             | 0 0 0 * * 0-6             | 0 0 * * 0-6",
        "0 0 * * 1,3,5               | cron(0 0 ? * 2,4,6 *)           | 0 0 0 * * 1,3,5           | 0 0 * * 1,3,5",
        "0 9 * JAN,jul *             | cron(0 9 * 1,7 ? *)             | 0 0 9 * 1,7 *             | 0 9 * 1,7 *",
        "0 0 1,15 * *                | cron(0 0 1,15 * ? *)            | 0 0 0 1,15 * *            | 0 0 1,15 * *",
        "5 4 */2 * *                 | cron(5 4 */2 * ? *)             | 0 5 4 */2 * *             | 5 4 */2 * *",
        "0-30/10 * * * *             | cron(0-30/10 * * * ? *)         | 0 0-30/10 * * * *         | 0-30/10 * * * *",
        "5/15 * * * *                | cron(5/15 * * * ? *)            | 0 5/15 * * * *            | 5/15 * * * *",
        "0 0 1 JAN-MAR/2 *           | cron(0 0 1 1-3/2 ? *)           | 0 0 0 1 1-3/2 *           | 0 0 1 1-3/2 *",
        "* * * * *                   | cron(* * * * ? *)               | 0 * * * * *               | * * * * *",
        "59 23 31 12 *               | cron(59 23 31 12 ? *)           | 0 59 23 31 12 *           | 59 23 31 12 *",
      })
  void translatesKnownExpressionsForEveryCloud(
      String portable, String eventBridge, String ncrontab, String cloudScheduler) {
    Cron cron = Cron.parse(portable);

    assertThat(cron.toEventBridge()).isEqualTo(eventBridge);
    assertThat(cron.toNcrontab()).isEqualTo(ncrontab);
    assertThat(cron.toCloudScheduler()).isEqualTo(cloudScheduler);
  }

  @Test
  void normalizesWhitespaceAndKeepsTheExpression() {
    Cron cron = Cron.parse("  0   2\t* *  * ");

    assertThat(cron.expression()).isEqualTo("0 2 * * *");
    assertThat(cron).hasToString("0 2 * * *").isEqualTo(Cron.parse("0 2 * * *"));
    assertThat(cron.hashCode()).isEqualTo(Cron.parse("0 2 * * *").hashCode());
  }

  @Test
  void refusesRestrictingBothDayFields() {
    assertThatThrownBy(() -> Cron.parse("0 0 1 * MON"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage(
            "cron \"0 0 1 * MON\": restrict day-of-month or day-of-week, not both: EventBridge cannot express both");
  }

  @Test
  void refusesAStepInDayOfWeek() {
    assertThatThrownBy(() -> Cron.parse("0 0 * * */2"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("day-of-week takes no step (\"*/2\")");
    assertThatThrownBy(() -> Cron.parse("0 0 * * MON-FRI/2"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("day-of-week takes no step");
  }

  @Test
  void refusesAWeekendRangeWrittenBackwards() {
    // SUN is 0: SAT-SUN runs backwards, as in Unix cron; write SAT,SUN or 6-7.
    assertThatThrownBy(() -> Cron.parse("0 0 * * SAT-SUN"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("day-of-week range \"SAT-SUN\" runs backwards");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "60 * * * *          | minute 60 is outside 0-59",
        "0 24 * * *          | hour 24 is outside 0-23",
        "0 0 0 * *           | day-of-month 0 is outside 1-31",
        "0 0 32 * *          | day-of-month 32 is outside 1-31",
        "0 0 * 13 *          | month 13 is outside 1-12",
        "0 0 * 0 *           | month 0 is outside 1-12",
        "0 0 * * 8           | day-of-week 8 is outside 0-7",
        "0 0 * FOO *         | month value \"FOO\" is not a number or name",
        "0 0 * * FUNDAY      | day-of-week value \"FUNDAY\" is not a number or name",
        "Q * * * *           | minute value \"Q\" is not a number",
        "-5 * * * *          | minute value \"\" is not a number",
        "5-1 * * * *         | minute range \"5-1\" runs backwards",
        "*/0 * * * *         | minute step must be at least 1",
        "*/60 * * * *        | minute step 60 is outside 1-59",
        "0 */24 * * *        | hour step 24 is outside 1-23",
        "0 0 */32 * *        | day-of-month step 32 is outside 1-31",
        "0 0 * */13 *        | month step 13 is outside 1-12",
        "*/Q * * * *         | minute step \"Q\" is not a number",
        "1,,2 * * * *        | minute has an empty list item",
        "1, * * * *          | minute has an empty list item",
        "1-2-3 * * * *       | minute value \"2-3\" is not a number",
        "0 0 * * * *         | expected 5 fields",
        "0 0 * *             | expected 5 fields",
        "''                  | found 0",
        "0 ? * * *           | hour value \"?\" is not a number",
        "0 0 L * *           | day-of-month value \"L\" is not a number",
      })
  void refusesMalformedExpressionsNamingTheField(String expression, String message) {
    assertThatThrownBy(() -> Cron.parse(expression))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("cron \"" + expression + "\": ")
        .hasMessageContaining(message);
  }

  @Test
  void refusesDigitsOutsideAscii() {
    // Character.isDigit and Integer.parseInt accept Arabic-Indic and fullwidth digits.
    assertThatThrownBy(() -> Cron.parse("\u0665 * * * *"))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(() -> Cron.parse("0 \uFF12 * * *"))
        .isInstanceOf(InvalidValueException.class);
  }

  @Test
  void rejectsNullWithAMessage() {
    assertThatThrownBy(() -> Cron.parse(null)).hasMessage("expression == null");
  }
}
