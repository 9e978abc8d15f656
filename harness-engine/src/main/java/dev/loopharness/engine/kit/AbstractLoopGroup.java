package dev.loopharness.engine.kit;

import dev.loopharness.api.Leak;
import dev.loopharness.engine.leak.Owner;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The loops of one run, the pool of carrier threads that serve them and the blocked-loop watchdog
 * that samples those threads. A provider fills in {@link #createLoop} and, if its loops need a
 * bounded shutdown at the end of the run, {@link #closeLoops}; for carriers of its own thread type
 * (Netty's {@code FastThreadLocalThread}) it overrides {@link #newCarrierThread}.
 */
public abstract class AbstractLoopGroup implements LoopGroup {
  /** Who closed a loop that was still open when the run ended. */
  public static final String CLOSED_BY = "the harness, at the end of the run";

  private final LoopSettings settings;
  private final CarrierPool carriers;
  private volatile boolean closed;
  private volatile LocalTime closedAt;
  private Watchdog watchdog;

  protected AbstractLoopGroup(LoopSettings settings) {
    this.settings = settings;
    this.carriers = new CarrierPool(this::newCarrierThread, this::startWatchdog);
  }

  /** A new open loop of this provider for {@code spec}; called only while the group is open. */
  protected abstract AbstractHarnessLoop createLoop(LoopSpec spec);

  /**
   * At the end of the run, after the group is marked closed and before its threads are stopped:
   * shut down the loops still open, within a bound. Nothing by default.
   */
  protected void closeLoops() {}

  /**
   * A new, not yet started, thread that runs {@code body}; the kit makes it a harness thread. A
   * provider's own thread type must override {@code getContextClassLoader()} with {@link
   * HarnessThreads#carrierContextLoader}, so threads that callbacks start are attributed.
   */
  protected Thread newCarrierThread(Runnable body, String name) {
    return new Thread(body, name) {
      @Override
      public ClassLoader getContextClassLoader() {
        return HarnessThreads.carrierContextLoader(this, super.getContextClassLoader());
      }
    };
  }

  public final LoopSettings settings() {
    return settings;
  }

  @Override
  public final HarnessLoop newLoop(LoopSpec spec) {
    if (closed) {
      throw new IllegalStateException("the loop group is closed (the run has ended); cannot create loop "
          + spec.name());
    }
    return createLoop(spec);
  }

  public final boolean isClosed() {
    return closed;
  }

  /** When the run ended, or null. */
  public final LocalTime closedAt() {
    return closedAt;
  }

  /** Threads started by the carrier pool so far, for cost figures and tests. */
  public final int threadsStarted() {
    return carriers.threadsStarted();
  }

  /** The live carrier threads, for tests. */
  public final List<Thread> carrierThreads() {
    List<Thread> out = new ArrayList<>();
    for (Carrier c : carriers.carriers()) {
      out.add(c.thread());
    }
    return out;
  }

  final List<Carrier> carriers() {
    return carriers.carriers();
  }

  final void assign(CallbackHook loop, Runnable job, Runnable afterIdle) {
    carriers.assign(loop, job, afterIdle);
  }

  /**
   * Runs {@code job} on a pooled carrier thread named {@code loop-harness <role>}: for harness work
   * that runs loops inline (a class's tests), so that the watchdog and the run's close see them.
   */
  @Override
  public final void runJob(Runnable job, String role) {
    Runnable named = () -> {
      Thread.currentThread().setName(HarnessThreads.NAME_PREFIX + role);
      job.run();
    };
    if (!closed) {
      carriers.assign(null, named, null);
    } else {
      HarnessThreads.newThread(job, role).start();
    }
  }

  /** Runs a harness action that may block (a close) on a carrier, never on the caller's thread. */
  final void runDetached(Owner as, Runnable action, String loopName) {
    Runnable job = () -> {
      Thread.currentThread().setName(HarnessThreads.NAME_PREFIX + "cleanup " + loopName);
      as.runAs(action);
    };
    if (!closed) {
      carriers.assign(null, job, null);
    } else {
      HarnessThreads.newThread(job, "cleanup " + loopName).start();
    }
  }

  private synchronized void startWatchdog() {
    if (watchdog == null && !closed && !settings.slowCallback().isNegative()
        && !settings.slowCallback().isZero()) {
      watchdog = new Watchdog(this, settings.slowCallback());
      HarnessThreads.adopt(watchdog).start();
    }
  }

  @Override
  public final void close() {
    Thread dog;
    synchronized (this) {
      if (closed) {
        return;
      }
      closedAt = LocalTime.now();
      closed = true;
      dog = watchdog;
    }
    closeLoops();
    carriers.close(dog == null ? List.of() : List.of(dog));
  }

  @Override
  public final List<Leak> survivors() {
    return closed ? StuckThreads.of(carriers.carriers()) : List.of();
  }
}
