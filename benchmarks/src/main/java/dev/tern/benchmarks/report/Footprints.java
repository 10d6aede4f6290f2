package dev.tern.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The deployable hello artifact per cloud, and the baselines' for scale. Where the sample builds a
 * cloud's deployable itself, that file is measured; otherwise the runtime closure that would be
 * deployed (the sample's jar plus the adapter and its runtime dependencies, without what the
 * platform provides) is measured, and the report says so.
 */
final class Footprints {
  private Footprints() {}

  static List<Footprint> all(Layout layout, List<String> notes) throws IOException {
    List<Footprint> out = new ArrayList<>();
    cloud(out, layout, notes, "aws", "adapters-aws", "tern-aws", "AWS Lambda");
    cloud(out, layout, notes, "gcp", "adapters-gcp", "tern-gcp", "Google Cloud Functions");
    cloud(out, layout, notes, "azure", "adapters-azure", "tern-azure", "Azure Functions");
    out.add(
        Footprint.of(
            "raw jackson-core streaming handler",
            "aws-lambda-java-core + jackson-core (handler class not counted)",
            List.of(layout.lib("aws-lambda-java-core"), layout.lib("jackson-core"))));
    out.add(
        Footprint.of(
            "raw Jackson databind handler",
            "aws-lambda-java-core + jackson-core, -databind, -annotations",
            List.of(
                layout.lib("aws-lambda-java-core"),
                layout.lib("jackson-core"),
                layout.lib("jackson-databind"),
                layout.lib("jackson-annotations"))));
    try {
      out.add(
          Footprint.of(
              "Spring Cloud Function hello (AWS)",
              "app jar + lib/ as Maven resolves spring-cloud-function-adapter-aws 5.0.5",
              layout.springClosure()));
    } catch (IOException e) {
      notes.add("Spring Cloud Function footprint missing: " + e.getMessage());
    }
    return out;
  }

  private static void cloud(
      List<Footprint> out,
      Layout layout,
      List<String> notes,
      String cloud,
      String folder,
      String artifactId,
      String label) {
    try {
      Path packaged = layout.helloDeployable(cloud);
      if (packaged != null) {
        out.add(
            Footprint.of(
                "Tern hello, " + label,
                "the sample's own deployable, " + layout.root.relativize(packaged),
                List.of(packaged)));
        return;
      }
      List<Path> files = new ArrayList<>();
      files.add(layout.helloJar());
      files.addAll(layout.adapterClosure(folder, artifactId));
      out.add(
          Footprint.of(
              "Tern hello, " + label,
              "hello jar + "
                  + artifactId
                  + " + its runtime dependencies, as a "
                  + label
                  + " app of this one cloud ships them (the sample builds no single-cloud"
                  + " deployable for it: its app folder also carries the other adapters)",
              files));
    } catch (IOException e) {
      notes.add("Footprint for " + label + " missing: " + e.getMessage());
    }
  }
}
