package dev.loopharness.netty;

import dev.loopharness.engine.loop.CreationSites;
import java.net.URL;
import java.security.CodeSource;
import java.util.Objects;

/** Creation sites that skip Netty and this provider as well as the engine and the JDK. */
final class NettySites {
  private static final URL PROVIDER = location(NettySites.class);
  private static final URL ENGINE = location(CreationSites.class);
  // Provider classes are recognised by where they were loaded from, so tests in this package still count.
  private static final ClassValue<Boolean> INTERNAL = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return isNetty(type.getName())
          || type.getName().startsWith("dev.loopharness.netty.") && Objects.equals(location(type), PROVIDER);
    }
  };

  private NettySites() {}

  static String capture() {
    return CreationSites.capture(INTERNAL::get);
  }

  static boolean isNetty(String className) {
    return className.startsWith("io.netty.");
  }

  /** Whether a frame of {@code className}, read from a stack trace, is harness, Netty or JDK code. */
  static boolean isInternal(String className) {
    if (isNetty(className) || CreationSites.isJdk(className)) {
      return true;
    }
    if (!className.startsWith("dev.loopharness.")) {
      return false;
    }
    try {
      Class<?> type = Class.forName(className, false, NettySites.class.getClassLoader());
      return INTERNAL.get(type) || Objects.equals(location(type), ENGINE);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  private static URL location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null ? null : source.getLocation();
  }
}
