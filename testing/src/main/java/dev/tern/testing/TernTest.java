package dev.tern.testing;

import dev.tern.StorageFunction;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives test methods a fresh {@link Harness} parameter hosting the named functions. A test's
 * {@code @BeforeEach} and {@code @AfterEach} methods that take a {@code Harness} get the test's, so
 * what they set up the test finds; each run of an {@link AcrossClouds} test has its own.
 *
 * <pre>{@code
 * @TernTest(Hello.class)
 * class HelloTest {
 *   @Test
 *   void greetsByName(Harness harness) {
 *     assertThat(harness.get("/hello?name=Ada").body().text()).contains("Hello, Ada!");
 *   }
 * }
 * }</pre>
 *
 * <p>On a method it overrides the class's declaration, and a {@code @Nested} class without one
 * takes its enclosing class's. Combine with {@link AcrossClouds} to run a test once per cloud;
 * every run gets the same options. Unless told otherwise, delivery follows {@link
 * DeliveryPolicy#sqs()} (5 attempts, 30 s before a retry, batches of 10) in every run, the Azure
 * and GCP ones too; storage events and failed ticks are retried as each run's cloud retries them
 * ({@link StoragePolicy.Preset#CLOUD}), and the clock starts at {@link VirtualClock#DEFAULT_START}
 * (2026-01-01T00:00:00Z).
 *
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(TernExtension.class)
public @interface TernTest {
  /** The function classes; empty uses the classpath's function index. */
  Class<?>[] value() default {};

  /** Settings as {@code NAME=value}, for {@code ${NAME}} references in declarations. */
  String[] settings() default {};

  /**
   * Whether the Azure run of {@link AcrossClouds} delivers every storage function's events through
   * the blob trigger rather than as Event Grid events; see {@link
   * Harness.Builder#azureBlobTrigger()}. To choose it for some functions only, use {@link
   * #azureBlobTriggerFor()}.
   */
  boolean azureBlobTrigger() default false;

  /**
   * The storage functions whose events the Azure run of {@link AcrossClouds} delivers through the
   * blob trigger, the others' arriving as Event Grid events, as {@code
   * -Atern.azure.bindings=Thumbnails=blob} chooses in the Azure build: {@code azureBlobTriggerFor =
   * Thumbnails.class}; see {@link Harness.Builder#azureBlobTrigger(Class[])}. {@link
   * #azureBlobTrigger()} chooses every storage function whatever this names.
   */
  Class<? extends StorageFunction>[] azureBlobTriggerFor() default {};

  /**
   * How queue messages are delivered, in every run: {@code delivery = Preset.SQS_FIFO}; see {@link
   * DeliveryPolicy}. The default is {@link DeliveryPolicy#sqs()}, also for the Azure and GCP runs
   * of {@link AcrossClouds}. The local run retries storage events this way too, unless {@link
   * #storage()} says otherwise.
   */
  DeliveryPolicy.Preset delivery() default DeliveryPolicy.Preset.SQS;

  /**
   * How storage events are retried: {@code storage = StoragePolicy.Preset.EVENT_GRID}, the same in
   * every run; see {@link StoragePolicy}. The default, {@link StoragePolicy.Preset#CLOUD}, retries
   * them as each run's cloud does: {@link StoragePolicy#lambdaAsync()} in the AWS run, {@link
   * StoragePolicy#blobTrigger()} or {@link StoragePolicy#eventGrid()} in the Azure run, by the
   * function's trigger, {@link StoragePolicy#eventarcWithRetry()} in the GCP run (Tern's GCP deploy
   * guide deploys with {@code --retry}), and in the local run as {@link #delivery()} retries
   * messages. {@link StoragePolicy.Preset#DELIVERY} retries them as {@link #delivery()} does in
   * every run.
   */
  StoragePolicy.Preset storage() default StoragePolicy.Preset.CLOUD;

  /**
   * How a schedule function's failed ticks are retried: {@code schedule =
   * StoragePolicy.Preset.LAMBDA_ASYNC}, the same in every run, as {@link
   * Harness.Builder#scheduleDelivery(StoragePolicy)} chooses it; see {@link
   * Harness#schedulePolicy()}. The default, {@link StoragePolicy.Preset#CLOUD}, retries them as
   * each run's cloud does: twice, as {@link StoragePolicy#lambdaAsync()}, in the AWS run, where an
   * EventBridge rule invokes Lambda asynchronously, and not at all in the others, the local run
   * included. {@link StoragePolicy.Preset#DELIVERY} retries them as {@link #delivery()} retries
   * messages, with {@link #maxAttempts()}, in every run.
   */
  StoragePolicy.Preset schedule() default StoragePolicy.Preset.CLOUD;

  /**
   * Attempts before a message is dead-lettered, replacing the preset's: {@code maxAttempts = 3}, as
   * {@link DeliveryPolicy#withMaxAttempts(int)}; 0 keeps the preset's. Storage events and ticks
   * that are retried as the delivery policy says (see {@link #storage()} and {@link #schedule()})
   * get them too.
   */
  int maxAttempts() default 0;

  /**
   * Where the virtual clock starts, as an ISO-8601 instant: {@code startingAt =
   * "2026-03-29T00:30:00Z"}; empty starts at {@link VirtualClock#DEFAULT_START}
   * (2026-01-01T00:00:00Z).
   */
  String startingAt() default "";

  /**
   * The buckets that keep versions, in every run: {@code versionedBuckets = "photos"}; see {@link
   * Harness.Builder#versionedBuckets(String...)} for what each cloud then sends.
   */
  String[] versionedBuckets() default {};
}
