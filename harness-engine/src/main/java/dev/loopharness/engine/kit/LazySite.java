package dev.loopharness.engine.kit;

import java.util.function.Predicate;

/**
 * A creation site recorded cheaply and formatted only when someone reads it (a leak report, a
 * pending-work summary): the capture walks the stack only down to the first user frame, so it
 * costs the same under a deep runner stack (Surefire, the platform, the engine: ~90 frames) as
 * under a shallow one, where a {@code Throwable} would record every frame. The text is the same as
 * {@link CreationSites#capture(Predicate)}'s.
 */
final class LazySite {
  private StackWalker.StackFrame frame;
  private volatile String text;

  private LazySite(StackWalker.StackFrame frame) {
    this.frame = frame;
  }

  /** The caller's first frame outside the engine, the JDK and {@code ownFrames} (the provider's classes). */
  static LazySite capture(Predicate<Class<?>> ownFrames) {
    return new LazySite(CreationSites.firstUserFrame(ownFrames));
  }

  /** That frame as {@code Class.method(File.java:42)}, or empty when every frame was harness code. */
  String text() {
    String t = text;
    if (t == null) {
      synchronized (this) {
        t = text;
        if (t == null) {
          t = frame == null ? "" : CreationSites.format(frame);
          text = t;
          frame = null; // the text is all that is needed from now on
        }
      }
    }
    return t;
  }
}
