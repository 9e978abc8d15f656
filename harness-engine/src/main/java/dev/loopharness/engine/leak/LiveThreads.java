package dev.loopharness.engine.leak;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/** The live platform threads of the JVM, and which of them are never anyone's leak. */
final class LiveThreads {
  private LiveThreads() {}

  /** Every live platform thread (virtual threads are not listed), without stack traces. */
  static List<Thread> all() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    while (n == threads.length) {
      threads = new Thread[threads.length * 2];
      n = root.enumerate(threads, true);
    }
    return Arrays.asList(threads).subList(0, n);
  }

  /** A thread of the harness itself (see {@link HarnessThreadSet}). */
  static boolean isHarness(Thread thread) {
    return HarnessThreadSet.contains(thread);
  }

  /**
   * A thread that belongs to the JVM, the test platform or a JVM-wide pool: never attributed to
   * an owner by appearance alone (a marked thread is attributed by its mark, whatever it is).
   */
  static boolean isInfrastructure(Thread thread) {
    ThreadGroup group = thread.getThreadGroup();
    if (group == null || group.getParent() == null) {
      return true; // terminated, or in the system group (Reference Handler, Attach Listener, ...)
    }
    String type = thread.getClass().getName();
    if (type.startsWith("jdk.internal.") || type.startsWith("org.junit.")
        || type.startsWith("org.apache.maven.surefire.")) {
      return true; // InnocuousThread (Common-Cleaner, process reaper), JUnit's parallel workers
    }
    return thread instanceof ForkJoinWorkerThread worker && worker.getPool() == ForkJoinPool.commonPool();
  }
}
