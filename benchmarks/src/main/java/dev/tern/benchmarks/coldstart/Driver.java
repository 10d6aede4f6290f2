package dev.tern.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;

/**
 * Runs one cold invocation in the JVM it lives in: loads a {@link RequestStreamHandler} by class
 * name, constructs it, calls it once with an event file and prints one line of measurements.
 *
 * <p>Usage: {@code java -cp driver.jar:<app> dev.tern.benchmarks.coldstart.Driver <handler class>
 * <event.json>}, or with {@code -Dtern.driver.taskRoot=<folder>} for an app unpacked there. The
 * line it prints is {@code tern-coldstart key=value ...} with:
 *
 * <ul>
 *   <li>{@code first}: milliseconds from JVM creation ({@code sun.rt.createVmBeginTime}, the start
 *       of {@code JNI_CreateJavaVM}) to the first response written;
 *   <li>{@code main}: from JVM creation to the first line of {@code main};
 *   <li>{@code load}, {@code ctor}, {@code call}: class load and static init, constructor, first
 *       call, in milliseconds;
 *   <li>{@code classes}: classes loaded minus unloaded, as {@code ClassLoadingMXBean} counts them;
 *   <li>{@code hwm}: peak resident set size in KiB ({@code VmHWM});
 *   <li>{@code response}: the first 300 bytes of the response, so the caller can check it.
 * </ul>
 *
 * <p>Before it loads the handler, the driver reads an environment variable, as every platform's
 * runtime does before it loads a function (<a
 * href="https://github.com/aws/aws-lambda-java-libs/blob/main/aws-lambda-java-runtime-interface-client/src/main/java/com/amazonaws/services/lambda/runtime/api/client/LambdaEnvironment.java">Lambda's
 * runtime client</a>, the Functions Framework invoker's {@code PORT}).
 *
 * <p>The driver must not cost what it measures: counters come from the JVM's own hsperfdata file
 * rather than JMX (which loads ~170 classes and takes tens of milliseconds), and this package uses
 * no {@code +} on strings, no {@code String.format} and no lambdas, whose bootstraps cost 30-50 ms
 * and dozens of classes on a cold JVM. The module is compiled with javac's defaults, so the
 * baseline handlers pay what a user's handler pays.
 */
public final class Driver {
  /**
   * A folder to load the handler from through a URLClassLoader of its own, as Lambda's runtime
   * client loads a deployment unpacked into its task root; without it, the handler comes from the
   * class path.
   */
  public static final String TASK_ROOT = "tern.driver.taskRoot";

  private Driver() {}

  public static void main(String[] args) throws Exception {
    long mainAt = System.currentTimeMillis();
    if (args.length != 2) {
      System.err.println("usage: Driver <handler class> <event.json>");
      System.exit(2);
    }
    // Every platform's runtime reads its environment before it loads the function: Lambda's
    // runtime client its reserved variables (_HANDLER, AWS_LAMBDA_RUNTIME_API and others), the
    // Functions Framework invoker PORT and FUNCTION_TARGET. The JVM parses the whole environment on
    // the first read, so there a function's own first getenv is a map lookup; reading one variable
    // here gives every configuration that start.
    System.getenv("_HANDLER");
    byte[] event = readAll(args[1]);
    ClassLoader loader = Driver.class.getClassLoader();
    String taskRoot = System.getProperty(TASK_ROOT);
    if (taskRoot != null) {
      // As Lambda's runtime client loads a deployment: a URLClassLoader over the task root, then
      // the jars in its lib folder in lexical order, whose parent, the class path, holds the
      // runtime's own jars (here the driver's).
      loader = new URLClassLoader(taskRootUrls(new File(taskRoot)), loader);
    }

    long t0 = System.nanoTime();
    Class<?> type = Class.forName(args[0], true, loader);
    long t1 = System.nanoTime();
    RequestStreamHandler handler =
        (RequestStreamHandler) type.getDeclaredConstructor().newInstance();
    long t2 = System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    handler.handleRequest(new ByteArrayInputStream(event), out, new DriverContext());
    long t3 = System.nanoTime();
    long firstAt = System.currentTimeMillis();

    PerfCounters perf = PerfCounters.read();
    long vmBegin = perf.value("sun.rt.createVmBeginTime");
    long classes =
        perf.value("java.cls.loadedClasses")
            + perf.value("java.cls.sharedLoadedClasses")
            - perf.value("java.cls.unloadedClasses")
            - perf.value("java.cls.sharedUnloadedClasses");
    byte[] response = out.toByteArray();
    String shown = new String(response, 0, Math.min(response.length, 300), "UTF-8");

    StringBuilder line = new StringBuilder(512);
    line.append("tern-coldstart");
    line.append(" first=").append(vmBegin > 0 ? firstAt - vmBegin : -1);
    line.append(" main=").append(vmBegin > 0 ? mainAt - vmBegin : -1);
    line.append(" load=").append(millis(t1 - t0));
    line.append(" ctor=").append(millis(t2 - t1));
    line.append(" call=").append(millis(t3 - t2));
    line.append(" classes=").append(classes);
    line.append(" hwm=").append(peakRssKib());
    line.append(" response=").append(shown.replace('\n', ' ').replace('\r', ' '));
    System.out.println(line);
    System.out.flush();
    // Spring and others keep non-daemon threads; the measurement is over.
    System.exit(0);
  }

  private static StringBuilder millis(long nanos) {
    long tenths = nanos / 100_000;
    return new StringBuilder(12).append(tenths / 10).append('.').append(tenths % 10);
  }

  /**
   * The task root, then the jars in its {@code lib} folder in lexical order, as <a
   * href="https://github.com/aws/aws-lambda-java-libs/blob/main/aws-lambda-java-runtime-interface-client/src/main/java/com/amazonaws/services/lambda/runtime/api/client/CustomerClassLoader.java">Lambda's
   * runtime client</a> builds its class path.
   */
  static URL[] taskRootUrls(File root) throws IOException {
    File lib = new File(root, "lib");
    String[] names = lib.list();
    int jars = 0;
    if (names != null) {
      Arrays.sort(names);
      for (String name : names) {
        if (name.endsWith(".jar")) {
          names[jars++] = name;
        }
      }
    }
    URL[] urls = new URL[1 + jars];
    urls[0] = root.toURI().toURL();
    for (int i = 0; i < jars; i++) {
      urls[1 + i] = new File(lib, names[i]).toURI().toURL();
    }
    return urls;
  }

  static byte[] readAll(String file) throws IOException {
    try (FileInputStream in = new FileInputStream(file)) {
      return in.readAllBytes();
    }
  }

  /** {@code VmHWM} from {@code /proc/self/status}, in KiB; -1 where there is no procfs. */
  static long peakRssKib() {
    String status;
    try {
      status = new String(readAll("/proc/self/status"), "ISO-8859-1");
    } catch (IOException e) {
      return -1;
    }
    int at = status.indexOf("VmHWM:");
    if (at < 0) {
      return -1;
    }
    long value = 0;
    boolean digits = false;
    for (int i = at + 6; i < status.length(); i++) {
      char c = status.charAt(i);
      if (c >= '0' && c <= '9') {
        value = value * 10 + (c - '0');
        digits = true;
      } else if (digits) {
        break;
      }
    }
    return digits ? value : -1;
  }
}
