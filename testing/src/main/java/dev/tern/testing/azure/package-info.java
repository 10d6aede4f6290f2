/**
 * Azure Functions in the harness: {@link dev.tern.testing.azure.AzureShape} sends neutral events
 * through tern-azure's adapter as the Java worker binds them.
 *
 * <pre>{@code
 * CloudShape azure = new AzureShape(dispatcher);
 * HttpResponse response = azure.http(HttpRequest.get("/hello?name=Ada"));
 * }</pre>
 *
 * @since 0.1
 */
package dev.tern.testing.azure;
