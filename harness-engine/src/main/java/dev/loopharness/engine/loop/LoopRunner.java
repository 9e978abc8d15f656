package dev.loopharness.engine.loop;

import dev.loopharness.engine.leak.Owner;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** The engine of one loop: an MPSC callback queue and a timer heap, served on one carrier thread. */
final class LoopRunner implements Runnable {
  private static final int BATCH = 1024;
  private static final VarHandle TAIL;
  private static final VarHandle PARKED;
  private static final VarHandle ATTACHED;
  private static final VarHandle BUSY;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      TAIL = l.findVarHandle(LoopRunner.class, "tail", Callback.class);
      PARKED = l.findVarHandle(LoopRunner.class, "parked", int.class);
      ATTACHED = l.findVarHandle(LoopRunner.class, "attached", int.class);
      BUSY = l.findVarHandle(LoopRunner.class, "busy", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final DefaultLoop loop;
  private final DefaultLoopGroup group;
  // Vyukov's intrusive MPSC queue: producers swap the tail, only the loop thread moves the head.
  private volatile Callback tail;
  private Callback head;
  private volatile int parked;
  private volatile int attached;
  private volatile Thread thread;
  private final TimerHeap timers = new TimerHeap();
  private final AtomicInteger cancelledTimers = new AtomicInteger();
  // Sequence number of the running callback (0 when idle), published with release for the watchdog.
  @SuppressWarnings("unused") // accessed through BUSY
  private long busy;
  private long runs;
  private Owner busyOwner;
  // Watchdog bookkeeping, touched only by the watchdog thread.
  long seenSeq;
  long seenSince;
  boolean seenReported;

  LoopRunner(DefaultLoop loop, DefaultLoopGroup group) {
    this.loop = loop;
    this.group = group;
    Callback stub = new Callback(null, null, false);
    head = stub;
    tail = stub;
  }

  DefaultLoop loop() {
    return loop;
  }

  Thread thread() {
    return thread;
  }

  void enqueue(Callback c) {
    Callback prev = (Callback) TAIL.getAndSet(this, c);
    Callback.NEXT.setRelease(prev, c);
    if (attached == 0 && ATTACHED.compareAndSet(this, 0, 1)) {
      group.assign(this);
    } else if (parked == 1 && PARKED.compareAndSet(this, 1, 0)) {
      LockSupport.unpark(thread);
    }
  }

  /** Adds a timer to the heap, directly on the loop thread, else through the queue. */
  void addTimer(DefaultTimer timer, Owner owner) {
    if (Thread.currentThread() == thread) {
      timers.add(timer);
    } else {
      enqueue(new Callback(owner, () -> timers.add(timer), false));
    }
  }

  void timerCancelled() {
    cancelledTimers.incrementAndGet();
  }

  void wakeForClose() {
    LockSupport.unpark(thread);
  }

  /**
   * Interrupts the callback still running on a loop that closed: nothing waits for it any more, and
   * one still running after its scope was drained is most likely stuck (a sleep, a lock, a wait).
   */
  void interruptRunningCallback() {
    Thread t = thread;
    if (t instanceof Carrier carrier && t != Thread.currentThread() && busySeq() != 0) {
      carrier.interruptIfServing(this);
    }
  }

  /** Whether the loop has nothing running and nothing queued: never used, or parked. */
  boolean isIdle() {
    return attached == 0 || (parked == 1 && busySeq() == 0);
  }

  long busySeq() {
    return (long) BUSY.getAcquire(this);
  }

  /** The owner of the running callback; meaningful only right after {@link #busySeq()} was non-zero. */
  Owner busyOwner() {
    return busyOwner;
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
    Thread t = Thread.currentThread();
    t.setName("loop-harness " + loop.name());
    thread = t;
    try {
      while (!loop.isClosed()) {
        boolean worked = runQueued();
        long wait = runDueTimers();
        if (!worked && wait != 0) {
          idle(wait);
        }
      }
    } finally {
      leftovers();
      thread = null;
    }
  }

  private boolean runQueued() {
    for (int i = 0; i < BATCH; i++) {
      Callback c = poll();
      if (c == null) {
        return i > 0;
      }
      Owner owner = c.owner;
      Runnable action = c.action;
      c.owner = null;
      c.action = null;
      run(owner, action);
      if (loop.isClosed()) {
        return true;
      }
    }
    return true;
  }

  /** Fires due timers; returns nanoseconds until the next one, 0 to come back at once, -1 if none. */
  private long runDueTimers() {
    if (timers.isEmpty()) {
      return -1;
    }
    if (cancelledTimers.get() > 256 && cancelledTimers.get() > timers.size() / 2) {
      cancelledTimers.set(0);
      timers.removeDisarmed();
    }
    long now = System.nanoTime();
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
      run(t.owner(), t);
      fired++;
    }
    return 0;
  }

  private void run(Owner owner, Runnable action) {
    busyOwner = owner;
    BUSY.setRelease(this, ++runs);
    try {
      owner.runAs(action);
    } catch (Throwable e) {
      Thread t = Thread.currentThread();
      t.getUncaughtExceptionHandler().uncaughtException(t, e);
    } finally {
      BUSY.setRelease(this, 0L);
    }
  }

  private void idle(long nanos) {
    parked = 1;
    if (head.next() != null || loop.isClosed()) {
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
      if (c.harness) {
        run(c.owner, c.action);
      }
      c.owner = null;
      c.action = null;
    }
  }
}
