package dev.tern.gcp.internal;

import dev.tern.AuthEvent;
import dev.tern.ObjectEvent;

/** What a native GCP event normalizes to, before routing. */
public sealed interface Neutral {
  /** A Pub/Sub message: a queue message, or a tick for a schedule bound to its topic. */
  record PubSub(PubSubMessage message) implements Neutral {}

  /** A Cloud Storage change. */
  record Storage(ObjectEvent event) implements Neutral {}

  /** A Firebase Auth user event or an Identity Platform blocking request. */
  record Auth(AuthEvent event) implements Neutral {}
}
