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
 * <p>On AWS and GCP the rule or job that fires the function is created outside Tern, and a tick
 * reaches the function whose {@link #source()} its native name matches: the EventBridge rule (the
 * last segment of {@code resources[0]}), the Cloud Scheduler job ({@code X-CloudScheduler-JobName})
 * or the Pub/Sub topic the job publishes to. By default that is the function's name; a rule that
 * SAM named {@code orders-NightlyReportSchedule-1X2Y3Z} reaches {@code @OnSchedule(cron = "0 2 * *
 * *", source = "orders-NightlyReportSchedule-1X2Y3Z")}, and {@code source = "${NIGHTLY_JOB}"} lets
 * each environment name its own. Azure's timer entries are generated per function, so there the
 * source is not used.
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

  /**
   * The native rule, job or topic that fires the function, or a {@code ${SETTING}} reference;
   * defaults to the function's name. Matched like other sources: equal, or the last segment of an
   * ARN or resource path.
   */
  String source() default "";
}
