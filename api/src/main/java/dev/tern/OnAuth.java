package dev.tern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an {@link AuthFunction} and the identity moments it takes part in:
 * {@code @OnAuth(AuthMoment.BEFORE_SIGN_UP)}.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OnAuth {
  AuthMoment[] value();

  /** The function's name; defaults to the class's simple name. */
  String name() default "";
}
