package dev.tern.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.ConfigurationException;
import dev.tern.Context;
import dev.tern.Message;
import dev.tern.QueueFunction;
import dev.tern.aws.fns.Nightly;
import dev.tern.aws.fns.NightlyReport;
import dev.tern.aws.fns.Recorder;
import dev.tern.spi.Dispatcher;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionFactory;
import dev.tern.spi.Router;
import dev.tern.spi.Settings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrimingTest {
  static final List<String> PRIMED = new CopyOnWriteArrayList<>();

  /** A function that primes itself instead of taking a synthetic event. */
  public static final class SelfPriming implements QueueFunction {
    @Override
    public void handle(Message message, Context context) {
      PRIMED.add("handle " + message.id());
    }

    public void prime(Context context) {
      PRIMED.add("prime " + context.invocationId());
    }
  }

  @BeforeEach
  void clear() {
    Recorder.clear();
    PRIMED.clear();
  }

  @Test
  void runsOneSyntheticEventThroughEveryDeclaredFunctionWhenAskedTo() {
    Lambda lambda = Lambda.standard();
    int primed =
        new Priming(
                lambda.handler, Settings.of(Map.of("TERN_AWS_PRIMING", "functions")), line -> {})
            .prime();

    assertThat(primed).isEqualTo(Lambda.FUNCTIONS.size());
    assertThat(Recorder.calls())
        .extracting(Recorder.Call::function)
        .containsExactlyInAnyOrder(
            "Echo", "Orders", "OrdersFifo", "Alerts", "Uploads", "Nightly", "Accounts");
    assertThat(Recorder.calls())
        .allSatisfy(call -> assertThat(call.context().invocationId()).isEqualTo("tern-priming"));
  }

  @Test
  void primesAScheduleThroughTheRuleItDeclares() {
    Lambda lambda = Lambda.with(Map.of(), List.of(Nightly.class, NightlyReport.class));
    int primed =
        new Priming(
                lambda.handler, Settings.of(Map.of("TERN_AWS_PRIMING", "functions")), line -> {})
            .prime();

    assertThat(primed).isEqualTo(2);
    assertThat(Recorder.calls())
        .extracting(Recorder.Call::function)
        .containsExactlyInAnyOrder("Nightly", "NightlyReport");
  }

  @Test
  void adapterModePrimesThePathWithoutCallingFunctions() {
    Lambda lambda = Lambda.standard();
    int primed =
        new Priming(lambda.handler, Settings.of(Map.of("TERN_AWS_PRIMING", "adapter")), line -> {})
            .prime();

    assertThat(primed).isEqualTo(Lambda.FUNCTIONS.size());
    assertThat(Recorder.calls()).isEmpty();
  }

  @Test
  void offPrimesATrainingRunWithoutCallingFunctions() {
    // Train primes whatever the mode: off, which registers no SnapStart hook, must not turn into
    // calling the deployment's functions with synthetic events.
    Lambda lambda = Lambda.standard();
    int primed =
        new Priming(lambda.handler, Settings.of(Map.of("TERN_AWS_PRIMING", "off")), line -> {})
            .prime();

    assertThat(primed).isEqualTo(Lambda.FUNCTIONS.size());
    assertThat(Recorder.calls()).isEmpty();
  }

  @Test
  void aFunctionsOwnPrimeMethodReplacesTheSyntheticEvent() {
    Settings settings = Settings.of(Map.of());
    Dispatcher dispatcher =
        Dispatcher.create(
            Router.create(
                List.of(FunctionDescriptor.queue("Self", SelfPriming.class.getName(), "self")),
                settings),
            FunctionFactory.reflective(),
            getClass().getClassLoader());
    AwsHandler handler = new AwsHandler(dispatcher, settings, line -> {}, Clock.systemUTC());

    new Priming(handler, settings, line -> {}).prime();

    assertThat(PRIMED).containsExactly("prime tern-priming");
  }

  @Test
  void holdsTheRegisteredResourceStronglyAndHonoursOff() {
    Lambda lambda = Lambda.standard();
    int before = Priming.registered().size();
    Priming.register(lambda.handler, Settings.of(Map.of("TERN_AWS_PRIMING", "off")), line -> {});
    assertThat(Priming.registered()).hasSize(before);

    Priming.register(lambda.handler, Settings.of(Map.of()), line -> {});
    assertThat(Priming.registered()).hasSize(before + 1);
  }

  @Test
  void refusesAnUnknownModeAtRegistrationInsteadOfCallingTheFunctions() {
    Lambda lambda = Lambda.standard();
    int before = Priming.registered().size();

    assertThatThrownBy(
            () ->
                Priming.register(
                    lambda.handler, Settings.of(Map.of("TERN_AWS_PRIMING", "adaptor")), line -> {}))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("TERN_AWS_PRIMING is \"adaptor\"; use adapter (the default), functions or off");
    assertThat(Priming.registered()).hasSize(before);
    assertThat(Priming.mode(Settings.of(Map.of("TERN_AWS_PRIMING", " Functions "))))
        .isEqualTo("functions");
    assertThat(Recorder.calls()).isEmpty();
  }
}
