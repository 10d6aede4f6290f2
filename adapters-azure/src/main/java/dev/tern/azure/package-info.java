/**
 * Tern on Azure Functions: {@link dev.tern.azure.AzureAdapter} and the annotation processor that
 * writes an Azure entry class for each declared function.
 *
 * <pre>{@code
 * @OnQueue("orders")                       // plain Tern code, no Azure annotations
 * public final class Orders implements QueueFunction { ... }
 * // generated at compile time: OrdersAzureEntry with @FunctionName("Orders") and
 * // @QueueTrigger(queueName = "orders"), calling AzureAdapter.storageQueue(...)
 * }</pre>
 *
 * @since 0.1
 */
package dev.tern.azure;
