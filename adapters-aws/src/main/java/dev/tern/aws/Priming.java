package dev.tern.aws;

/** SnapStart priming; registered from the handler's no-argument constructor. */
final class Priming {
  private Priming() {}

  static void register(AwsHandler handler) {
    // Wired to org.crac in a later step.
  }
}
