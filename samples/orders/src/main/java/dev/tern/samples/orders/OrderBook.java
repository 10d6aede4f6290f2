package dev.tern.samples.orders;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the sample keeps its orders and receipts. A real app would use a database; keeping them in
 * memory keeps the sample about Tern. {@link OrdersApp} creates one per deployment (and per test
 * harness) and hands it to every function.
 */
public final class OrderBook {
  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private final List<String> receipts = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();

  public String nextId() {
    return "o-" + ids.incrementAndGet();
  }

  public void put(Order order) {
    orders.put(order.id(), order);
  }

  public Optional<Order> get(String id) {
    return Optional.ofNullable(orders.get(id));
  }

  public List<Order> all() {
    return List.copyOf(orders.values());
  }

  public void addReceipt(String key) {
    receipts.add(key);
  }

  public List<String> receipts() {
    return List.copyOf(receipts);
  }
}
