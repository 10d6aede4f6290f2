package dev.tern.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Context;
import dev.tern.HttpFunction;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.HttpStatusException;
import dev.tern.spi.fake.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seen from a fresh JVM, {@link Dispatcher#http} loads {@link HttpStatusException} only when a
 * function throws one: a request that succeeds, the first of every deployment, does not, as it
 * would if the dispatcher caught the class by name (the verifier loads every caught class).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpStatusColdPathTest {
  private static final String THROWN = "--- now a function throws";

  @TempDir Path tmp;

  public static final class Answers implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      return HttpResponse.text("fine");
    }
  }

  public static final class Refuses implements HttpFunction {
    @Override
    public HttpResponse handle(HttpRequest request, Context context) {
      throw new HttpStatusException(404, "no order o-9");
    }
  }

  /** The child JVM: a request that succeeds, then one whose function throws its answer. */
  public static void main(String[] args) {
    Dispatcher dispatcher =
        Dispatcher.create(
            Router.create(
                List.of(
                    FunctionDescriptor.http(
                        "Answers", Answers.class.getName(), "/fine", List.of("GET")),
                    FunctionDescriptor.http(
                        "Refuses", Refuses.class.getName(), "/refuse", List.of("GET"))),
                Settings.of(Map.of())),
            FunctionFactory.reflective(),
            HttpStatusColdPathTest.class.getClassLoader());
    Dispatcher.Contexts contexts = TestContext.into(TestContext.lines());
    System.out.println("answer: " + dispatcher.http(HttpRequest.get("/fine"), contexts).status());
    System.out.println(THROWN);
    System.out.println("answer: " + dispatcher.http(HttpRequest.get("/refuse"), contexts).status());
  }

  @Test
  void aRequestThatSucceedsDoesNotLoadTheExceptionClass() throws Exception {
    Path log = tmp.resolve("child.log");
    String output =
        ChildJvm.run(ChildJvm.of(log, HttpStatusColdPathTest.class, "-Xlog:class+load=info"));

    int thrown = output.indexOf(THROWN);
    assertThat(thrown).as(output).isPositive();
    String cold = output.substring(0, thrown);
    String later = output.substring(thrown);
    assertThat(cold)
        .contains(Dispatcher.class.getName() + " ")
        .contains("answer: 200")
        .doesNotContain(HttpStatusException.class.getName() + " ");
    assertThat(later).contains(HttpStatusException.class.getName() + " ").contains("answer: 404");
  }
}
