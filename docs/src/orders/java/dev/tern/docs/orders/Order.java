package dev.tern.docs.orders;

/** An order of the trigger pages' app. */
public record Order(String id, String status) {
  public Order withStatus(String status) {
    return new Order(id, status);
  }
}
