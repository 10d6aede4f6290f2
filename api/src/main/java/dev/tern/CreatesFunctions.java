package dev.tern;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the {@link dev.tern.spi.FunctionFactory} that creates the app's functions, for functions
 * whose dependencies a container (Dagger, Guice, Spring) or a hand-written composition root
 * provides:
 *
 * <pre>{@code
 * @CreatesFunctions
 * public final class AppFunctions implements FunctionFactory {
 *   private final Orders orders = new Orders(new OrderStore(DataSources.fromEnvironment()));
 *
 *   @Override
 *   public Object create(Class<?> type) throws Exception {
 *     return type == Orders.class ? orders : FunctionFactory.reflective().create(type);
 *   }
 * }
 * }</pre>
 *
 * <p>The class is public, top-level or static nested, has a public no-argument constructor and
 * implements {@code FunctionFactory}. The annotation processor checks that and records the class in
 * the {@linkplain dev.tern.spi.FunctionIndex function index}, so every adapter creates it once, as
 * it starts, and asks it for each function; so does the harness unless it is given a factory of its
 * own. A compilation declares at most one, and its functions then need no public no-argument
 * constructor.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CreatesFunctions {}
