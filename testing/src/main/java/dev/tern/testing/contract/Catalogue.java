package dev.tern.testing.contract;

import dev.tern.AuthDecision;
import dev.tern.AuthEvent;
import dev.tern.AuthMoment;
import dev.tern.AuthUser;
import dev.tern.Body;
import dev.tern.HttpRequest;
import dev.tern.HttpResponse;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.SetCookie;
import dev.tern.Tick;
import dev.tern.testing.ObjectChange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The canonical neutral events every adapter must carry faithfully. The contract suite sends each
 * one through every cloud's native form ({@link dev.tern.testing.CloudShape}) and checks that the
 * function sees the same event and the client the same answer. Adding a case here tests all three
 * clouds.
 *
 * <p>The cases are chosen for the traps: repeated query keys and headers, encoded path segments,
 * keys with spaces and plus signs, binary bodies with bytes that are not UTF-8, non-ASCII text,
 * several cookies, FIFO batches with a failure in the middle, changes of versioned and unversioned
 * buckets.
 *
 * @since 0.1
 */
public final class Catalogue {
  /** When every case happens, unless it says otherwise. */
  public static final Instant TIME = Instant.parse("2026-03-14T15:09:26.535Z");

  /**
   * The version of the objects of the storage cases: a number, as Cloud Storage's {@code
   * generation} is one (an S3 version id is any string).
   */
  static final String GENERATION = "1773500966535000";

  /** The version id of the delete marker of the versioned deletion case. */
  static final String DELETE_MARKER = "1773500966535001";

  private static final byte[] PNG = {
    (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, (byte) 0xff, (byte) 0xfe
  };

  private Catalogue() {}

  /** A request, and the response the function answers it with. */
  public record HttpCase(String name, HttpRequest request, HttpResponse response) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A batch from one source and the bodies of the messages the function fails. */
  public record QueueCase(
      String name, List<Message> batch, Set<String> failingIds, boolean ordered) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * A storage event and what its bucket knows of the change: whether the bucket keeps versions, and
   * the change's sequence, which S3 and Event Grid send as the {@code sequencer}.
   */
  public record StorageCase(String name, ObjectEvent event, ObjectChange change) {
    @Override
    public String toString() {
      return name;
    }
  }

  public record ScheduleCase(String name, Tick tick) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** An auth event and the decision the function makes. */
  public record AuthCase(String name, AuthEvent event, AuthDecision decision) {
    @Override
    public String toString() {
      return name;
    }
  }

  public static List<HttpCase> http() {
    return List.of(
        new HttpCase(
            "get with repeated query keys, an encoded segment and repeated headers",
            HttpRequest.builder("GET", "/contract/files/a%20b%2Bc?tag=x&tag=y&q=1%2B1+2&empty=")
                .header("Accept", "application/json")
                .header("X-Trace", "one")
                .header("X-Trace", "two")
                .header("Cookie", "session=abc; theme=dark")
                .build(),
            HttpResponse.json(Map.of("ok", true)).withHeader("Cache-Control", "no-store")),
        new HttpCase(
            "post with non-ASCII JSON, answered 201 with a location",
            HttpRequest.builder("POST", "/contract/orders")
                .header("Content-Type", "application/json")
                .body(
                    Body.ofText(
                        "{\"customer\":\"Zoë Ångström\",\"note\":\"☕ × 2\"}", "application/json"))
                .build(),
            HttpResponse.json(Map.of("id", "o-1"))
                .withStatus(201)
                .withHeader("Location", "/orders/o-1")),
        new HttpCase(
            "binary upload answered with binary content and two cookies",
            HttpRequest.builder("PUT", "/contract/images/logo.png")
                .header("Content-Type", "application/octet-stream")
                .body(Body.of(PNG, "application/octet-stream"))
                .build(),
            HttpResponse.bytes(PNG, "application/octet-stream")
                .withCookie(SetCookie.of("a", "1").withPath("/"))
                .withCookie(SetCookie.of("b", "2").httpOnly())),
        new HttpCase(
            "an encoded slash stays inside its path parameter",
            HttpRequest.builder("GET", "/contract-file/reports%2F2026.csv").build(),
            HttpResponse.text("found")),
        new HttpCase(
            "delete answered 204",
            HttpRequest.builder("DELETE", "/contract/orders/o-1").build(),
            HttpResponse.noContent()));
  }

  public static List<QueueCase> queue() {
    return List.of(
        new QueueCase(
            "one message with attributes and non-ASCII text",
            List.of(
                message("m-100", "{\"orderId\":\"o-1\",\"note\":\"größer\"}")
                    .attributes(Map.of("type", "order.paid", "tenant", "acme"))
                    .build()),
            Set.of(),
            false),
        new QueueCase(
            "a batch of three whose middle message fails",
            List.of(
                message("m-201", "first").build(),
                message("m-202", "second").build(),
                message("m-203", "third").build()),
            Set.of("m-202"),
            false),
        new QueueCase(
            "an ordered batch whose first message fails",
            List.of(
                message("m-301", "one").orderingKey("customer-7").build(),
                message("m-302", "two").orderingKey("customer-7").build()),
            Set.of("m-301"),
            true));
  }

  public static List<StorageCase> storage() {
    return List.of(
        new StorageCase(
            "object created with a space, a plus and non-ASCII in its key, and user metadata",
            ObjectEvent.builder(
                    ObjectEvent.Kind.CREATED,
                    "contract-bucket",
                    "reports/Q1 2026+draft/Übersicht.csv")
                .size(1234)
                .contentType("text/csv")
                .etag("9b2cf535f27731c974343645a3985328")
                .metadata(Map.of("owner", "ada", "source", "scanner 3"))
                .version(GENERATION)
                .time(TIME)
                .id("evt-1")
                .build(),
            ObjectChange.unversioned(41)),
        new StorageCase(
            "object deleted, with the size, ETag, content type and user metadata it had",
            ObjectEvent.builder(ObjectEvent.Kind.DELETED, "contract-bucket", "old/data.bin")
                .size(2048)
                .etag("0f343b0931126a20f133d67c2b018a3b")
                .contentType("application/octet-stream")
                .metadata(Map.of("owner", "grace"))
                .version(GENERATION)
                .time(TIME)
                .id("evt-2")
                .build(),
            ObjectChange.unversioned(42)),
        new StorageCase(
            "object created in a versioned bucket",
            ObjectEvent.builder(ObjectEvent.Kind.CREATED, "contract-bucket", "versions/a.txt")
                .size(3)
                .contentType("text/plain")
                .etag("900150983cd24fb0d6963f7d28e17f72")
                .version(GENERATION)
                .time(TIME)
                .id("evt-3")
                .build(),
            ObjectChange.versioned(43)),
        new StorageCase(
            "object deleted from a versioned bucket, where S3 leaves a delete marker",
            ObjectEvent.builder(ObjectEvent.Kind.DELETED, "contract-bucket", "versions/a.txt")
                .size(3)
                .contentType("text/plain")
                .etag("900150983cd24fb0d6963f7d28e17f72")
                .version(GENERATION)
                .time(TIME)
                .id("evt-4")
                .build(),
            ObjectChange.versioned(44).withDeleteMarker(DELETE_MARKER)));
  }

  public static List<ScheduleCase> schedule() {
    return List.of(
        new ScheduleCase(
            "a nightly tick",
            Tick.of(
                "ContractNightly",
                Instant.parse("2026-03-15T02:00:00Z"),
                Instant.parse("2026-03-15T02:00:00Z"),
                false)));
  }

  public static List<AuthCase> auth() {
    AuthUser ada = AuthUser.builder().username("ada").email("ada@example.com").build();
    AuthUser spam = AuthUser.builder().username("spam").email("spam@mailinator.com").build();
    return List.of(
        new AuthCase(
            "sign-up allowed",
            AuthEvent.builder(AuthMoment.BEFORE_SIGN_UP, ada).build(),
            AuthDecision.allow()),
        new AuthCase(
            "sign-up denied with a message",
            AuthEvent.builder(AuthMoment.BEFORE_SIGN_UP, spam).build(),
            AuthDecision.deny("Disposable addresses are not accepted.")),
        new AuthCase(
            "sign-up asked to correct a field",
            AuthEvent.builder(AuthMoment.BEFORE_SIGN_UP, ada).build(),
            AuthDecision.invalid("Please check the highlighted fields.")
                .withFieldError("postalCode", "A postal code has five digits.")),
        new AuthCase(
            "token issued with an added claim",
            AuthEvent.builder(
                    AuthMoment.TOKEN_ISSUANCE,
                    AuthUser.builder().id("u-1").username("ada").email("ada@example.com").build())
                .build(),
            AuthDecision.allow().withClaim("tier", "gold")));
  }

  private static Message.Builder message(String id, String text) {
    return Message.builder(id, "contract-queue")
        .body(Body.wrap(text.getBytes(StandardCharsets.UTF_8), null))
        .attempt(1)
        .enqueuedAt(TIME);
  }
}
