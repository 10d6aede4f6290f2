package dev.tern.docs.porting.spring;

/** What placing an order answers. */
public record Receipt(String orderId, String customer) {}
