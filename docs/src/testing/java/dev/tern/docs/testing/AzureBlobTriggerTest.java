package dev.tern.docs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tern.Cloud;
import dev.tern.ObjectEvent;
import dev.tern.testing.Harness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The blob trigger chosen per function or for every storage function. */
class AzureBlobTriggerTest {
  private final byte[] photo = "jpeg".getBytes(StandardCharsets.UTF_8);

  @Test
  void perFunction() {
    // snippet: testing-azure-blob-trigger-for
    Harness harness =
        Harness.builder()
            .functions(Thumbnails.class, AuditDeletions.class)
            .cloud(Cloud.AZURE)
            .azureBlobTrigger(Thumbnails.class) // AuditDeletions keeps Event Grid
            .build();
    // end snippet

    harness.putObject("photos", "cat.jpg", photo, "image/jpeg");
    harness.deleteObject("photos", "cat.jpg");

    ObjectEvent created = harness.instance(Thumbnails.class).events.get(0);
    assertThat(created.id()).startsWith("photos/cat.jpg@");
    assertThat(harness.instance(AuditDeletions.class).events)
        .extracting(ObjectEvent::kind, ObjectEvent::id)
        .containsExactly(tuple(ObjectEvent.Kind.DELETED, "e-2"));
  }

  @Test
  void forEveryStorageFunction() {
    // snippet: testing-azure-blob-trigger
    Harness harness =
        Harness.builder().functions(Thumbnails.class).cloud(Cloud.AZURE).azureBlobTrigger().build();
    // end snippet

    harness.putObject("photos", "cat.jpg", photo, "image/jpeg");

    assertThat(harness.instance(Thumbnails.class).events.get(0).id()).startsWith("photos/cat.jpg@");
  }
}
