package dev.tern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a {@link StorageFunction}, the bucket (or container) it watches and what it wants to
 * hear about. The bucket may reference a setting: {@code @OnStorage(bucket = "${UPLOADS}")}.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OnStorage {
  /** The bucket or container name, or a {@code ${SETTING}} reference. */
  String bucket();

  /** The kinds of change delivered. */
  ObjectEvent.Kind[] kinds() default {ObjectEvent.Kind.CREATED};

  /** The function's name; defaults to the class's simple name. */
  String name() default "";
}
