package dev.tern.docs.modules;

/** An order as a message body names it. */
public record Order(String id) {}
