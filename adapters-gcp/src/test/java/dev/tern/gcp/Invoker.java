package dev.tern.gcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real Functions Framework invoker (1.4.1) as a child process serving an entry class on a free
 * local port. It bundles un-relocated Jackson and Jetty, so it runs apart from the test JVM; the
 * build copies the jar to {@code target/invoker/}.
 */
final class Invoker implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(60);

  final int port;
  final List<String> output = new CopyOnWriteArrayList<>();
  private final Process process;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Invoker(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  static Invoker start(String target, Map<String, String> env) throws Exception {
    String jar = required("tern.gcp.invokerJar");
    String classpath =
        required("tern.gcp.classes")
            + java.io.File.pathSeparator
            + required("tern.gcp.testClasses")
            + java.io.File.pathSeparator
            + Files.readString(Path.of(required("tern.gcp.runtimeClasspath"))).trim();
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar,
                "--classpath",
                classpath,
                "--target",
                target,
                "--port",
                String.valueOf(port)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("TERN_") || k.equals("K_SERVICE"));
    builder.environment().putAll(env);
    Process process = builder.start();
    // Should the test JVM be stopped before @AfterAll runs, the child goes with it.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(process::destroyForcibly, "invoker-" + port + "-stop"));
    Invoker invoker = new Invoker(port, process);
    Thread reader = new Thread(invoker::drain, "invoker-" + port);
    reader.setDaemon(true);
    reader.start();
    try {
      invoker.awaitReady();
    } catch (Exception | Error e) {
      invoker.close();
      throw e;
    }
    return invoker;
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + property + " is not set; run the tests through Maven");
    }
    return value;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private void drain() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        output.add(line);
      }
    } catch (IOException e) {
      output.add("(output closed: " + e + ")");
    }
  }

  /** {@code /robots.txt} answers 404 without calling the function once Jetty is up. */
  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + READY.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "invoker exited with " + process.exitValue() + ":\n" + String.join("\n", output));
      }
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(uri("/robots.txt")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 404) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "invoker not ready after " + READY + ":\n" + String.join("\n", output));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return client.send(
        request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Waits for an output line matching {@code test}, for what a function logged. */
  String awaitLine(Predicate<String> test) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (String line : output) {
        if (test.test(line)) {
          return line;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no matching line in the invoker's output:\n" + String.join("\n", output));
  }

  /** Waits for the first output line after position {@code from} that matches {@code test}. */
  String awaitLineAfter(int from, Predicate<String> test) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (int i = from; i < output.size(); i++) {
        if (test.test(output.get(i))) {
          return output.get(i);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no matching line in the invoker's output:\n" + String.join("\n", output));
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
