package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tern.Cloud;
import dev.tern.Context;
import dev.tern.InvalidValueException;
import dev.tern.ObjectEvent;
import dev.tern.OnStorage;
import dev.tern.StorageFunction;
import dev.tern.spi.FunctionDescriptor;
import dev.tern.spi.FunctionIndex;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Buckets declared with {@link Harness.Builder#versionedBuckets(String...)}, and the order of the
 * changes of a bucket, as each cloud's storage event tells them.
 */
class VersionedBucketsTest {
  /**
   * Wants every change Cloud Storage reports for a versioned bucket, {@code ARCHIVED} too. It is
   * not annotated, as such a function is in an app built for GCP alone (tern-azure refuses to
   * compile one, since Azure has no such event); the harness finds it in the function index of
   * {@link #archiving(Path)}.
   */
  public static final class Versions implements StorageFunction {
    final List<ObjectEvent> events = new ArrayList<>();

    @Override
    public void handle(ObjectEvent event, Context context) {
      events.add(event);
    }
  }

  /** Fails the first delivery of every event, to show what a redelivery carries. */
  @OnStorage(
      bucket = "retried",
      kinds = {ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED},
      name = "HarnessRetried")
  public static final class Retried implements StorageFunction {
    final List<ObjectEvent> events = new ArrayList<>();
    private final Set<String> failed = new HashSet<>();

    @Override
    public void handle(ObjectEvent event, Context context) {
      events.add(event);
      if (failed.add(event.id())) {
        throw new IllegalStateException("first delivery of " + event.id());
      }
    }
  }

  /** A class loader whose function index holds {@link Versions} alone, on the bucket "versions". */
  private static ClassLoader archiving(Path dir) throws IOException {
    Path index = dir.resolve("functions");
    Files.writeString(
        index,
        FunctionIndex.format(
            List.of(
                FunctionDescriptor.storage(
                    "HarnessVersions",
                    Versions.class.getName(),
                    "versions",
                    Set.of(
                        ObjectEvent.Kind.CREATED,
                        ObjectEvent.Kind.DELETED,
                        ObjectEvent.Kind.ARCHIVED)))));
    URL url = index.toUri().toURL();
    return new ClassLoader(VersionedBucketsTest.class.getClassLoader()) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        return name.equals(FunctionIndex.RESOURCE)
            ? Collections.enumeration(List.of(url))
            : super.getResources(name);
      }
    };
  }

  /** The {@code s3} part of the S3 notification record a function on AWS was given. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> s3(ObjectEvent seen) {
    return (Map<String, Object>) ((Map<String, Object>) seen.raw().orElseThrow()).get("s3");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> s3Object(ObjectEvent seen) {
    return (Map<String, Object>) s3(seen).get("object");
  }

  @SuppressWarnings("unchecked")
  private static String s3EventName(ObjectEvent seen) {
    return (String) ((Map<String, Object>) seen.raw().orElseThrow()).get("eventName");
  }

  /** The sequencer of the S3 notification or Event Grid event a function was given. */
  private static String sequencer(ObjectEvent seen) {
    Object raw = seen.raw().orElseThrow();
    return raw instanceof JsonNode
        ? ((JsonNode) raw).path("data").path("sequencer").asText()
        : (String) s3Object(seen).get("sequencer");
  }

  @Test
  void sendsTheS3VersionIdOnlyForAVersionedBucket() {
    Map<Boolean, ObjectEvent> seen = new LinkedHashMap<>();
    for (boolean versioned : List.of(false, true)) {
      Harness.Builder builder =
          Harness.builder().functions(HarnessTest.Uploads.class).cloud(Cloud.AWS);
      if (versioned) {
        builder.versionedBuckets("uploads");
      }
      Harness harness = builder.build();

      ObjectEvent put = harness.putObject("uploads", "a.txt", "a");

      assertThat(put.version()).as("the harness's generation").hasValue("1");
      assertThat(harness.instance(HarnessTest.Uploads.class).events).hasSize(1);
      seen.put(versioned, harness.instance(HarnessTest.Uploads.class).events.get(0));
    }

    assertThat(seen.get(false).version()).isEmpty();
    assertThat(s3Object(seen.get(false))).doesNotContainKey("versionId");
    assertThat(seen.get(true).version()).hasValue("1");
    assertThat(s3Object(seen.get(true))).containsEntry("versionId", "1");
  }

  @Test
  void deletingFromAVersionedBucketOnAwsLeavesADeleteMarkerWithAVersionOfItsOwn() {
    Harness harness =
        Harness.builder()
            .functions(HarnessTest.Uploads.class)
            .cloud(Cloud.AWS)
            .versionedBuckets("uploads")
            .build();

    harness.putObject("uploads", "a.txt", "a");
    ObjectEvent deleted = harness.deleteObject("uploads", "a.txt");
    ObjectEvent again = harness.putObject("uploads", "a.txt", "b");
    ObjectEvent ghost = harness.deleteObject("uploads", "never-stored.txt");

    assertThat(deleted.kind()).isEqualTo(ObjectEvent.Kind.DELETED);
    assertThat(deleted.version()).as("the deleted object's, as returned").hasValue("1");
    assertThat(again.version()).as("the marker took generation 2").hasValue("3");
    assertThat(ghost.version()).isEmpty();
    assertThat(harness.instance(HarnessTest.Uploads.class).events)
        .extracting(
            ObjectEvent::kind,
            ObjectEvent::version,
            ObjectEvent::id,
            VersionedBucketsTest::s3EventName)
        .containsExactly(
            tuple(
                ObjectEvent.Kind.CREATED,
                Optional.of("1"),
                "e-1:000000000000000001:uploads/a.txt:1",
                "ObjectCreated:Put"),
            tuple(
                ObjectEvent.Kind.DELETED,
                Optional.of("2"),
                "e-2:000000000000000002:uploads/a.txt:2",
                "ObjectRemoved:DeleteMarkerCreated"),
            tuple(
                ObjectEvent.Kind.CREATED,
                Optional.of("3"),
                "e-3:000000000000000003:uploads/a.txt:3",
                "ObjectCreated:Put"),
            // S3 leaves a marker for a key that holds no object too
            tuple(
                ObjectEvent.Kind.DELETED,
                Optional.of("4"),
                "e-4:000000000000000004:uploads/never-stored.txt:4",
                "ObjectRemoved:DeleteMarkerCreated"));
  }

  @Test
  void aFunctionThatIgnoresDeletionsOfAnotherVersionKeepsAnObjectDeletedFromAVersionedS3Bucket() {
    Harness harness =
        Harness.builder()
            .functions(HarnessTest.Catalog.class)
            .cloud(Cloud.AWS)
            .versionedBuckets("catalog")
            .build();

    harness.putObject("catalog", "a.csv", "1");
    harness.deleteObject("catalog", "a.csv");

    HarnessTest.Catalog catalog = harness.instance(HarnessTest.Catalog.class);
    assertThat(catalog.naive).isEmpty();
    assertThat(catalog.guarded)
        .as("the delete marker's version is not the one indexed, so the deletion looks stale")
        .containsOnlyKeys("a.csv");
  }

  @Test
  void overwritingOrDeletingInAVersionedBucketOnGcpArchivesTheLiveObjectInsteadOfDeletingIt(
      @TempDir Path dir) throws IOException {
    Map<Boolean, List<ObjectEvent>> seen = new LinkedHashMap<>();
    for (boolean versioned : List.of(false, true)) {
      Harness.Builder builder = Harness.builder().classLoader(archiving(dir)).cloud(Cloud.GCP);
      if (versioned) {
        builder.versionedBuckets("versions");
      }
      Harness harness = builder.build();

      ObjectEvent first = harness.putObject("versions", "a.txt", "1");
      ObjectEvent second = harness.putObject("versions", "a.txt", "2");
      ObjectEvent deleted = harness.deleteObject("versions", "a.txt");

      assertThat(List.of(first.version(), second.version()))
          .containsExactly(Optional.of("1"), Optional.of("2"));
      assertThat(deleted.kind())
          .as("versioned: %s", versioned)
          .isEqualTo(versioned ? ObjectEvent.Kind.ARCHIVED : ObjectEvent.Kind.DELETED);
      assertThat(deleted.version()).isEqualTo(second.version());
      assertThat(harness.object("versions", "a.txt")).isEmpty();
      seen.put(versioned, harness.instance(Versions.class).events);
    }

    assertThat(seen.get(false))
        .extracting(ObjectEvent::kind, ObjectEvent::version, ObjectEvent::id)
        .containsExactly(
            tuple(ObjectEvent.Kind.CREATED, Optional.of("1"), "e-1"),
            tuple(ObjectEvent.Kind.CREATED, Optional.of("2"), "e-2"),
            tuple(ObjectEvent.Kind.DELETED, Optional.of("1"), "e-3"),
            tuple(ObjectEvent.Kind.DELETED, Optional.of("2"), "e-4"));
    assertThat(seen.get(true))
        .extracting(
            ObjectEvent::kind,
            ObjectEvent::version,
            ObjectEvent::id,
            e -> ((CloudEvent) e.raw().orElseThrow()).getType())
        .containsExactly(
            tuple(
                ObjectEvent.Kind.CREATED,
                Optional.of("1"),
                "e-1",
                "google.cloud.storage.object.v1.finalized"),
            tuple(
                ObjectEvent.Kind.CREATED,
                Optional.of("2"),
                "e-2",
                "google.cloud.storage.object.v1.finalized"),
            // the replaced generation became noncurrent
            tuple(
                ObjectEvent.Kind.ARCHIVED,
                Optional.of("1"),
                "e-3",
                "google.cloud.storage.object.v1.archived"),
            // and so did the live one, deleted without naming its generation
            tuple(
                ObjectEvent.Kind.ARCHIVED,
                Optional.of("2"),
                "e-4",
                "google.cloud.storage.object.v1.archived"));
  }

  @Test
  void aFunctionThatWantsDeletionsHearsOfNoneInAVersionedBucketOnGcpOnly() {
    Map<Cloud, List<ObjectEvent.Kind>> seen = new LinkedHashMap<>();
    for (Cloud cloud : List.of(Cloud.LOCAL, Cloud.AWS, Cloud.AZURE, Cloud.GCP)) {
      Harness harness =
          Harness.builder()
              .functions(HarnessTest.Uploads.class)
              .cloud(cloud)
              .versionedBuckets("uploads")
              .build();

      harness.putObject("uploads", "a.txt", "1");
      harness.putObject("uploads", "a.txt", "2");
      harness.deleteObject("uploads", "a.txt");

      seen.put(
          cloud,
          harness.instance(HarnessTest.Uploads.class).events.stream()
              .map(ObjectEvent::kind)
              .toList());
    }

    List<ObjectEvent.Kind> putPutDelete =
        List.of(ObjectEvent.Kind.CREATED, ObjectEvent.Kind.CREATED, ObjectEvent.Kind.DELETED);
    assertThat(seen)
        .containsExactly(
            Map.entry(Cloud.LOCAL, putPutDelete),
            Map.entry(Cloud.AWS, putPutDelete),
            Map.entry(Cloud.AZURE, putPutDelete),
            // Cloud Storage reports both as archived, which HarnessUploads does not want
            Map.entry(Cloud.GCP, List.of(ObjectEvent.Kind.CREATED, ObjectEvent.Kind.CREATED)));
  }

  @Test
  void givesTheAzureBlobTriggerTheVersionOnlyInAVersionedBucket() {
    Map<Boolean, Optional<String>> seen = new LinkedHashMap<>();
    for (boolean versioned : List.of(false, true)) {
      Harness.Builder builder =
          Harness.builder()
              .functions(HarnessTest.Photos.class)
              .cloud(Cloud.AZURE)
              .azureBlobTrigger();
      if (versioned) {
        builder.versionedBuckets("photos");
      }
      Harness harness = builder.build();

      harness.putObject("photos", "cat.png", "meow");

      seen.put(versioned, harness.instance(HarnessTest.Photos.class).events.get(0).version());
    }

    assertThat(seen)
        .containsExactly(Map.entry(false, Optional.empty()), Map.entry(true, Optional.of("1")));
  }

  @Test
  void sendsEachChangeOfAKeyWithAGreaterSequencerAndARedeliveryWithTheSameOnAwsAndAzure() {
    Map<Cloud, List<String>> sequencers = new LinkedHashMap<>();
    for (Cloud cloud : List.of(Cloud.AWS, Cloud.AZURE)) {
      Harness harness =
          Harness.builder()
              .functions(Retried.class)
              .cloud(cloud)
              .delivery(DeliveryPolicy.sqs().withRetryDelay(Duration.ZERO))
              // retried at once, as the delivery policy says, rather than a minute later (Lambda)
              .storageDelivery(StoragePolicy.Preset.DELIVERY)
              .build();

      ObjectEvent first = harness.putObject("retried", "a.txt", "1");
      harness.putObject("retried", "a.txt", "2");
      harness.deleteObject("retried", "a.txt");

      List<ObjectEvent> seen = harness.instance(Retried.class).events;
      assertThat(seen).as(cloud.name()).hasSize(6);
      for (int i = 0; i < seen.size(); i += 2) {
        assertThat(seen.get(i + 1).id())
            .as("%s: a redelivery has the id of the first delivery", cloud)
            .isEqualTo(seen.get(i).id());
      }
      assertThat(harness.deliveriesOf(first.id()))
          .extracting(Delivery::attempt, Delivery::succeeded)
          .containsExactly(tuple(1, false), tuple(2, true));
      sequencers.put(cloud, seen.stream().map(VersionedBucketsTest::sequencer).toList());
    }

    assertThat(sequencers.get(Cloud.AWS))
        .containsExactly(
            "000000000000000001",
            "000000000000000001",
            "000000000000000002",
            "000000000000000002",
            "000000000000000003",
            "000000000000000003");
    assertThat(sequencers.get(Cloud.AZURE))
        .containsExactly(
            "00000000000000000000000000000001",
            "00000000000000000000000000000001",
            "00000000000000000000000000000002",
            "00000000000000000000000000000002",
            "00000000000000000000000000000003",
            "00000000000000000000000000000003");
    assertThat(sequencers.get(Cloud.AZURE)).isSorted();
  }

  @Test
  void refusesAVersionedBucketWithoutAName() {
    assertThatThrownBy(() -> Harness.builder().versionedBuckets("photos", " "))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("a versioned bucket has no name");
    assertThatThrownBy(() -> Harness.builder().versionedBuckets((String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("bucket == null");
  }
}
