package dev.loopharness.engine.execution;

/** Rethrows a test's failure as it is: JUnit reports any Throwable, checked or not. */
final class Rethrow {
  private Rethrow() {}

  @SuppressWarnings("unchecked")
  static <T extends Throwable> T unchecked(Throwable failure) throws T {
    throw (T) failure;
  }
}
