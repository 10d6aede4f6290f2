package dev.tern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.Cloud;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.SetCookie;
import dev.tern.Tick;
import dev.tern.spi.Dispatcher;
import dev.tern.testing.contract.Catalogue;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What "the same event" means across clouds, for the contract suite over {@link Catalogue}: the
 * assertions, and the documented gaps where a cloud's native form cannot carry a field.
 *
 * @since 0.1
 */
public final class Contract {
  /** A field some cloud cannot carry. */
  public enum Field {
    /**
     * The 1-based delivery attempt (Pub/Sub reports it only with a dead-letter policy, which the
     * GCP shape's subscription has).
     */
    MESSAGE_ATTEMPT,
    /** When the message was enqueued. */
    MESSAGE_ENQUEUED_AT,
    /**
     * The ETag of a deleted object: S3 {@code ObjectRemoved} notifications and Event Grid {@code
     * BlobDeleted} events do not include it.
     */
    DELETED_OBJECT_ETAG,
    /**
     * The size of a deleted object: S3 {@code ObjectRemoved} notifications and Event Grid {@code
     * BlobDeleted} events do not include it.
     */
    DELETED_OBJECT_SIZE,
    /**
     * Repeated request header values as separate values: API Gateway HTTP APIs (payload 2.0) join
     * them with commas, and a comma inside a value makes the split ambiguous, so Tern keeps the
     * joined value.
     */
    REPEATED_HEADER_VALUES,
    /**
     * The path as the client encoded it: API Gateway HTTP APIs hand Lambda the path percent-decoded
     * (fastify/aws-lambda-fastify issue 169), and Tern encodes it again, so {@code %2B} comes back
     * as {@code +}, and an encoded slash as a slash, which ends a segment. The decoded path, and so
     * every path parameter, is the same.
     */
    ENCODED_PATH,
    /** The content type of a stored object: S3 event notifications do not include it. */
    OBJECT_CONTENT_TYPE,
    /**
     * The version of an object in a bucket without versioning: an S3 notification has {@code
     * versionId} only for versioned buckets, where Cloud Storage's {@code generation} is always
     * set.
     */
    UNVERSIONED_OBJECT_VERSION,
    /**
     * The version of an object: Event Grid blob events have no field for it, versioned or not (the
     * blob trigger has one).
     */
    OBJECT_VERSION,
    /**
     * The user metadata of a stored object: S3 event notifications do not include it, and neither
     * do Azure's Event Grid blob events, which the Azure shape sends (the blob trigger carries it,
     * see {@link dev.tern.testing.azure.AzureShape#withBlobTrigger()}).
     */
    OBJECT_METADATA,
    /**
     * More than one {@code Set-Cookie} in a response: the Azure Functions Java worker's response
     * builder keeps one value per header name, so Tern refuses such a response with 500 rather than
     * dropping cookies.
     */
    MULTIPLE_SET_COOKIES,
    /**
     * A validation error ({@link AuthDecision#invalid}) told from a refusal: Cognito and Identity
     * Platform have only refusals, so it comes back as a denial with the same message.
     */
    VALIDATION_ERROR,
    /**
     * The field errors of a validation error: only Entra's {@code showValidationError} has a place
     * for them; B2C's {@code ValidationError}, which the Azure shape gets before sign-up, shows one
     * message.
     */
    FIELD_ERRORS
  }

  private static final Map<Cloud, Set<Field>> GAPS =
      Map.of(
          Cloud.LOCAL, Set.of(),
          Cloud.AWS,
              Set.of(
                  Field.REPEATED_HEADER_VALUES,
                  Field.ENCODED_PATH,
                  Field.OBJECT_CONTENT_TYPE,
                  Field.UNVERSIONED_OBJECT_VERSION,
                  Field.OBJECT_METADATA,
                  Field.DELETED_OBJECT_ETAG,
                  Field.DELETED_OBJECT_SIZE,
                  Field.VALIDATION_ERROR,
                  Field.FIELD_ERRORS),
          Cloud.AZURE,
              Set.of(
                  Field.REPEATED_HEADER_VALUES,
                  Field.MULTIPLE_SET_COOKIES,
                  Field.OBJECT_VERSION,
                  Field.OBJECT_METADATA,
                  Field.DELETED_OBJECT_ETAG,
                  Field.DELETED_OBJECT_SIZE,
                  Field.FIELD_ERRORS),
          // The GCP shape stands for a subscription with a dead-letter policy, which reports the
          // attempt.
          Cloud.GCP, Set.of(Field.VALIDATION_ERROR, Field.FIELD_ERRORS));

  private Contract() {}

  /** The clouds the contract suite runs on. */
  public static List<Cloud> clouds() {
    return List.of(Cloud.LOCAL, Cloud.AWS, Cloud.AZURE, Cloud.GCP);
  }

  /** The shape of {@code cloud} over {@code dispatcher}. */
  public static CloudShape shape(Cloud cloud, Dispatcher dispatcher) {
    return CloudShapes.create(cloud, dispatcher);
  }

  /** Whether {@code cloud} carries {@code field}. */
  public static boolean carries(Cloud cloud, Field field) {
    return !GAPS.getOrDefault(cloud, Set.of()).contains(field);
  }

  /**
   * Whether {@code request} reaches a function on {@code cloud} by the route it was written for:
   * not where an encoded slash ({@code %2F}) arrives as a slash, which ends the segment it was in.
   */
  public static boolean reachesItsRoute(Cloud cloud, HttpRequest request) {
    return carries(cloud, Field.ENCODED_PATH)
        || !request.path().toUpperCase(Locale.ROOT).contains("%2F");
  }

  public static void assertSameRequest(Cloud cloud, HttpRequest expected, HttpRequest actual) {
    assertThat(actual).as("%s: the function was called", cloud).isNotNull();
    assertThat(actual.method()).as("%s: method", cloud).isEqualTo(expected.method());
    if (carries(cloud, Field.ENCODED_PATH)) {
      assertThat(actual.path()).as("%s: raw path", cloud).isEqualTo(expected.path());
    } else {
      assertThat(URLDecoder.decode(actual.path().replace("+", "%2B"), StandardCharsets.UTF_8))
          .as("%s: decoded path", cloud)
          .isEqualTo(
              URLDecoder.decode(expected.path().replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    assertThat(actual.pathParams())
        .as("%s: path parameters", cloud)
        .isEqualTo(
            dev.tern.spi.RouteTemplate.parse(actual.route().orElseThrow())
                .match(expected.path())
                .orElseThrow());
    assertThat(actual.query().asMap()).as("%s: query", cloud).isEqualTo(expected.query().asMap());
    for (String name : expected.headers().names()) {
      if (name.equalsIgnoreCase("Cookie")) {
        continue;
      }
      List<String> values = expected.headers().all(name);
      if (values.size() > 1 && !carries(cloud, Field.REPEATED_HEADER_VALUES)) {
        values = List.of(String.join(",", values));
      }
      assertThat(actual.headers().all(name)).as("%s: header %s", cloud, name).isEqualTo(values);
    }
    assertThat(actual.cookies()).as("%s: cookies", cloud).isEqualTo(expected.cookies());
    assertThat(actual.body().unsafeBytes())
        .as("%s: body bytes", cloud)
        .isEqualTo(expected.body().unsafeBytes());
    expected
        .body()
        .contentType()
        .ifPresent(
            type ->
                assertThat(actual.header("Content-Type").or(actual.body()::contentType))
                    .as("%s: content type", cloud)
                    .hasValueSatisfying(
                        t -> assertThat(t).startsWithIgnoringCase(type.split(";")[0])));
  }

  public static void assertSameResponse(Cloud cloud, HttpResponse expected, HttpResponse actual) {
    if (expected.cookies().size() > 1 && !carries(cloud, Field.MULTIPLE_SET_COOKIES)) {
      assertThat(actual.status())
          .as("%s: a response with several cookies is refused", cloud)
          .isEqualTo(500);
      return;
    }
    assertThat(actual.status()).as("%s: status", cloud).isEqualTo(expected.status());
    assertThat(actual.body().unsafeBytes())
        .as("%s: response body", cloud)
        .isEqualTo(expected.body().unsafeBytes());
    for (Map.Entry<String, List<String>> header : expected.effectiveHeaders().asMap().entrySet()) {
      assertThat(actual.effectiveHeaders().all(header.getKey()))
          .as("%s: response header %s", cloud, header.getKey())
          .isEqualTo(header.getValue());
    }
    assertThat(actual.cookies())
        .extracting(SetCookie::headerValue)
        .as("%s: cookies", cloud)
        .containsExactlyElementsOf(
            expected.cookies().stream().map(SetCookie::headerValue).toList());
  }

  public static void assertSameBatch(
      Cloud cloud, Catalogue.QueueCase expected, List<Message> seen, List<String> failed) {
    List<String> expectedFailed = new ArrayList<>();
    boolean failing = false;
    List<Message> processed = new ArrayList<>();
    for (Message m : expected.batch()) {
      if (expected.ordered() && failing) {
        expectedFailed.add(m.id());
        continue;
      }
      processed.add(m);
      if (expected.failingIds().contains(m.id())) {
        failing = true;
        expectedFailed.add(m.id());
      }
    }
    assertThat(failed)
        .as("%s: ids reported failed", cloud)
        .containsExactlyInAnyOrderElementsOf(expectedFailed);
    assertThat(seen).as("%s: messages the function saw", cloud).hasSize(processed.size());
    for (int i = 0; i < processed.size(); i++) {
      Message want = processed.get(i);
      Message got = seen.get(i);
      assertThat(got.id()).as("%s: message id", cloud).isEqualTo(want.id());
      assertThat(got.body().unsafeBytes())
          .as("%s: body of %s", cloud, want.id())
          .isEqualTo(want.body().unsafeBytes());
      assertThat(got.attributes())
          .as("%s: attributes of %s", cloud, want.id())
          .containsAllEntriesOf(want.attributes());
      assertThat(got.orderingKey())
          .as("%s: ordering key of %s", cloud, want.id())
          .isEqualTo(want.orderingKey());
      assertThat(got.source()).as("%s: source of %s", cloud, want.id()).endsWith(want.source());
      if (carries(cloud, Field.MESSAGE_ATTEMPT)) {
        assertThat(got.attempt())
            .as("%s: attempt of %s", cloud, want.id())
            .hasValue(want.attempt().orElse(1));
      } else {
        assertThat(got.attempt())
            .as("%s: attempt of %s is unknown there", cloud, want.id())
            .isEmpty();
      }
      if (carries(cloud, Field.MESSAGE_ENQUEUED_AT)) {
        assertThat(got.enqueuedAt())
            .as("%s: enqueue time of %s", cloud, want.id())
            .isEqualTo(want.enqueuedAt());
      }
    }
  }

  /**
   * Asserts that {@code actual}, what the function saw on {@code cloud}, is {@code expected} as
   * that cloud's event carries it for {@code change}.
   */
  public static void assertSameObjectEvent(
      Cloud cloud, ObjectEvent expected, ObjectChange change, ObjectEvent actual) {
    assertThat(actual).as("%s: the function was called", cloud).isNotNull();
    assertThat(actual.kind()).as("%s: kind", cloud).isEqualTo(expected.kind());
    assertThat(actual.bucket()).as("%s: bucket", cloud).isEqualTo(expected.bucket());
    assertThat(actual.key()).as("%s: key", cloud).isEqualTo(expected.key());
    boolean deleted = expected.kind() == ObjectEvent.Kind.DELETED;
    if (!deleted || carries(cloud, Field.DELETED_OBJECT_SIZE)) {
      assertThat(actual.size()).as("%s: size", cloud).isEqualTo(expected.size());
    } else {
      assertThat(actual.size())
          .as("%s: size of a deleted object is not reported there", cloud)
          .isEmpty();
    }
    if (carries(cloud, Field.OBJECT_CONTENT_TYPE)) {
      assertThat(actual.contentType())
          .as("%s: content type", cloud)
          .isEqualTo(expected.contentType());
    } else {
      assertThat(actual.contentType())
          .as("%s: content type is not reported there", cloud)
          .isEmpty();
    }
    if (carries(cloud, Field.OBJECT_METADATA)) {
      assertThat(actual.metadata()).as("%s: metadata", cloud).isEqualTo(expected.metadata());
    } else {
      assertThat(actual.metadata()).as("%s: metadata is not reported there", cloud).isEmpty();
    }
    if (!deleted || carries(cloud, Field.DELETED_OBJECT_ETAG)) {
      assertThat(actual.etag()).as("%s: etag", cloud).isEqualTo(etagAsSent(cloud, expected));
    } else {
      assertThat(actual.etag())
          .as("%s: etag of a deleted object is not reported there", cloud)
          .isEmpty();
    }
    assertThat(actual.version())
        .as("%s: version", cloud)
        .isEqualTo(versionAsSent(cloud, expected, change));
    assertThat(actual.time()).as("%s: time", cloud).isEqualTo(expected.time());
    assertThat(actual.id()).as("%s: event id", cloud).isEqualTo(idAsSent(cloud, expected, change));
  }

  /**
   * The version a function on {@code cloud} sees for {@code event}. Cloud Storage always sends the
   * generation; an S3 notification has {@code versionId} only for versioned buckets, and for a
   * deletion that left a delete marker, the marker's (<a
   * href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html">structure</a>);
   * Event Grid blob events have none.
   */
  public static Optional<String> versionAsSent(
      Cloud cloud, ObjectEvent event, ObjectChange change) {
    if (!carries(cloud, Field.OBJECT_VERSION)
        || !change.versioned() && !carries(cloud, Field.UNVERSIONED_OBJECT_VERSION)) {
      return Optional.empty();
    }
    if (cloud == Cloud.AWS && event.kind() == ObjectEvent.Kind.DELETED) {
      return change.deleteMarker().or(event::version);
    }
    return event.version();
  }

  /**
   * The id a function on {@code cloud} sees for {@code event}: on AWS, S3's request id, {@code
   * sequencer}, bucket and form-encoded key, and version id joined by colons, the sequencer sent
   * for creations and deletions only, the version id as the function sees it; elsewhere the event's
   * id.
   */
  public static String idAsSent(Cloud cloud, ObjectEvent event, ObjectChange change) {
    if (cloud != Cloud.AWS) {
      return event.id();
    }
    boolean sequenced =
        event.kind() == ObjectEvent.Kind.CREATED || event.kind() == ObjectEvent.Kind.DELETED;
    String key = URLEncoder.encode(event.key(), StandardCharsets.UTF_8).replace("%2F", "/");
    return event.id()
        + (sequenced ? ":" + String.format(Locale.ROOT, "%018X", change.sequence()) : "")
        + ":"
        + event.bucket()
        + "/"
        + key
        + versionAsSent(cloud, event, change).map(v -> ":" + v).orElse("");
  }

  /**
   * The ETag a function on {@code cloud} sees for {@code event}'s object. Cloud Storage sends the
   * MD5 as {@code md5Hash}, in base64 (<a
   * href="https://cloud.google.com/storage/docs/json_api/v1/objects">object resource</a>), so the
   * catalogue's hex MD5s arrive there as their base64; S3 and Azure send the ETag as it is.
   */
  public static Optional<String> etagAsSent(Cloud cloud, ObjectEvent event) {
    return event
        .etag()
        .map(
            etag ->
                cloud == Cloud.GCP && etag.matches("[0-9a-f]{32}")
                    ? Base64.getEncoder().encodeToString(HexFormat.of().parseHex(etag))
                    : etag);
  }

  public static void assertSameTick(Cloud cloud, Tick expected, Tick actual) {
    assertThat(actual).as("%s: the function was called", cloud).isNotNull();
    assertThat(actual.name()).as("%s: schedule name", cloud).isEqualTo(expected.name());
    assertThat(actual.dueAt()).as("%s: due time", cloud).isEqualTo(expected.dueAt());
    assertThat(actual.isLate()).as("%s: late", cloud).isEqualTo(expected.isLate());
  }

  public static void assertSameAuthEvent(Cloud cloud, AuthEvent expected, AuthEvent actual) {
    assertThat(actual).as("%s: the function was called", cloud).isNotNull();
    assertThat(actual.moment()).as("%s: moment", cloud).isEqualTo(expected.moment());
    assertThat(actual.user().email()).as("%s: e-mail", cloud).isEqualTo(expected.user().email());
    expected
        .user()
        .id()
        .ifPresent(id -> assertThat(actual.user().id()).as("%s: user id", cloud).hasValue(id));
  }

  public static void assertSameDecision(Cloud cloud, AuthDecision expected, AuthDecision actual) {
    assertThat(actual.isAllowed()).as("%s: allowed", cloud).isEqualTo(expected.isAllowed());
    assertThat(actual.message()).as("%s: denial message", cloud).isEqualTo(expected.message());
    if (carries(cloud, Field.VALIDATION_ERROR)) {
      assertThat(actual.isInvalid())
          .as("%s: validation error", cloud)
          .isEqualTo(expected.isInvalid());
    } else {
      assertThat(actual.isInvalid())
          .as("%s: a validation error is a denial there", cloud)
          .isFalse();
    }
    if (carries(cloud, Field.FIELD_ERRORS)) {
      assertThat(actual.fieldErrors())
          .as("%s: field errors", cloud)
          .isEqualTo(expected.fieldErrors());
    } else {
      assertThat(actual.fieldErrors()).as("%s: field errors are not shown there", cloud).isEmpty();
    }
    assertThat(actual.claims()).as("%s: added claims", cloud).isEqualTo(expected.claims());
  }
}
