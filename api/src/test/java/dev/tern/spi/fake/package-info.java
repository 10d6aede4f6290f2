/**
 * Test doubles for the outside world the SPI talks to: a clock a test moves and an HTTP client that
 * answers from a script; and a fresh JVM for tests of what a cold start loads. They use nothing but
 * the JDK, and api publishes them in its test jar ({@code tern-api}, type {@code test-jar}) for the
 * adapters' tests.
 */
package dev.tern.spi.fake;
