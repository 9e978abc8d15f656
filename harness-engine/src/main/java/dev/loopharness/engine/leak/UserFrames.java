package dev.loopharness.engine.leak;

import java.net.URL;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which stack frames are the user's: not the JDK, not Guice or the JUnit Platform, not Loop
 * Harness itself (engine or api, recognised by where their classes were loaded from, so tests that
 * live in harness packages are still user code). Every stack the harness shows runs at least to the
 * first user frame, and that frame is named as the site.
 */
public final class UserFrames {
  private static final URL ENGINE = location(UserFrames.class);
  private static final URL API = location(dev.loopharness.api.Loop.class);
  private static final Map<String, Boolean> BY_NAME = new ConcurrentHashMap<>();

  private UserFrames() {}

  /** Whether frames of {@code type} are harness, library or JDK code. */
  public static boolean isInternal(Class<?> type) {
    String name = type.getName();
    if (isLibrary(name)) {
      return true;
    }
    if (name.startsWith("dev.loopharness.engine.")) {
      return ENGINE == null || Objects.equals(location(type), ENGINE);
    }
    return name.startsWith("dev.loopharness.api.") && (API == null || Objects.equals(location(type), API));
  }

  /** Whether {@code frame} is user code (its class is looked up once by name; unknown ones count as user code). */
  public static boolean isUser(StackTraceElement frame) {
    String name = frame.getClassName();
    if (isLibrary(name)) {
      return false;
    }
    if (!name.startsWith("dev.loopharness.")) {
      return true;
    }
    return BY_NAME.computeIfAbsent(name, n -> {
      try {
        return !isInternal(Class.forName(n, false, UserFrames.class.getClassLoader()));
      } catch (ClassNotFoundException | LinkageError e) {
        return true;
      }
    });
  }

  /** The index of the first user frame of {@code frames}, or -1. */
  public static int firstUser(List<StackTraceElement> frames) {
    for (int i = 0; i < frames.size(); i++) {
      if (isUser(frames.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * {@code frames} as {@code "\n  at ..."} lines: the top {@code max}, or, when the first user frame
   * lies deeper, the top {@code max - 1}, a line counting the frames skipped, and that user frame;
   * then a count of the rest.
   */
  public static String render(List<StackTraceElement> frames, int max) {
    int user = firstUser(frames);
    StringBuilder text = new StringBuilder();
    int shownTop = user >= max ? max - 1 : Math.min(max, frames.size());
    for (int i = 0; i < shownTop; i++) {
      line(text, frames.get(i));
    }
    int last = shownTop - 1;
    if (user >= max) {
      int skipped = user - shownTop;
      if (skipped > 0) {
        text.append("\n  ... ").append(skipped).append(skipped == 1 ? " frame" : " frames")
            .append(" of the JDK and libraries");
      }
      line(text, frames.get(user));
      last = user;
    }
    if (last + 1 < frames.size()) {
      text.append("\n  ... ").append(frames.size() - last - 1).append(" more");
    }
    return text.toString();
  }

  /** {@code Simple.method(File.java:42)} for the first user frame, or empty. */
  public static String site(List<StackTraceElement> frames) {
    int user = firstUser(frames);
    if (user < 0) {
      return "";
    }
    StackTraceElement e = frames.get(user);
    String type = e.getClassName();
    String where = e.getFileName() == null ? "Unknown Source"
        : e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + e.getMethodName() + "(" + where + ")";
  }

  private static void line(StringBuilder text, StackTraceElement frame) {
    String where = frame.isNativeMethod() ? "Native Method" : frame.getFileName() == null ? "Unknown Source"
        : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber() : frame.getFileName();
    text.append("\n  at ").append(frame.getClassName()).append('.').append(frame.getMethodName())
        .append('(').append(where).append(')');
  }

  private static boolean isLibrary(String name) {
    return name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")
        || name.startsWith("com.sun.") || name.startsWith("com.google.inject.")
        || name.startsWith("org.junit.") || name.startsWith("org.assertj.")
        || name.startsWith("io.netty.") || name.contains("$$Lambda");
  }

  private static URL location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null ? null : source.getLocation();
  }
}
