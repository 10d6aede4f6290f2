package dev.tern.aws.conformance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates {@code ../shared/fixtures/<cloud>} beside the repository root, which the build passes as
 * the system property {@code tern.root}. Missing fixtures fail the build in CI ({@code CI=true})
 * and abort the test with an assumption elsewhere.
 */
public final class SharedFixtures {
  private SharedFixtures() {}

  public static Path folder(String cloud) {
    String root =
        System.getProperty(
            "tern.root", System.getProperty("maven.multiModuleProjectDirectory", ""));
    Path folder =
        Path.of(root.isEmpty() ? "." : root)
            .toAbsolutePath()
            .normalize()
            .resolve("../shared/fixtures")
            .resolve(cloud)
            .normalize();
    if (!Files.isDirectory(folder)) {
      String message = "the shared fixtures are not at " + folder;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(message + "; CI requires them");
      }
      assumeTrue(false, message);
    }
    return folder;
  }
}
