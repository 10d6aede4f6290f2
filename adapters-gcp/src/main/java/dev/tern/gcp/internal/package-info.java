/**
 * Internal machinery of the GCP adapter: the CloudEvent and HTTP mapping tables, Identity Platform
 * token verification and the invocation context. Not part of Tern's API; it may change in any
 * release.
 */
package dev.tern.gcp.internal;
