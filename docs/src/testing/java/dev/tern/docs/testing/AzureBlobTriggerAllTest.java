package dev.tern.docs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Cloud;
import dev.tern.testing.AcrossClouds;
import dev.tern.testing.Harness;
import dev.tern.testing.TernTest;
import java.nio.charset.StandardCharsets;

/** {@code azureBlobTrigger = true} puts every storage function on the blob trigger on Azure. */
// snippet: testing-tern-test-blob-trigger
@TernTest(value = Thumbnails.class, azureBlobTrigger = true) // the [azure] run of @AcrossClouds
// end snippet
class AzureBlobTriggerAllTest {
  @AcrossClouds
  void thumbnailsIsOnTheBlobTriggerOnAzure(Harness harness) {
    harness.putObject("photos", "cat.jpg", "jpeg".getBytes(StandardCharsets.UTF_8), "image/jpeg");

    String id = harness.instance(Thumbnails.class).events.get(0).id();
    assertThat(id.startsWith("photos/cat.jpg@")).isEqualTo(harness.cloud() == Cloud.AZURE);
  }
}
