package dev.loopharness.engine.loop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine of one default loop: an MPSC callback queue and a timer heap, served on one carrier
 * thread, or run inline by a test runner that waits for it ({@link #runUntil}).
 */
final class LoopRunner implements Runnable {
  private static final int BATCH = 1024;
  private static final VarHandle TAIL;
  private static final VarHandle PARKED;
  private static final VarHandle ATTACHED;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      TAIL = l.findVarHandle(LoopRunner.class, "tail", Callback.class);
      PARKED = l.findVarHandle(LoopRunner.class, "parked", int.class);
      ATTACHED = l.findVarHandle(LoopRunner.class, "attached", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final DefaultLoop loop;
  // Vyukov's intrusive MPSC queue: producers swap the tail, only the loop thread moves the head.
  private volatile Callback tail;
  private Callback head;
  private volatile int parked;
  private volatile int attached;
  private final TimerHeap timers = new TimerHeap();
  private final AtomicInteger cancelledTimers = new AtomicInteger();
  private int firedLastRound;

  LoopRunner(DefaultLoop loop) {
    this.loop = loop;
    Callback stub = new Callback(loop, null, null, false);
    head = stub;
    tail = stub;
  }

  void enqueue(Callback c) {
    Callback prev = (Callback) TAIL.getAndSet(this, c);
    // Volatile, not release: the read of parked below must not come before this store is seen, or
    // this thread and a loop going idle (which sets parked, then looks at the queue) can each miss
    // the other, and the loop sleeps with a callback queued.
    Callback.NEXT.setVolatile(prev, c);
    if (attached == 0 && ATTACHED.compareAndSet(this, 0, 1)) {
      loop.attach();
    } else if (parked == 1 && PARKED.compareAndSet(this, 1, 0)) {
      LockSupport.unpark(loop.thread());
    }
  }

  /** Claims the loop for an inline run: only if no carrier ever took it. */
  boolean attachInline() {
    return attached == 0 && ATTACHED.compareAndSet(this, 0, 1);
  }

  /**
   * Runs the loop on the inline thread until {@code until} is done (checked after every callback:
   * what is queued behind the one that completed it runs later, as it would on a carrier), the
   * loop closes or {@code deadline} passes; returns whether {@code until} is done.
   */
  boolean runUntil(CompletableFuture<?> until, long deadline) {
    boolean wakeOnDone = false;
    while (!until.isDone() && !loop.isClosed()) {
      boolean worked = runQueued(until);
      if (until.isDone()) {
        break;
      }
      long wait = runDueTimers(until);
      if (!worked && wait != 0 && !until.isDone()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        if (!wakeOnDone) {
          wakeOnDone = true; // the stage may complete on another thread, which must wake this one
          until.whenComplete((v, e) -> wakeIfParked());
        }
        long timer = loop.clock().idleParkNanos(wait);
        idle(timer < 0 ? left : Math.min(timer, left), until);
      }
    }
    return until.isDone();
  }

  /** Ends an inline run: a carrier takes the loop now if anything is queued or armed. */
  void detachInline() {
    ATTACHED.setVolatile(this, 0);
    if ((head.next() != null || !timers.isEmpty()) && ATTACHED.compareAndSet(this, 0, 1)) {
      loop.attach();
    }
  }

  private void wakeIfParked() {
    if (parked == 1 && PARKED.compareAndSet(this, 1, 0)) {
      LockSupport.unpark(loop.thread());
    }
  }

  /** Adds a timer to the heap, directly on the loop thread, else through the queue. */
  void addTimer(DefaultTimer timer) {
    if (loop.inLoop()) {
      timers.add(timer);
    } else {
      enqueue(new Callback(loop, timer.owner(), () -> timers.add(timer), false));
    }
  }

  void timerCancelled() {
    cancelledTimers.incrementAndGet();
  }

  /** Wakes the loop thread: it closed, or its clock moved. */
  void wake() {
    LockSupport.unpark(loop.thread());
  }

  /** Whether the loop has nothing running and nothing queued: never used, or parked. */
  boolean isIdle() {
    return attached == 0 || (parked == 1 && Callback.NEXT.getVolatile(head) == null && !loop.isBusy());
  }

  int queued() {
    int n = 0;
    for (Callback c = head.next(); c != null; c = c.next()) {
      n++;
    }
    return n;
  }

  @Override
  public void run() {
    try {
      while (!loop.isClosed()) {
        boolean worked = runQueued(null);
        long wait = runDueTimers(null);
        if (!worked && wait != 0) {
          idle(loop.clock().idleParkNanos(wait), null);
        }
      }
    } finally {
      leftovers();
    }
  }

  private boolean runQueued(CompletableFuture<?> until) {
    for (int i = 0; i < BATCH; i++) {
      Callback c = poll();
      if (c == null) {
        return i > 0;
      }
      c.run();
      if (loop.isClosed() || until != null && until.isDone()) {
        return true;
      }
    }
    return true;
  }

  /** Fires due timers; returns nanoseconds until the next one, 0 to come back at once, -1 if none. */
  private long runDueTimers(CompletableFuture<?> until) {
    firedLastRound = 0;
    if (timers.isEmpty()) {
      return -1;
    }
    if (cancelledTimers.get() > 256 && cancelledTimers.get() > timers.size() / 2) {
      cancelledTimers.set(0);
      timers.removeDisarmed();
    }
    long now = loop.clock().nanoTime();
    boolean virtual = !loop.clock().isReal();
    for (int fired = 0; fired < BATCH && !loop.isClosed(); ) {
      DefaultTimer t = timers.peek();
      if (t == null) {
        return -1;
      }
      if (!t.isWaiting()) {
        timers.poll();
        continue;
      }
      long wait = t.deadline() - now;
      if (wait > 0) {
        return wait;
      }
      timers.poll();
      loop.runCallback(t.owner(), t);
      fired++;
      firedLastRound = fired;
      if (until != null && until.isDone()) {
        return 0;
      }
      if (virtual && head.next() != null) {
        return 0; // on a virtual clock, what a timer queued runs before the timers due at the same time
      }
    }
    return 0;
  }

  /** The clock time at which the earliest armed timer is due, or {@link Long#MAX_VALUE}; loop thread. */
  long nextDeadline() {
    for (DefaultTimer t = timers.peek(); t != null; t = timers.peek()) {
      if (t.isWaiting()) {
        return t.deadline();
      }
      timers.poll();
    }
    return Long.MAX_VALUE;
  }

  /** Runs queued callbacks and due timers until none is ready (a clock moved by hand); loop thread. */
  void runReady() {
    while (!loop.isClosed()) {
      boolean worked = runQueued(null);
      long wait = runDueTimers(null);
      if (!worked && wait != 0 && firedLastRound == 0) {
        return;
      }
    }
  }

  // Says it parks, then looks once more for a reason not to: a callback queued, the loop closed, or
  // (inline) the stage done. Whoever brings one of these reads parked after making it visible
  // (enqueue, wakeIfParked after the stage completed, wake), so one of the two sees the other.
  private void idle(long nanos, CompletableFuture<?> until) {
    parked = 1;
    if (Callback.NEXT.getVolatile(head) != null || loop.isClosed() || (until != null && until.isDone())) {
      parked = 0;
      return;
    }
    if (nanos < 0) {
      LockSupport.park(this);
    } else {
      LockSupport.parkNanos(this, nanos);
    }
    parked = 0;
    // An interrupt left by user code would make every later park return at once.
    Thread.interrupted();
  }

  private Callback poll() {
    Callback n = head.next();
    if (n != null) {
      head = n;
    }
    return n;
  }

  private void leftovers() {
    timers.clear();
    for (Callback c = poll(); c != null; c = poll()) {
      if (c.isHarness()) {
        c.run();
      } else {
        c.discard();
      }
    }
  }
}
