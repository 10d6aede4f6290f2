/**
 * What adapters build on: the function index, routing, dispatch with Tern's failure rules, the JSON
 * codec SPI, a JSON-lines logger, the warning about auth decision parts a platform cannot carry and
 * the cache of the keys a cloud publishes to verify its tokens. Application code does not need this
 * package.
 *
 * <pre>{@code
 * Dispatcher dispatcher = Dispatcher.fromIndex(getClass().getClassLoader(), Settings.environment());
 * HttpResponse response = dispatcher.http(request, function -> contextFor(function));
 * }</pre>
 *
 * @since 0.1
 */
package dev.tern.spi;
