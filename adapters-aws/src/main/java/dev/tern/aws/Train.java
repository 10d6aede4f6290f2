package dev.tern.aws;

import dev.tern.spi.Settings;
import java.io.PrintStream;

/**
 * The training run for a class-data archive (AppCDS on JDK 17, the AOT cache on JDK 24 and later):
 * it starts the deployment as Lambda would — function index, every function created — then sends
 * one synthetic native event per function through the adapter, as SnapStart priming does, and
 * exits. Run it with the deployment's own classpath:
 *
 * <pre>
 * java -XX:ArchiveClassesAtExit=tern.jsa -cp function.jar dev.tern.aws.Train
 * </pre>
 *
 * <p>The settings are the deployment's environment variables; {@code TERN_FUNCTION} pins one
 * function, and {@code TERN_AWS_PRIMING=functions} also calls each function with its synthetic
 * event (by default they are replaced by no-ops, so training has no side effects). It exits with
 * status 1 if the deployment cannot start.
 *
 * @since 0.1
 */
public final class Train {
  private Train() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    Settings settings = Settings.environment();
    AwsHandler handler;
    try {
      handler = new AwsHandler();
    } catch (RuntimeException e) {
      System.err.println("tern: the deployment cannot start: " + e);
      System.exit(1);
      return;
    }
    int events = new Priming(handler, settings, out::println).prime();
    out.println("tern: trained on " + events + " synthetic events");
  }
}
