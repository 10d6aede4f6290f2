package dev.tern.testing;

import dev.tern.Cloud;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once per cloud, each time with a {@link Harness} whose events travel through that
 * cloud's real adapter in native form. The report names the cloud: {@code [aws]}, {@code [azure]},
 * {@code [gcp]}, and {@code [local]} for the plain in-memory run.
 *
 * <pre>{@code
 * @TernTest(Orders.class)
 * class OrdersTest {
 *   @AcrossClouds
 *   void rejectsOrdersWithoutItems(Harness harness) {
 *     assertThat(harness.http(HttpRequest.postJson("/orders", "{}")).status()).isEqualTo(400);
 *   }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(TernExtension.class)
public @interface AcrossClouds {
  /** The clouds to run on. */
  Cloud[] value() default {Cloud.LOCAL, Cloud.AWS, Cloud.AZURE, Cloud.GCP};
}
