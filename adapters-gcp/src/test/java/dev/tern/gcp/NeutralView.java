package dev.tern.gcp;

import dev.tern.AuthEvent;
import dev.tern.Message;
import dev.tern.ObjectEvent;
import dev.tern.Tick;
import dev.tern.gcp.internal.Neutral;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/** Neutral events as flat sorted maps of strings, to compare with expected files. */
final class NeutralView {
  private NeutralView() {}

  static Map<String, String> of(Object event) {
    Map<String, String> out = new TreeMap<>();
    if (event instanceof Neutral.PubSub) {
      event =
          ((Neutral.PubSub) event)
              .message()
              .toMessage(((Neutral.PubSub) event).message().preferredSource().orElse(""));
    } else if (event instanceof Neutral.Storage) {
      event = ((Neutral.Storage) event).event();
    } else if (event instanceof Neutral.Auth) {
      event = ((Neutral.Auth) event).event();
    }
    if (event instanceof Message) {
      Message m = (Message) event;
      out.put("kind", "message");
      out.put("id", m.id());
      out.put("source", m.source());
      out.put("body", Base64.getEncoder().encodeToString(m.body().bytes()));
      out.put("attributes", new TreeMap<>(m.attributes()).toString());
      out.put("attempt", m.attempt().isPresent() ? String.valueOf(m.attempt().getAsInt()) : "");
      out.put("enqueuedAt", m.enqueuedAt().map(Object::toString).orElse(""));
      out.put("orderingKey", m.orderingKey().orElse(""));
    } else if (event instanceof ObjectEvent) {
      ObjectEvent o = (ObjectEvent) event;
      out.put("kind", "object");
      out.put("objectKind", o.kind().name());
      out.put("bucket", o.bucket());
      out.put("key", o.key());
      out.put("size", o.size().isPresent() ? String.valueOf(o.size().getAsLong()) : "");
      out.put("etag", o.etag().orElse(""));
      out.put("contentType", o.contentType().orElse(""));
      out.put("version", o.version().orElse(""));
      out.put("metadata", new TreeMap<>(o.metadata()).toString());
      out.put("time", o.time().toString());
      out.put("id", o.id());
    } else if (event instanceof AuthEvent) {
      AuthEvent a = (AuthEvent) event;
      out.put("kind", "auth");
      out.put("moment", a.moment().name());
      out.put("userId", a.user().id().orElse(""));
      out.put("email", a.user().email().orElse(""));
      out.put("phone", a.user().phone().orElse(""));
      out.put("emailVerified", a.user().emailVerified().map(String::valueOf).orElse(""));
      out.put("attributes", new TreeMap<>(a.user().attributes()).toString());
      out.put("metadata", new TreeMap<>(a.metadata()).toString());
      out.put("ipAddress", a.ipAddress().orElse(""));
      out.put("userAgent", a.userAgent().orElse(""));
      out.put("id", a.id().orElse(""));
    } else if (event instanceof Tick) {
      Tick t = (Tick) event;
      out.put("kind", "tick");
      out.put("name", t.name());
      out.put("dueAt", t.dueAt().toString());
      out.put("firedAt", t.firedAt().toString());
    } else {
      throw new IllegalArgumentException("not a neutral event: " + event);
    }
    return out;
  }
}
