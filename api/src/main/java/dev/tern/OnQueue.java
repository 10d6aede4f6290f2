package dev.tern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a {@link QueueFunction} and the queue or topic it consumes.
 *
 * <p>The name is logical: the SQS queue or SNS topic name, the Azure queue, Service Bus queue or
 * topic, the Pub/Sub topic. It may reference a setting, {@code @OnQueue("${ORDERS_QUEUE}")}, so
 * each environment names its own queue.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OnQueue {
  /** The queue or topic name, or a {@code ${SETTING}} reference. */
  String value();

  /** The function's name; defaults to the class's simple name. */
  String name() default "";
}
