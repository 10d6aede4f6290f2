package dev.tern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a {@link ScheduleFunction} and when it fires, as a portable {@link Cron} expression in
 * UTC: {@code @OnSchedule(cron = "0 2 * * *")} fires every night at 02:00 UTC. Tern translates it
 * to EventBridge, Azure NCRONTAB and Cloud Scheduler syntax.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OnSchedule {
  /** Five fields: minute, hour, day of month, month, day of week. See {@link Cron}. */
  String cron();

  /** The schedule's and function's name; defaults to the class's simple name. */
  String name() default "";
}
