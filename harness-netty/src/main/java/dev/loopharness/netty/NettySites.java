package dev.loopharness.netty;

import dev.loopharness.engine.kit.CreationSites;

/** Which frames of a stack trace Netty recorded as text are Netty, harness or JDK code. */
final class NettySites {
  private NettySites() {}

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
      return CreationSites.isHarnessFrame(type, NettyLoop.class);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
