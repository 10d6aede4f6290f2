package dev.tern.benchmarks.report;

import dev.tern.benchmarks.coldstart.Driver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The cold-start matrix. A configuration whose jars are missing is left out with a note. */
final class Configs {
  static final String J17 = "JDK 17";
  static final String J17_C1 = "JDK 17, C1 only (-XX:TieredStopAtLevel=1, Lambda's java17 default)";
  static final String J17_CDS = "JDK 17, AppCDS";
  static final String J17_LAMBDA =
      "JDK 17 as Lambda's java17 runtime starts it: one CPU, C1 only, the deployable unpacked into a task root";
  static final String J25 = "JDK 25";
  static final String J25_AOT = "JDK 25, AOT cache";

  static final String AWS_HANDLER = "dev.tern.aws.AwsHandler";
  static final String GCP_SHIM = "dev.tern.benchmarks.handlers.GcpShim";
  static final String AZURE_SHIM = "dev.tern.benchmarks.handlers.AzureShim";
  static final String GCP_RAW_SHIM = "dev.tern.benchmarks.handlers.GcpRawShim";
  static final String AZURE_RAW_SHIM = "dev.tern.benchmarks.handlers.AzureRawShim";
  static final String SCF_HANDLER =
      "org.springframework.cloud.function.adapter.aws.FunctionInvoker";

  /** Why a configuration is missing; filled while building the matrix. */
  static final List<String> NOTES = new ArrayList<>();

  private static final List<String> C1 = List.of("-XX:TieredStopAtLevel=1");
  private static final List<String> CDS_TRAIN = List.of("-XX:ArchiveClassesAtExit=@ARCHIVE@");
  private static final List<String> CDS_RUN = List.of("-XX:SharedArchiveFile=@ARCHIVE@");
  private static final List<String> AOT_TRAIN = List.of("-XX:AOTCacheOutput=@ARCHIVE@");
  private static final List<String> AOT_RUN = List.of("-XX:AOTCache=@ARCHIVE@");

  private Configs() {}

  /** The matrix; {@code work} receives the unpacked task roots of the {@value #J17_LAMBDA} rows. */
  static List<ColdConfig> all(Layout layout, Path java17, Path java25, Path work)
      throws IOException {
    List<ColdConfig> out = new ArrayList<>();
    Path driver = layout.driverJar();
    Path handlers = layout.handlersJar();
    Path lambdaCore = layout.lib("aws-lambda-java-core");
    List<Path> noop = List.of(driver, handlers, lambdaCore);
    List<Path> streaming = List.of(driver, handlers, lambdaCore, layout.lib("jackson-core"));
    List<Path> databind =
        List.of(
            driver,
            handlers,
            lambdaCore,
            layout.lib("jackson-core"),
            layout.lib("jackson-databind"),
            layout.lib("jackson-annotations"));
    List<Path> scf =
        withDriver(driver, optional(() -> layout.springClosure(), "Spring Cloud Function"));
    List<Path> ternAws = ternClasspath(layout, driver, List.of(), "adapters-aws", "tern-aws");
    // What the GCP and Azure shims need besides the function: the platform's own types.
    List<Path> gcpShim =
        List.of(
            handlers,
            lambdaCore,
            layout.lib("functions-framework-api"),
            layout.lib("cloudevents-api"));
    List<Path> azureShim =
        List.of(
            handlers,
            lambdaCore,
            layout.lib("azure-functions-java-library"),
            layout.lib("azure-functions-java-core-library"));
    List<Path> rawGcp = withDriver(driver, gcpShim);
    List<Path> rawAzure = withDriver(driver, azureShim);
    List<Path> ternGcp = ternClasspath(layout, driver, gcpShim, "adapters-gcp", "tern-gcp");
    List<Path> ternAzure = ternClasspath(layout, driver, azureShim, "adapters-azure", "tern-azure");

    add(
        out,
        "noop",
        "no-op handler (floor)",
        J17,
        false,
        java17,
        List.of(),
        List.of(),
        noop,
        "dev.tern.benchmarks.handlers.NoopHandler");
    add(
        out,
        "streaming",
        "raw jackson-core streaming",
        J17,
        false,
        java17,
        List.of(),
        List.of(),
        streaming,
        "dev.tern.benchmarks.handlers.StreamingHandler");
    add(
        out,
        "databind",
        "raw Jackson databind readTree",
        J17,
        false,
        java17,
        List.of(),
        List.of(),
        databind,
        "dev.tern.benchmarks.handlers.DatabindHandler");
    add(
        out,
        "scf",
        "Spring Cloud Function 5.0.5 (AWS adapter)",
        J17,
        false,
        java17,
        List.of(),
        List.of(),
        scf,
        SCF_HANDLER);
    add(
        out,
        "tern-aws",
        "Tern AwsHandler + hello",
        J17,
        true,
        java17,
        List.of(),
        List.of(),
        ternAws,
        AWS_HANDLER);
    add(
        out,
        "gcp-raw",
        "raw Cloud Functions HttpFunction, JSON by hand (shim)",
        J17,
        false,
        java17,
        List.of(),
        List.of(),
        rawGcp,
        GCP_RAW_SHIM);
    add(
        out,
        "azure-raw",
        "raw Azure function, JSON by hand (shim)",
        J17,
        false,
        java17,
        List.of(),
        List.of(),
        rawAzure,
        AZURE_RAW_SHIM);
    add(
        out,
        "tern-gcp",
        "Tern GcpHttpFunction + hello (shim)",
        J17,
        true,
        java17,
        List.of(),
        List.of(),
        ternGcp,
        GCP_SHIM);
    add(
        out,
        "tern-azure",
        "Tern Azure entry + hello (shim)",
        J17,
        true,
        java17,
        List.of(),
        List.of(),
        ternAzure,
        AZURE_SHIM);

    add(
        out,
        "noop-c1",
        "no-op handler (floor)",
        J17_C1,
        false,
        java17,
        C1,
        List.of(),
        noop,
        "dev.tern.benchmarks.handlers.NoopHandler");
    add(
        out,
        "databind-c1",
        "raw Jackson databind readTree",
        J17_C1,
        false,
        java17,
        C1,
        List.of(),
        databind,
        "dev.tern.benchmarks.handlers.DatabindHandler");
    add(
        out,
        "scf-c1",
        "Spring Cloud Function 5.0.5 (AWS adapter)",
        J17_C1,
        false,
        java17,
        C1,
        List.of(),
        scf,
        SCF_HANDLER);
    add(
        out,
        "tern-aws-c1",
        "Tern AwsHandler + hello",
        J17_C1,
        true,
        java17,
        C1,
        List.of(),
        ternAws,
        AWS_HANDLER);

    add(
        out,
        "databind-cds",
        "raw Jackson databind readTree",
        J17_CDS,
        false,
        java17,
        CDS_RUN,
        CDS_TRAIN,
        databind,
        "dev.tern.benchmarks.handlers.DatabindHandler");
    add(
        out,
        "tern-aws-cds",
        "Tern AwsHandler + hello",
        J17_CDS,
        true,
        java17,
        CDS_RUN,
        CDS_TRAIN,
        ternAws,
        AWS_HANDLER);

    // Lambda's Java runtimes unpack a zip or jar deployment into the task root and load it through
    // a URLClassLoader over that folder and the jars of its lib/ folder, whose parent is the class
    // path with the runtime's own jars (https://github.com/aws/aws-lambda-java-libs,
    // CustomerClassLoader of the runtime interface client). Below 1769 MB of memory a function has
    // less than one vCPU's worth of time
    // (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html); these rows pin the
    // JVM to one CPU, where its ergonomics also pick the serial collector. The java17 runtime stops
    // at C1 (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html). The driver jar
    // and aws-lambda-java-core stand for the runtime's own jars.
    Path taskset = onPath("taskset");
    if (taskset == null) {
      NOTES.add("`taskset` was not found, so the rows of \"" + J17_LAMBDA + "\" are missing.");
    } else {
      List<String> oneCpu = List.of(taskset.toString(), "-c", "0");
      Path roots = work.resolve("task-roots");
      add(
          out,
          "noop-lambda",
          "no-op handler (floor)",
          J17_LAMBDA,
          false,
          oneCpu,
          java17,
          lambdaFlags(roots.resolve("noop")),
          List.of(),
          taskRoot(driver, lambdaCore, roots.resolve("noop"), List.of(handlers, lambdaCore)),
          "dev.tern.benchmarks.handlers.NoopHandler");
      add(
          out,
          "streaming-lambda",
          "raw jackson-core streaming",
          J17_LAMBDA,
          false,
          oneCpu,
          java17,
          lambdaFlags(roots.resolve("streaming")),
          List.of(),
          taskRoot(
              driver,
              lambdaCore,
              roots.resolve("streaming"),
              streaming.subList(1, streaming.size())),
          "dev.tern.benchmarks.handlers.StreamingHandler");
      add(
          out,
          "databind-lambda",
          "raw Jackson databind readTree",
          J17_LAMBDA,
          false,
          oneCpu,
          java17,
          lambdaFlags(roots.resolve("databind")),
          List.of(),
          taskRoot(
              driver, lambdaCore, roots.resolve("databind"), databind.subList(1, databind.size())),
          "dev.tern.benchmarks.handlers.DatabindHandler");
      Path helloAws = layout.helloDeployable("aws");
      if (helloAws == null) {
        NOTES.add(
            "The hello sample's AWS deployable is missing, so `tern-aws-lambda` was not measured.");
      } else {
        add(
            out,
            "tern-aws-lambda",
            "Tern AwsHandler + hello",
            J17_LAMBDA,
            true,
            oneCpu,
            java17,
            lambdaFlags(roots.resolve("tern-aws")),
            List.of(),
            taskRoot(driver, lambdaCore, roots.resolve("tern-aws"), List.of(helloAws)),
            AWS_HANDLER);
      }
    }

    if (java25 == null) {
      NOTES.add("No JDK 25 was found, so the JDK 25 and AOT-cache rows are missing.");
    } else {
      add(
          out,
          "noop-25",
          "no-op handler (floor)",
          J25,
          false,
          java25,
          List.of(),
          List.of(),
          noop,
          "dev.tern.benchmarks.handlers.NoopHandler");
      add(
          out,
          "databind-25",
          "raw Jackson databind readTree",
          J25,
          false,
          java25,
          List.of(),
          List.of(),
          databind,
          "dev.tern.benchmarks.handlers.DatabindHandler");
      add(
          out,
          "tern-aws-25",
          "Tern AwsHandler + hello",
          J25,
          true,
          java25,
          List.of(),
          List.of(),
          ternAws,
          AWS_HANDLER);
      add(
          out,
          "databind-25-aot",
          "raw Jackson databind readTree",
          J25_AOT,
          false,
          java25,
          AOT_RUN,
          AOT_TRAIN,
          databind,
          "dev.tern.benchmarks.handlers.DatabindHandler");
      add(
          out,
          "tern-aws-25-aot",
          "Tern AwsHandler + hello",
          J25_AOT,
          true,
          java25,
          AOT_RUN,
          AOT_TRAIN,
          ternAws,
          AWS_HANDLER);
    }
    return out;
  }

  private static void add(
      List<ColdConfig> out,
      String id,
      String label,
      String group,
      boolean tern,
      Path java,
      List<String> flags,
      List<String> training,
      List<Path> classpath,
      String handler) {
    add(out, id, label, group, tern, List.of(), java, flags, training, classpath, handler);
  }

  private static void add(
      List<ColdConfig> out,
      String id,
      String label,
      String group,
      boolean tern,
      List<String> launcher,
      Path java,
      List<String> flags,
      List<String> training,
      List<Path> classpath,
      String handler) {
    if (classpath.isEmpty()) {
      return;
    }
    out.add(
        new ColdConfig(
            id, label, group, tern, launcher, java, flags, training, classpath, handler));
  }

  /** C1, and the driver told to load the handler from {@code root} as Lambda's runtime does. */
  private static List<String> lambdaFlags(Path root) {
    List<String> flags = new ArrayList<>(C1);
    flags.add("-D" + Driver.TASK_ROOT + "=" + root);
    return flags;
  }

  /**
   * Unpacks every class and resource of {@code jars} into {@code root}, the way Lambda lays out a
   * flat deployment in its task root; returns the class path the driver runs on: its own jar and
   * aws-lambda-java-core, standing for the runtime's.
   */
  private static List<Path> taskRoot(Path driver, Path lambdaCore, Path root, List<Path> jars)
      throws IOException {
    Layout.deleteTree(root);
    Files.createDirectories(root);
    for (Path jar : jars) {
      try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
          Path to = root.resolve(e.getName()).normalize();
          if (!to.startsWith(root)) {
            throw new IOException(jar + " has an entry outside its root: " + e.getName());
          }
          if (e.isDirectory()) {
            Files.createDirectories(to);
          } else {
            Files.createDirectories(to.getParent());
            Files.copy(zip, to, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
    return List.of(driver, lambdaCore);
  }

  /** An executable named {@code name} on the {@code PATH}, or null. */
  private static Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * Driver, then the app, then the adapter's runtime closure: the order a Lambda zip gives ({@code
   * /var/task} before {@code lib/}).
   */
  private static List<Path> ternClasspath(
      Layout layout, Path driver, List<Path> extra, String folder, String artifactId) {
    String cloud = folder.substring(folder.indexOf('-') + 1);
    Path packaged = layout.helloDeployable(cloud);
    if (packaged != null) {
      // What the sample deploys: one flat jar with the app, Tern and their dependencies.
      List<Path> cp = new ArrayList<>();
      cp.add(driver);
      cp.addAll(extra);
      cp.add(packaged);
      return cp;
    }
    List<Path> closure = optional(() -> layout.adapterClosure(folder, artifactId), artifactId);
    if (closure.isEmpty()) {
      return List.of();
    }
    Path hello;
    try {
      hello = layout.helloJar();
    } catch (IOException e) {
      NOTES.add("The hello sample's jar is missing: " + e.getMessage());
      return List.of();
    }
    List<Path> cp = new ArrayList<>();
    cp.add(driver);
    cp.addAll(extra);
    cp.add(hello);
    cp.addAll(closure);
    return cp;
  }

  private static List<Path> withDriver(Path driver, List<Path> app) {
    if (app.isEmpty()) {
      return app;
    }
    List<Path> cp = new ArrayList<>();
    cp.add(driver);
    cp.addAll(app);
    return cp;
  }

  interface Jars {
    List<Path> get() throws IOException;
  }

  private static List<Path> optional(Jars jars, String what) {
    try {
      return jars.get();
    } catch (IOException e) {
      NOTES.add(what + " was not measured: " + e.getMessage());
      return List.of();
    }
  }
}
