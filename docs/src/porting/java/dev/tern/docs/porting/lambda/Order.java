package dev.tern.docs.porting.lambda;

/** An order to ship. */
public record Order(String id) {}
