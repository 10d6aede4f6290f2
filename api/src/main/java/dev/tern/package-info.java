/**
 * Tern's neutral function API: one interface per trigger kind, immutable normalized events, and the
 * trigger annotations that declare functions.
 *
 * <pre>{@code
 * @OnQueue("${ORDERS_QUEUE}")
 * public final class ShipOrder implements QueueFunction {
 *   public void handle(Message message, Context context) {
 *     Order order = message.body().as(Order.class);
 *     context.log().info("shipping", Map.of("orderId", order.id()));
 *   }
 * }
 * }</pre>
 *
 * @since 0.1
 */
package dev.tern;
