package dev.tern.testing;

import dev.tern.Cloud;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;

/**
 * The JUnit 5 extension behind {@link TernTest} and {@link AcrossClouds}: resolves {@link Harness}
 * parameters, and expands {@code @AcrossClouds} methods into one invocation per cloud.
 *
 * @since 0.1
 */
public final class TernExtension
    implements ParameterResolver, TestTemplateInvocationContextProvider {
  private static final ExtensionContext.Namespace HARNESSES =
      ExtensionContext.Namespace.create(TernExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Harness.class
        && context
            .getTestMethod()
            .map(m -> !AnnotationSupport.isAnnotated(m, AcrossClouds.class))
            .orElse(true);
  }

  @Override
  public Harness resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return harnessOfTest(context, Cloud.LOCAL);
  }

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(m -> AnnotationSupport.isAnnotated(m, AcrossClouds.class))
        .orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    AcrossClouds across =
        AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), AcrossClouds.class)
            .orElseThrow();
    return Arrays.stream(across.value()).map(cloud -> new CloudInvocation(cloud));
  }

  /**
   * The harness of the test (or run of an {@code @AcrossClouds} test) {@code context} belongs to:
   * built once, and kept in the test's store, so that its {@code @BeforeEach} and
   * {@code @AfterEach} methods get the harness the test gets, and the next test a fresh one. A
   * method outside any test ({@code @BeforeAll}) gets one of its own, which no test shares.
   */
  private static Harness harnessOfTest(ExtensionContext context, Cloud cloud) {
    if (context.getTestMethod().isEmpty()) {
      return harness(context, cloud);
    }
    return context
        .getStore(HARNESSES)
        .getOrComputeIfAbsent(cloud, c -> harness(context, cloud), Harness.class);
  }

  static Harness harness(ExtensionContext context, Cloud cloud) {
    Optional<TernTest> declared = find(context.getTestMethod().orElse(null));
    // A @Nested class is an inner class, which JUnit runs with its enclosing class's extensions:
    // without a @TernTest of its own, it takes the nearest enclosing class's.
    for (Class<?> type = context.getRequiredTestClass();
        declared.isEmpty() && type != null;
        type = Modifier.isStatic(type.getModifiers()) ? null : type.getEnclosingClass()) {
      declared = find(type);
    }
    Harness.Builder builder = Harness.builder().cloud(cloud);
    if (declared.isPresent()) {
      builder.functions(declared.get().value());
      for (String setting : declared.get().settings()) {
        int eq = setting.indexOf('=');
        if (eq <= 0) {
          throw new ParameterResolutionException(
              "@TernTest setting \"" + setting + "\" is not NAME=value");
        }
        builder.setting(setting.substring(0, eq), setting.substring(eq + 1));
      }
      if (declared.get().azureBlobTrigger()) {
        builder.azureBlobTrigger();
      }
      builder.azureBlobTrigger(declared.get().azureBlobTriggerFor());
      builder.versionedBuckets(declared.get().versionedBuckets());
      DeliveryPolicy policy = declared.get().delivery().policy();
      int maxAttempts = declared.get().maxAttempts();
      if (maxAttempts < 0) {
        throw new ParameterResolutionException(
            "@TernTest maxAttempts " + maxAttempts + " is negative; 0 keeps the preset's");
      }
      DeliveryPolicy delivery = maxAttempts == 0 ? policy : policy.withMaxAttempts(maxAttempts);
      builder.delivery(delivery);
      builder.storageDelivery(declared.get().storage());
      StoragePolicy.Preset schedule = declared.get().schedule();
      if (schedule == StoragePolicy.Preset.DELIVERY) {
        builder.scheduleDelivery(StoragePolicy.of(delivery));
      } else {
        // CLOUD names no policy: each run's cloud retries ticks its own way.
        schedule.policy().ifPresent(builder::scheduleDelivery);
      }
      if (!declared.get().startingAt().isEmpty()) {
        builder.startingAt(start(declared.get().startingAt()));
      }
    }
    return builder.build();
  }

  /** Reads {@link TernTest#startingAt()}. */
  static Instant start(String instant) {
    try {
      return Instant.parse(instant);
    } catch (DateTimeParseException e) {
      throw new ParameterResolutionException(
          "@TernTest startingAt \""
              + instant
              + "\" is not an ISO-8601 instant such as 2026-01-01T00:00:00Z",
          e);
    }
  }

  private static Optional<TernTest> find(AnnotatedElement element) {
    return element == null
        ? Optional.empty()
        : AnnotationSupport.findAnnotation(element, TernTest.class);
  }

  /** One run of an {@code @AcrossClouds} test. */
  private static final class CloudInvocation implements TestTemplateInvocationContext {
    private final Cloud cloud;

    CloudInvocation(Cloud cloud) {
      this.cloud = cloud;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return "[" + cloud.name().toLowerCase(Locale.ROOT) + "]";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(
          new CloudNamed(cloud),
          new ParameterResolver() {
            @Override
            public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
              return parameter.getParameter().getType() == Harness.class;
            }

            @Override
            public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
              return harnessOfTest(context, cloud);
            }
          });
    }
  }

  /**
   * Puts the cloud in front of the message of an assertion that failed in an {@code @AcrossClouds}
   * run, {@code [aws] expected: …}: Maven's console names the runs by number only. The expected and
   * actual values, the stack trace and the cause stay as they were; anything other than a failed
   * assertion passes unchanged.
   */
  static final class CloudNamed implements TestExecutionExceptionHandler {
    private final String prefix;

    CloudNamed(Cloud cloud) {
      this.prefix = "[" + cloud.name().toLowerCase(Locale.ROOT) + "]";
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown)
        throws Throwable {
      throw named(thrown);
    }

    Throwable named(Throwable thrown) {
      if (!(thrown instanceof AssertionError)) {
        return thrown;
      }
      String original = thrown.getMessage() == null ? "" : thrown.getMessage();
      // AssertJ's messages start on a new line; others go on after a space.
      String message = original.startsWith("\n") ? prefix + original : prefix + " " + original;
      AssertionError named;
      if (thrown instanceof AssertionFailedError) {
        AssertionFailedError failed = (AssertionFailedError) thrown;
        named =
            failed.isExpectedDefined() && failed.isActualDefined()
                ? new AssertionFailedError(
                    message,
                    failed.getExpected().getEphemeralValue(),
                    failed.getActual().getEphemeralValue(),
                    failed.getCause())
                : new AssertionFailedError(message, failed.getCause());
      } else {
        named = new AssertionError(message, thrown.getCause());
      }
      named.setStackTrace(thrown.getStackTrace());
      for (Throwable suppressed : thrown.getSuppressed()) {
        named.addSuppressed(suppressed);
      }
      return named;
    }
  }
}
