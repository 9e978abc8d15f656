package dev.loopharness.engine.kit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;

/** Reusable harness threads that each serve one loop at a time, so a new loop starts no thread. */
final class CarrierPool {
  private static final int MAX_IDLE = 64;
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
  // A callback still running once the run is over was interrupted; past this, it ignores that.
  private static final long STUCK_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final AtomicInteger IDS = new AtomicInteger();

  private final BiFunction<Runnable, String, Thread> threads;
  private final Runnable onNewThread;
  private final ArrayDeque<Carrier> idle = new ArrayDeque<>();
  private final List<Carrier> carriers = new CopyOnWriteArrayList<>();
  private final AtomicInteger started = new AtomicInteger();
  private volatile boolean closed;

  CarrierPool(BiFunction<Runnable, String, Thread> threads, Runnable onNewThread) {
    this.threads = threads;
    this.onNewThread = onNewThread;
  }

  /** Runs {@code job} serving {@code loop} (null: a harness job) on an idle carrier or a new one; then {@code afterIdle}. */
  void assign(CallbackHook loop, Runnable job, Runnable afterIdle) {
    Carrier carrier;
    synchronized (idle) {
      carrier = idle.pollFirst();
    }
    if (carrier != null) {
      carrier.give(loop, job, afterIdle);
      return;
    }
    carrier = new Carrier(this, loop, job, afterIdle);
    Thread t = HarnessThreads.adopt(threads.apply(carrier, HarnessThreads.NAME_PREFIX + "idle #" + IDS.incrementAndGet()));
    carrier.started(t);
    carriers.add(carrier);
    started.incrementAndGet();
    onNewThread.run();
    t.start();
  }

  boolean isClosed() {
    return closed;
  }

  /** Threads started since the pool was made, for cost figures and tests. */
  int threadsStarted() {
    return started.get();
  }

  /** Live carriers. */
  List<Carrier> carriers() {
    return carriers;
  }

  boolean offerIdle(Carrier carrier) {
    synchronized (idle) {
      if (closed || idle.size() >= MAX_IDLE) {
        return false;
      }
      idle.addFirst(carrier);
      return true;
    }
  }

  void exited(Carrier carrier) {
    carriers.remove(carrier);
  }

  /**
   * Stops every carrier (and {@code others}, e.g. the watchdog): those still in a callback are
   * interrupted at once, the rest get about a second to end before they are interrupted too.
   */
  void close(List<Thread> others) {
    synchronized (idle) {
      closed = true;
      idle.clear();
    }
    List<Thread> threads = new ArrayList<>(others);
    List<Thread> stuck = new ArrayList<>();
    for (Carrier c : carriers) {
      CallbackHook loop = c.serving();
      if (loop != null && loop.busySeq() != 0) {
        // Still in a callback after every scope was drained and closed: stuck, or cut off anyway.
        loop.interruptRunningCallback();
        stuck.add(c.thread());
      } else {
        if (loop != null) {
          loop.wake(); // idle: it sees the group closed and returns its carrier
        }
        threads.add(c.thread());
      }
    }
    threads.forEach(LockSupport::unpark);
    long start = System.nanoTime();
    ThreadJoins.joinUntil(stuck, start + STUCK_GRACE_NANOS);
    ThreadJoins.joinUntil(threads, start + GRACE_NANOS);
    for (Thread t : threads) {
      if (t.isAlive()) {
        t.interrupt();
      }
    }
    ThreadJoins.joinUntil(threads, start + 2 * GRACE_NANOS);
  }
}
