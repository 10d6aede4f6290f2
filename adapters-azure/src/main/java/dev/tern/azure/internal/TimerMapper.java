package dev.tern.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.Tick;
import dev.tern.UndecodablePayloadException;
import java.time.Instant;

/**
 * Maps the timer trigger's {@code TimerInfo} JSON to a {@link Tick}. The Java worker binds it as a
 * string in PascalCase: {@code {"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":…,
 * "Next":…,"LastUpdated":…},"IsPastDue":false}}
 * (https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#usage). Keys are read
 * in any case. {@code ScheduleStatus} is null when schedule monitoring is off; {@code Next} is the
 * occurrence that triggered this run.
 */
public final class TimerMapper {
  private TimerMapper() {}

  public static Tick tick(String timerInfo, String name, Instant now) {
    String what = "timer trigger TimerInfo of " + name;
    JsonNode root = Json.object(Json.parse(timerInfo, what), what);
    JsonNode pastDue = Json.field(root, "IsPastDue");
    if (pastDue == null || !pastDue.isBoolean()) {
      throw new UndecodablePayloadException("azure: " + what + " has no boolean \"IsPastDue\"");
    }
    JsonNode status = Json.field(root, "ScheduleStatus");
    Instant due = null;
    if (status != null && !status.isNull()) {
      Json.object(status, what + " ScheduleStatus");
      due =
          Json.time(
              Json.text(status, "Next", what + " ScheduleStatus"), what + " ScheduleStatus.Next");
    }
    return Tick.of(name, due == null ? now : due, now, pastDue.booleanValue(), timerInfo);
  }
}
