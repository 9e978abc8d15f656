package dev.loopharness.engine.execution;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The context loader the run's listeners see while they handle an event: the thread's own loader,
 * except that a class it failed to find fails again at once. Surefire's JUnit Platform provider
 * looks up {@code org.junit.jupiter.api.DisplayName} through the context loader for every event;
 * on a class path without Jupiter each lookup searched every jar and built a stack trace (about
 * 35 µs per test). Found classes come from the thread's loader itself, so nothing else changes.
 */
final class ListenerContextLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private static final int MAX_MISSES = 256;
  private static volatile ListenerContextLoader last;

  private final ClassLoader base;
  private final Set<String> misses = ConcurrentHashMap.newKeySet();

  private ListenerContextLoader(ClassLoader base) {
    super(base);
    this.base = base;
  }

  /** Runs {@code event} with the calling thread's context loader wrapped. */
  static void around(Runnable event) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    if (before == null || before instanceof ListenerContextLoader) {
      event.run();
      return;
    }
    thread.setContextClassLoader(over(before));
    try {
      event.run();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  // One per base loader is enough: the base is the same for a whole run, almost always.
  private static ListenerContextLoader over(ClassLoader base) {
    ListenerContextLoader current = last;
    if (current == null || current.base != base) {
      current = new ListenerContextLoader(base);
      last = current;
    }
    return current;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (misses.contains(name)) {
      throw new Missing(name);
    }
    try {
      return base.loadClass(name);
    } catch (ClassNotFoundException e) {
      if (misses.size() < MAX_MISSES) {
        misses.add(name);
      }
      throw e;
    }
  }

  /** A repeated miss: the same exception without the cost of a stack trace. */
  private static final class Missing extends ClassNotFoundException {
    private static final long serialVersionUID = 1L;

    Missing(String name) {
      super(name);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  @Override
  public String toString() {
    return "loop-harness listener view of " + base;
  }
}
