package dev.loopharness.engine.kit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * A creation site recorded cheaply and resolved only when someone reads it (a leak report, a
 * pending-work summary): the capture is a bare {@code Throwable}, whose native backtrace costs a
 * fraction of a stack walk; the text is the same as {@link CreationSites#capture(Predicate)}'s.
 */
final class LazySite {
  // Whether a frame's class is harness code, by class name: frames of a recorded stack carry names.
  private static final Map<String, Boolean> INTERNAL_NAMES = new ConcurrentHashMap<>();

  private final Class<?> loopClass;
  private final Predicate<Class<?>> ownFrames;
  private Throwable stack;
  private volatile String text;

  private LazySite(Class<?> loopClass, Predicate<Class<?>> ownFrames, Throwable stack) {
    this.loopClass = loopClass;
    this.ownFrames = ownFrames;
    this.stack = stack;
  }

  /**
   * The caller's stack, resolved later like {@code CreationSites.capture(ownFrames)} for a loop of
   * class {@code loopClass} (whose frames {@code ownFrames} tells the same way for every loop of it).
   */
  static LazySite capture(Class<?> loopClass, Predicate<Class<?>> ownFrames) {
    return new LazySite(loopClass, ownFrames, new Throwable());
  }

  /** The first frame outside the engine, the JDK and the provider, as {@code Class.method(File.java:42)}. */
  String text() {
    String t = text;
    if (t == null) {
      synchronized (this) {
        t = text;
        if (t == null) {
          t = resolve(stack.getStackTrace());
          text = t;
          stack = null; // the text is all that is needed from now on
        }
      }
    }
    return t;
  }

  private String resolve(StackTraceElement[] frames) {
    for (StackTraceElement f : frames) {
      if (!isHarness(f.getClassName())) {
        return CreationSites.format(f.getClassName(), f.getMethodName(), f.getFileName(), f.getLineNumber());
      }
    }
    return "";
  }

  private boolean isHarness(String className) {
    if (CreationSites.isJdk(className)) {
      return true;
    }
    String key = loopClass.getName() + '/' + className;
    Boolean known = INTERNAL_NAMES.get(key);
    if (known == null) {
      known = classify(className);
      INTERNAL_NAMES.put(key, known);
    }
    return known;
  }

  // Loaded without initialising, through the loop's loader; a class it cannot see is user code.
  private boolean classify(String className) {
    int lambda = className.indexOf("$$Lambda");
    String name = lambda < 0 ? className : className.substring(0, lambda);
    try {
      Class<?> type = Class.forName(name, false, loopClass.getClassLoader());
      return CreationSites.isInternal(type) || ownFrames.test(type);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
