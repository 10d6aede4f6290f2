package dev.tern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an {@link HttpFunction} and the requests it serves.
 *
 * <p>A route is a path template: literal segments and {@code {name}} parameters, with an optional
 * greedy last parameter {@code {name+}} that matches the rest of the path. {@code /orders/{id}}
 * matches {@code /orders/42}; {@code /files/{path+}} matches {@code /files/a/b.txt}. A trailing
 * slash on the request is ignored; empty, {@code .} and {@code ..} segments never match, and a
 * greedy parameter never matches an encoded slash ({@code %2F}) inside a segment. Parameters are
 * decoded, client-supplied text: check them before using them as file names.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OnHttp {
  /** The route template, starting with {@code /}. */
  String route();

  /** The methods served, such as {@code {"GET", "POST"}}; empty serves every method. */
  String[] methods() default {};

  /** The function's name; defaults to the class's simple name. */
  String name() default "";
}
