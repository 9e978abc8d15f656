package dev.loopharness.engine.kit;

import dev.loopharness.engine.leak.UserFrames;
import java.net.URL;
import java.security.CodeSource;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds where user code created something: the first stack frame outside the harness engine, the
 * JDK and the provider, as {@code Class.method(File.java:42)}.
 */
public final class CreationSites {
  // Reflection frames shown: they are JDK frames, skipped as such, and hiding them costs a check
  // of every frame walked (~8% of a walk).
  private static final StackWalker WALKER = StackWalker.getInstance(
      Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_REFLECT_FRAMES));
  // Engine classes are recognised by where they were loaded from, so tests living in engine
  // packages (but loaded from test-classes) still count as user code.
  private static final ClassValue<Boolean> INTERNAL = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      // JDK, Guice, JUnit, and harness classes loaded from the harness's own jars.
      return UserFrames.isInternal(type);
    }
  };

  private static final ClassValue<Predicate<Class<?>>> PROVIDERS = new ClassValue<>() {
    @Override
    protected Predicate<Class<?>> computeValue(Class<?> loopClass) {
      String prefix = loopClass.getPackageName() + ".";
      URL where = location(loopClass);
      ClassValue<Boolean> own = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return type.getName().startsWith(prefix) && Objects.equals(location(type), where);
        }
      };
      return own::get;
    }
  };

  private CreationSites() {}

  /** The caller's site: the first frame outside the engine and the JDK, or empty. */
  public static String capture() {
    return capture(type -> false);
  }

  /** Like {@link #capture()}, also skipping frames whose class {@code skip} accepts (a provider's own classes). */
  public static String capture(Predicate<Class<?>> skip) {
    StackWalker.StackFrame first = firstUserFrame(skip);
    return first == null ? "" : format(first);
  }

  /** The caller's first frame outside the engine, the JDK and {@code skip}, or null; walks no further. */
  static StackWalker.StackFrame firstUserFrame(Predicate<Class<?>> skip) {
    return WALKER.walk(frames -> {
      var it = frames.iterator();
      while (it.hasNext()) {
        StackWalker.StackFrame f = it.next();
        if (!INTERNAL.get(f.getDeclaringClass()) && !skip.test(f.getDeclaringClass())) {
          return f;
        }
      }
      return null;
    });
  }

  /**
   * Like {@link #capture(Predicate)}, or null when the caller runs inside a static initializer
   * ({@code <clinit>} at or above the first user frame): what a class's constants hold lives as
   * long as the class, not as long as the test that happened to load it. Walks only down to the
   * first user frame.
   */
  public static String captureOutsideInitializer(Predicate<Class<?>> skip) {
    return WALKER.walk(frames -> {
      var it = frames.iterator();
      while (it.hasNext()) {
        StackWalker.StackFrame f = it.next();
        if (f.getMethodName().equals("<clinit>")) {
          return null;
        }
        if (!INTERNAL.get(f.getDeclaringClass()) && !skip.test(f.getDeclaringClass())) {
          return format(f);
        }
      }
      return "";
    });
  }

  /**
   * Whether {@code type} belongs to the provider whose loop class is {@code loopClass}: it lives in
   * that class's package (or below) and was loaded from the same place, so that tests living in the
   * provider's package still count as user code.
   */
  static Predicate<Class<?>> providerClasses(Class<?> loopClass) {
    return PROVIDERS.get(loopClass);
  }

  /**
   * Whether a frame of {@code type} is harness code: the engine, the kit, the JDK, or the provider
   * whose loop class is {@code loopClass}; for reading stack traces a library recorded as text.
   */
  public static boolean isHarnessFrame(Class<?> type, Class<?> loopClass) {
    return INTERNAL.get(type) || providerClasses(loopClass).test(type);
  }

  /** Whether a frame of {@code type} is the engine's or the JDK's. */
  static boolean isInternal(Class<?> type) {
    return INTERNAL.get(type);
  }

  /** The first frame of a sampled stack that is not JDK code, or empty. */
  static String firstUserFrame(StackTraceElement[] stack) {
    for (StackTraceElement e : stack) {
      if (!isJdk(e.getClassName())) {
        return format(e.getClassName(), e.getMethodName(), e.getFileName(), e.getLineNumber());
      }
    }
    return "";
  }

  /** Whether {@code className} is JDK code. */
  public static boolean isJdk(String className) {
    return className.startsWith("java.") || className.startsWith("jdk.")
        || className.startsWith("sun.") || className.startsWith("com.sun.");
  }

  static String format(StackWalker.StackFrame frame) {
    return format(frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
  }

  /** {@code Simple.method(File.java:42)}. */
  public static String format(String className, String method, String file, int line) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    String where = file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
    return simple + "." + method + "(" + where + ")";
  }

  private static URL location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null ? null : source.getLocation();
  }
}
