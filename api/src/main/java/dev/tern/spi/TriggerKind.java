package dev.tern.spi;

/**
 * The five kinds of trigger, one per function interface.
 *
 * @since 0.1
 */
public enum TriggerKind {
  HTTP,
  QUEUE,
  STORAGE,
  SCHEDULE,
  AUTH
}
