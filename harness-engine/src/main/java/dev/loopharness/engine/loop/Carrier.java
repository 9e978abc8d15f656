package dev.loopharness.engine.loop;

import dev.loopharness.engine.leak.Owner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** A reusable daemon thread that serves one loop at a time (or runs one harness job), then waits for the next. */
final class Carrier extends Thread {
  static final String IDLE_NAME = "loop-harness idle";
  private static final AtomicInteger IDS = new AtomicInteger();

  private final DefaultLoopGroup group;
  private final String idleName;
  private volatile Runnable job;

  Carrier(DefaultLoopGroup group, Runnable first) {
    super(IDLE_NAME + " #" + IDS.incrementAndGet());
    this.idleName = getName();
    setDaemon(true);
    // Created from whatever thread needed a carrier: it must not carry that code's owner mark.
    setContextClassLoader(Owner.unmarked(getContextClassLoader()));
    this.group = group;
    this.job = first;
  }

  // Lets a thread constructed by a callback on this carrier carry its creation site (ThreadMarks).
  @Override
  public ClassLoader getContextClassLoader() {
    return Owner.forConstructor(this, super.getContextClassLoader());
  }

  void give(Runnable next) {
    job = next;
    LockSupport.unpark(this);
  }

  /** The job being run, a {@link LoopRunner} while serving a loop, or null. */
  Runnable job() {
    return job;
  }

  /**
   * Interrupts this carrier if it still runs {@code served}. Under the same lock as the end of a
   * job, whose interrupt flag is cleared after it: the interrupt can never reach the next job.
   */
  synchronized void interruptIfServing(Runnable served) {
    if (job == served && served != null) {
      interrupt();
    }
  }

  @Override
  public void run() {
    try {
      while (true) {
        Runnable current = job;
        if (current != null) {
          try {
            current.run();
          } catch (Throwable e) {
            getUncaughtExceptionHandler().uncaughtException(this, e);
          }
          synchronized (this) {
            job = null;
          }
          Thread.interrupted();
          setName(idleName);
          if (!group.offerIdle(this)) {
            return;
          }
        } else if (group.isClosed()) {
          return;
        } else {
          LockSupport.park(group);
        }
      }
    } finally {
      group.exited(this);
    }
  }
}
