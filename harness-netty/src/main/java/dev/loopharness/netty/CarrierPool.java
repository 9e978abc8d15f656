package dev.loopharness.netty;

import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.loop.ThreadJoins;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Reusable daemon threads that each run one Netty event loop at a time, so a new loop starts no thread. */
final class CarrierPool {
  static final String IDLE_NAME = "loop-harness netty idle";
  private static final int MAX_IDLE = 64;
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final AtomicInteger IDS = new AtomicInteger();

  private final ArrayDeque<Carrier> idle = new ArrayDeque<>();
  private final List<Carrier> carriers = new CopyOnWriteArrayList<>();
  private final AtomicInteger started = new AtomicInteger();
  private volatile boolean closed;

  /** Runs {@code job} on an idle carrier or a new one; {@code afterIdle} runs once the carrier is back in the pool. */
  void execute(Runnable job, Runnable afterIdle) {
    Carrier carrier;
    synchronized (idle) {
      carrier = idle.pollFirst();
    }
    if (carrier != null) {
      carrier.give(job, afterIdle);
      return;
    }
    carrier = new Carrier(job, afterIdle);
    carriers.add(carrier);
    started.incrementAndGet();
    carrier.start();
  }

  /** Threads started since the pool was made, for the cost figures and tests. */
  int threadsStarted() {
    return started.get();
  }

  /** Live carrier threads. */
  List<? extends Thread> threads() {
    return carriers;
  }

  private boolean offerIdle(Carrier carrier) {
    synchronized (idle) {
      if (closed || idle.size() >= MAX_IDLE) {
        return false;
      }
      idle.addFirst(carrier);
      return true;
    }
  }

  /** Stops every carrier, joining them for about two seconds at most and interrupting stuck ones. */
  void close() {
    synchronized (idle) {
      closed = true;
      idle.clear();
    }
    List<Thread> threads = new ArrayList<>(carriers);
    threads.forEach(LockSupport::unpark);
    long start = System.nanoTime();
    ThreadJoins.joinUntil(threads, start + GRACE_NANOS);
    for (Thread t : threads) {
      if (t.isAlive()) {
        t.interrupt();
      }
    }
    ThreadJoins.joinUntil(threads, start + 2 * GRACE_NANOS);
  }

  /** One pooled thread; a FastThreadLocalThread, as Netty's own event loop threads are. */
  private final class Carrier extends FastThreadLocalThread {
    private final String idleName;
    private volatile Runnable job;
    private volatile Runnable afterIdle;

    Carrier(Runnable first, Runnable afterIdle) {
      super(IDLE_NAME + " #" + IDS.incrementAndGet());
      this.idleName = getName();
      this.job = first;
      this.afterIdle = afterIdle;
      setDaemon(true);
      // Created from whatever thread needed a carrier: it must not carry that code's owner mark.
      setContextClassLoader(Owner.unmarked(getContextClassLoader()));
    }

    void give(Runnable next, Runnable after) {
      afterIdle = after;
      job = next;
      LockSupport.unpark(this);
    }

    @Override
    public void run() {
      try {
        while (true) {
          Runnable current = job;
          if (current != null) {
            Runnable after = afterIdle;
            try {
              current.run();
            } catch (Throwable e) {
              getUncaughtExceptionHandler().uncaughtException(this, e);
            }
            job = null;
            afterIdle = null;
            Thread.interrupted();
            setName(idleName);
            boolean again = offerIdle(this);
            if (after != null) {
              after.run();
            }
            if (!again) {
              return;
            }
          } else if (closed) {
            return;
          } else {
            LockSupport.park(CarrierPool.this);
          }
        }
      } finally {
        carriers.remove(this);
      }
    }
  }
}
