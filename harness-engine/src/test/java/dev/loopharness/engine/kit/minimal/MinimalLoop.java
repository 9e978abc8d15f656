package dev.loopharness.engine.kit.minimal;

import dev.loopharness.engine.kit.AbstractHarnessLoop;
import dev.loopharness.engine.kit.AbstractLoopGroup;
import dev.loopharness.engine.kit.LoopCallback;
import dev.loopharness.engine.kit.LoopSpec;
import dev.loopharness.engine.kit.TrackedTimer;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** A blocking queue and a timer queue, served on a kit carrier: everything else is the kit's. */
final class MinimalLoop extends AbstractHarnessLoop implements Runnable {
  private final LinkedBlockingQueue<LoopCallback> queue = new LinkedBlockingQueue<>();
  private final PriorityQueue<MinimalTimer> timers = new PriorityQueue<>(); // loop thread only
  private final AtomicBoolean started = new AtomicBoolean();

  MinimalLoop(AbstractLoopGroup group, LoopSpec spec) {
    super(group, spec);
  }

  @Override
  protected void enqueue(LoopCallback callback) {
    queue.add(callback);
    if (started.compareAndSet(false, true)) {
      startOnCarrier(this, null);
    }
  }

  @Override
  protected boolean enqueueHarness(LoopCallback callback) {
    if (isClosed()) {
      return false;
    }
    enqueue(callback);
    return true;
  }

  @Override
  protected TrackedTimer newTimer(Runnable action, long delayNanos, long periodNanos, boolean fixedRate,
      String site) {
    return new MinimalTimer(this, action, delayNanos, site);
  }

  /** Puts an armed timer in the queue of timers, on the loop thread. */
  void add(MinimalTimer timer) {
    if (inLoop()) {
      timers.add(timer);
    } else {
      enqueue(newCallback(timer.owner(), () -> timers.add(timer), true));
    }
  }

  @Override
  protected void shutDown() {
    wake();
    interruptRunningCallback();
  }

  @Override
  protected void wake() {
    queue.add(newCallback(owner(), () -> {}, true)); // runs nothing, but ends a wait for the queue
  }

  @Override
  protected int queuedCallbacks() {
    return queue.size();
  }

  @Override
  public void run() {
    try {
      while (!isClosed()) {
        long wait = fireDueTimers();
        long park = clock().idleParkNanos(wait);
        LoopCallback next = park < 0 ? queue.take() : queue.poll(park, TimeUnit.NANOSECONDS);
        if (next != null) {
          next.run();
        }
      }
    } catch (InterruptedException e) {
      // closed while waiting
    } finally {
      for (LoopCallback c = queue.poll(); c != null; c = queue.poll()) {
        if (c.isHarness()) {
          c.run();
        } else {
          c.discard();
        }
      }
    }
  }

  /** Fires every due timer; returns nanoseconds until the next, or -1 if none is armed. */
  private long fireDueTimers() {
    while (!timers.isEmpty()) {
      MinimalTimer first = timers.peek();
      long wait = first.deadline() - clock().nanoTime();
      if (first.isArmed() && wait > 0) {
        return wait;
      }
      timers.poll().fire();
    }
    return -1;
  }

  @Override
  public ScheduledExecutorService asExecutorService() {
    throw new UnsupportedOperationException("the minimal provider has no executor-service view");
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException("loop " + name() + " cannot be unwrapped to " + type.getName());
  }
}
