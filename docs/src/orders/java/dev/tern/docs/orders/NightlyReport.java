package dev.tern.docs.orders;

import dev.tern.Context;
import dev.tern.OnSchedule;
import dev.tern.ScheduleFunction;
import dev.tern.Tick;
import java.util.Map;

// snippet: schedule-nightly-report
@OnSchedule(cron = "0 2 * * *") // every night at 02:00 UTC
public final class NightlyReport implements ScheduleFunction {
  private final OrderBook book;

  public NightlyReport(OrderBook book) { // the app's @CreatesFunctions factory calls it
    this.book = book;
  }

  @Override
  public void handle(Tick tick, Context context) {
    long paid = book.all().stream().filter(o -> o.status().equals("PAID")).count();
    context
        .log()
        .info(
            "nightly report",
            Map.of(
                "dueAt", tick.dueAt().toString(), // 2026-03-10T02:00:00Z
                "late", tick.isLate(),
                "paid", paid));
  }
}
// end snippet
