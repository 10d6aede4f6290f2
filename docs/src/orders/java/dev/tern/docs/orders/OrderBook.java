package dev.tern.docs.orders;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The app's orders and receipts, in memory. */
public final class OrderBook {
  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private final List<String> receipts = new CopyOnWriteArrayList<>();

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
