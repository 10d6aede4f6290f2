package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Cloud;
import dev.tern.ObjectEvent;
import java.util.Map;

/** The harness options {@link TernTest} passes on, in each run of {@link AcrossClouds}. */
@TernTest(value = HarnessTest.Photos.class, azureBlobTrigger = true)
class TernExtensionTest {
  private static final Map<String, String> METADATA = Map.of("camera", "x100");

  private static ObjectEvent put(Harness harness) {
    harness.putObject("photos", "cats/tabby.png", new byte[] {1, 2, 3}, "image/png", METADATA);
    assertThat(harness.instance(HarnessTest.Photos.class).events).hasSize(1);
    return harness.instance(HarnessTest.Photos.class).events.get(0);
  }

  @AcrossClouds
  void deliversMetadataOnEveryCloudWhoseChosenSourceCarriesIt(Harness harness) {
    ObjectEvent got = put(harness);

    // S3 notifications never carry it; on Azure the class chose the blob trigger, which does.
    assertThat(got.metadata())
        .as(harness.cloud().name())
        .isEqualTo(harness.cloud() == Cloud.AWS ? Map.of() : METADATA);
  }

  @AcrossClouds(Cloud.AZURE)
  @TernTest(HarnessTest.Photos.class)
  void deliversEventGridEventsOnAzureUnlessTheBlobTriggerIsChosen(Harness harness) {
    ObjectEvent got = put(harness);

    assertThat(harness.cloud()).isEqualTo(Cloud.AZURE);
    assertThat(got.metadata()).isEmpty();
    assertThat(got.id()).doesNotContain("@");
  }
}
