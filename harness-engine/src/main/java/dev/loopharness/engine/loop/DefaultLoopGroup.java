package dev.loopharness.engine.loop;

import dev.loopharness.api.Leak;
import dev.loopharness.api.Scope;
import dev.loopharness.engine.leak.Owner;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** The loops of one run and the pool of reusable carrier threads that serve them. */
final class DefaultLoopGroup implements LoopGroup {
  static final String CLOSED_BY = "the harness, at the end of the run";
  private static final int MAX_IDLE = 64;
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
  // A callback still running once the run is over was interrupted; past this, it ignores that.
  private static final long STUCK_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final LoopSettings settings;
  private final ArrayDeque<Carrier> idle = new ArrayDeque<>();
  private final List<Carrier> carriers = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  private volatile LocalTime closedAt;
  private Watchdog watchdog;

  DefaultLoopGroup(LoopSettings settings) {
    this.settings = settings;
  }

  LoopSettings settings() {
    return settings;
  }

  @Override
  public HarnessLoop newLoop(String name, Scope scope, Owner owner) {
    if (closed) {
      throw new IllegalStateException("the loop group is closed (the run has ended); cannot create loop " + name);
    }
    return new DefaultLoop(this, name, scope, owner);
  }

  boolean isClosed() {
    return closed;
  }

  String closedBy() {
    return CLOSED_BY;
  }

  LocalTime closedAt() {
    return closedAt;
  }

  /** Live carriers, for the watchdog and for tests. */
  List<Carrier> carriers() {
    return carriers;
  }

  /** Hands {@code job} to an idle carrier, or to a new one. */
  void assign(Runnable job) {
    Carrier carrier;
    synchronized (idle) {
      carrier = idle.pollFirst();
    }
    if (carrier != null) {
      carrier.give(job);
      return;
    }
    carrier = new Carrier(this, job);
    carriers.add(carrier);
    startWatchdog();
    carrier.start();
  }

  /** Takes a carrier back after its job; false tells it to exit. */
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

  /** Runs a harness action that may block (a close) on a carrier, never on the caller's thread. */
  void runDetached(Owner as, Runnable action, String loopName) {
    Runnable job = () -> {
      Thread.currentThread().setName("loop-harness cleanup " + loopName);
      as.runAs(action);
    };
    if (!closed) {
      assign(job);
    } else {
      Thread t = new Thread(job, "loop-harness cleanup " + loopName);
      t.setDaemon(true);
      t.setContextClassLoader(Owner.unmarked(t.getContextClassLoader()));
      t.start();
    }
  }

  private synchronized void startWatchdog() {
    if (watchdog == null && !closed && !settings.slowCallback().isNegative()
        && !settings.slowCallback().isZero()) {
      watchdog = new Watchdog(this, settings.slowCallback());
      watchdog.start();
    }
  }

  @Override
  public void close() {
    Thread dog;
    synchronized (this) {
      if (closed) {
        return;
      }
      closedAt = LocalTime.now();
      closed = true;
      dog = watchdog;
    }
    List<Thread> threads = new ArrayList<>();
    List<Thread> stuck = new ArrayList<>();
    for (Carrier c : carriers) {
      // Still in a callback after every scope was drained and closed: stuck, or cut off anyway.
      if (c.job() instanceof LoopRunner runner && runner.busySeq() != 0) {
        runner.interruptRunningCallback();
        stuck.add(c);
      } else {
        threads.add(c);
      }
    }
    if (dog != null) {
      threads.add(dog);
    }
    for (Thread t : threads) {
      LockSupport.unpark(t);
    }
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

  @Override
  public List<Leak> survivors() {
    return closed ? StuckThreads.of(carriers) : List.of();
  }
}
