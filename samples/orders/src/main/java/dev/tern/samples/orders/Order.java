package dev.tern.samples.orders;

import java.time.Instant;
import java.util.List;

/** An order as the API returns it. */
public record Order(
    String id, String customer, List<Line> items, String status, Instant createdAt) {
  /** One line of an order. */
  public record Line(String sku, int quantity) {}

  public Order withStatus(String status) {
    return new Order(id, customer, items, status, createdAt);
  }
}
