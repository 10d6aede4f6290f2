package dev.tern.docs.porting.spring;

/** An order as the client posts it. */
public record Order(String customer, int quantity) {}
