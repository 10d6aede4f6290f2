package dev.tern.gcp;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared sample events beside the repository ({@code ../shared/fixtures}): required when {@code
 * CI=true}, otherwise their tests abort with the path they looked for.
 */
final class SharedFixtures {
  private SharedFixtures() {}

  static Path gcp(String folder) {
    String root = System.getProperty("tern.repositoryRoot");
    if (root == null) {
      fail("system property tern.repositoryRoot is not set; run the tests through Maven");
    }
    Path dir = Path.of(root).resolve("../shared/fixtures/gcp").resolve(folder).normalize();
    if (!Files.isDirectory(dir)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("shared fixtures are required in CI but " + dir + " does not exist");
      }
      Assumptions.abort("shared fixtures not found at " + dir);
    }
    return dir;
  }
}
