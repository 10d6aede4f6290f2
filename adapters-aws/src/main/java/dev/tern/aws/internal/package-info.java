/**
 * The translation tables between Lambda's native payloads and Tern's neutral events; not part of
 * the documented API.
 */
package dev.tern.aws.internal;
