package dev.tern.benchmarks.functions;

/** The body of every benchmark queue message: {@code {"orderId":"o-17","amount":12.5}}. */
public record Order(String orderId, double amount) {}
