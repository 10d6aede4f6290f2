package dev.tern.docs.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.Cloud;
import dev.tern.testing.Harness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** triggers/storage.md: ReceiptUploaded records the decoded key. */
class StorageTest {
  @ParameterizedTest
  @EnumSource(Cloud.class)
  void recordsTheDecodedKey(Cloud cloud) {
    OrdersApp app = new OrdersApp();
    Harness harness =
        Harness.builder().functions(ReceiptUploaded.class).factory(app).cloud(cloud).build();

    harness.putObject(
        "receipts",
        "2026/03/receipt o-1.pdf",
        "%PDF".getBytes(StandardCharsets.US_ASCII),
        "application/pdf");

    assertThat(app.book().receipts()).containsExactly("2026/03/receipt o-1.pdf");
    assertThat(harness.logs())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"key\":\"2026/03/receipt o-1.pdf\"")
                    .contains(
                        cloud == Cloud.AWS // an S3 notification carries no content type
                            ? "\"contentType\":\"unknown\""
                            : "\"contentType\":\"application/pdf\""));
  }
}
