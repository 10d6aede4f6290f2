package dev.tern.samples.orders;

import static java.util.Objects.requireNonNull;

import dev.tern.Context;
import dev.tern.OnSchedule;
import dev.tern.ScheduleFunction;
import dev.tern.Tick;
import java.util.Map;

/** Every night at 02:00 UTC, logs how many orders are open and how many are paid. */
@OnSchedule(cron = "0 2 * * *")
public final class NightlyReport implements ScheduleFunction {
  private final OrderBook book;

  /** Created by {@link OrdersApp}, which hands every function the deployment's book. */
  public NightlyReport(OrderBook book) {
    this.book = requireNonNull(book, "book == null");
  }

  @Override
  public void handle(Tick tick, Context context) {
    long paid = book.all().stream().filter(o -> o.status().equals("PAID")).count();
    context
        .log()
        .info(
            "nightly report",
            Map.of(
                "dueAt", tick.dueAt().toString(),
                "late", tick.isLate(),
                "orders", book.all().size(),
                "paid", paid));
  }
}
