/**
 * Runs Tern functions on Google Cloud Functions (2nd gen, and 1st-gen legacy events).
 *
 * <pre>
 * gcloud functions deploy hello --gen2 --runtime java17 --trigger-http \
 *     --entry-point dev.tern.gcp.GcpHttpFunction --source target/deploy
 * gcloud functions deploy uploads --gen2 --runtime java17 --trigger-bucket my-bucket \
 *     --entry-point dev.tern.gcp.GcpEventFunction --source target/deploy
 * </pre>
 *
 * <p>{@link dev.tern.gcp.GcpHttpFunction} serves HTTP, Pub/Sub push, Cloud Scheduler and Identity
 * Platform blocking requests; {@link dev.tern.gcp.GcpEventFunction} serves CloudEvents.
 */
package dev.tern.gcp;
