package dev.loopharness.engine.kit;

import java.util.concurrent.locks.LockSupport;

/** A reusable harness thread's body: it serves one loop at a time (or runs one harness job), then waits for the next. */
final class Carrier implements Runnable {
  private static final ThreadLocal<Carrier> CURRENT = new ThreadLocal<>();
  private final CarrierPool pool;
  private volatile Thread thread;
  private volatile String idleName;
  private volatile Runnable job;
  private volatile CallbackHook serving;
  private volatile Runnable afterIdle;

  Carrier(CarrierPool pool, CallbackHook loop, Runnable first, Runnable afterIdle) {
    this.pool = pool;
    this.serving = loop;
    this.job = first;
    this.afterIdle = afterIdle;
  }

  void started(Thread t) {
    thread = t;
    idleName = t.getName();
  }

  Thread thread() {
    return thread;
  }

  void give(CallbackHook loop, Runnable next, Runnable after) {
    afterIdle = after;
    serving = loop;
    job = next;
    LockSupport.unpark(thread);
  }

  /** The loop being served, or null. */
  CallbackHook serving() {
    return serving;
  }

  /** Whether it runs a job now. */
  boolean isBusy() {
    return job != null;
  }

  /**
   * Interrupts this carrier if it still serves {@code loop}. Under the same lock as the end of a
   * job, whose interrupt flag is cleared after it: the interrupt can never reach the next job.
   */
  synchronized void interruptIfServing(CallbackHook loop) {
    if (serving == loop && loop != null) {
      thread.interrupt();
    }
  }

  /** The carrier whose thread calls, or null. */
  static Carrier current() {
    return CURRENT.get();
  }

  /**
   * Makes this carrier (the calling thread's, running a harness job and serving no loop) serve
   * {@code loop} inline for a while, so that the watchdog samples it and a close interrupts it
   * like any served loop; false if it already serves one.
   */
  boolean serveInline(CallbackHook loop) {
    Thread self = Thread.currentThread();
    synchronized (this) {
      if (serving != null || self != thread) {
        return false;
      }
      serving = loop;
    }
    self.setName(HarnessThreads.loopThreadName(loop.name()));
    loop.bind(this, self);
    return true;
  }

  /** Ends {@link #serveInline}: the job goes on, and no interrupt meant for the loop reaches it. */
  void endInline(CallbackHook loop, String jobName) {
    loop.unbind();
    synchronized (this) {
      serving = null;
    }
    Thread.interrupted();
    thread.setName(jobName);
  }

  @Override
  public void run() {
    Thread self = Thread.currentThread();
    CURRENT.set(this);
    try {
      while (true) {
        Runnable current = job;
        if (current != null) {
          runJob(self, current);
          Runnable after = afterIdle;
          afterIdle = null;
          boolean again = pool.offerIdle(this);
          if (after != null) {
            after.run();
          }
          if (!again) {
            return;
          }
        } else if (pool.isClosed()) {
          return;
        } else {
          LockSupport.park(pool);
        }
      }
    } finally {
      pool.exited(this);
    }
  }

  private void runJob(Thread self, Runnable current) {
    CallbackHook loop = serving;
    if (loop != null) {
      self.setName(HarnessThreads.loopThreadName(loop.name()));
      loop.bind(this, self);
    }
    try {
      current.run();
    } catch (Throwable e) {
      self.getUncaughtExceptionHandler().uncaughtException(self, e);
    } finally {
      if (loop != null) {
        loop.unbind();
      }
      synchronized (this) {
        job = null;
        serving = null;
      }
      Thread.interrupted();
      self.setName(idleName);
    }
  }
}
