/**
 * The Google Cloud Functions shape of the harness: {@link dev.tern.testing.gcp.GcpShape} runs
 * neutral events through {@code tern-gcp}'s entry classes in Google's native forms.
 *
 * <pre>{@code
 * CloudShape gcp = new GcpShape(dispatcher);
 * HttpResponse response = gcp.http(HttpRequest.get("/hello?name=Ada"));
 * }</pre>
 */
package dev.tern.testing.gcp;
