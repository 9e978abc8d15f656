package dev.loopharness.engine.clock;

import dev.loopharness.api.VirtualClock;
import dev.loopharness.engine.kit.ClockDriver;
import dev.loopharness.engine.kit.HarnessLoop;
import dev.loopharness.engine.kit.LoopClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The virtual clock of one loop, on the kit's {@link LoopClock} seam: the time its timers follow,
 * moved only by auto-advance (while a stage is pending and the loop is idle, see {@link
 * #idleParkNanos}) and by {@link #advanceBy}/{@link #advanceUntilIdle}. Created by the engine for
 * each virtual loop; {@link #release() released} to the wall clock when the loop closes.
 */
public final class VirtualLoopClock extends LoopClock implements VirtualClock {
  /** How many timer rounds {@link #advanceUntilIdle()} runs before it gives up. */
  static final int UNTIL_IDLE_LIMIT = 100_000;

  private final long autojumpNanos;
  private final AtomicInteger pendingStages = new AtomicInteger();
  private final List<Runnable> wakers = new CopyOnWriteArrayList<>();
  // Written on the loop thread only; read anywhere.
  private volatile long nanos;
  private volatile ClockDriver driver;
  private volatile String loopName = "(no loop yet)";
  private volatile boolean released;
  private volatile long releasedAtReal;
  // When the loop became idle with a stage pending and this next deadline; loop thread only.
  private long idleSince = -1;
  private long idleDeadline = -1;

  /** @param autojumpAfter real idleness before an auto-advance ({@code harness.loop.virtual.autojump-after}) */
  public VirtualLoopClock(Duration autojumpAfter) {
    this.autojumpNanos = Math.max(0, autojumpAfter.toNanos());
  }

  /** The virtual clock {@code loop} runs on, or null if it runs on another clock (the wall clock). */
  public static VirtualLoopClock of(HarnessLoop loop) {
    return loop != null && loop.clock() instanceof VirtualLoopClock clock ? clock : null;
  }

  /** Names the loop in messages; called by the engine once the loop exists. */
  public void named(String name) {
    this.loopName = Objects.requireNonNull(name, "name");
  }

  @Override
  public void attach(Runnable wakeLoop) {
    wakers.add(Objects.requireNonNull(wakeLoop, "wakeLoop"));
  }

  @Override
  public void attach(ClockDriver loopDriver) {
    this.driver = Objects.requireNonNull(loopDriver, "loopDriver");
  }

  /**
   * Virtual nanoseconds since the loop started; once {@linkplain #release() released}, that plus
   * the real time since, so that a provider's shutdown (Netty's graceful one) is bounded in real time.
   */
  @Override
  public long nanoTime() {
    long virtual = nanos;
    return released ? virtual + (System.nanoTime() - releasedAtReal) : virtual;
  }

  /** The loop is closing: from now on its clock moves with the wall clock. Idempotent. */
  public void release() {
    if (!released) {
      releasedAtReal = System.nanoTime();
      released = true;
    }
  }

  @Override
  public Instant now() {
    return Instant.EPOCH.plusNanos(nanos);
  }

  @Override
  public Duration elapsed() {
    return Duration.ofNanos(nanos);
  }

  @Override
  public String describeTimer(boolean periodic, Duration delayOrPeriod, long armedAt) {
    return (periodic ? "every " : "for ") + VirtualTimes.duration(delayOrPeriod) + " "
        + VirtualTimes.at(armedAt);
  }

  /** A test's or fixture's stage on this loop began: auto-advance may run until it ends. */
  public void stageStarted() {
    pendingStages.incrementAndGet();
    wakers.forEach(Runnable::run);
  }

  /** That stage completed (or was given up): once none is pending, the clock stops. */
  public void stageEnded() {
    pendingStages.decrementAndGet();
  }

  /** Whether a stage is pending, so that the clock may jump by itself. */
  public boolean stagePending() {
    return pendingStages.get() > 0;
  }

  /**
   * The loop thread has nothing ready; its earliest timer is due in {@code timerWaitNanos} (-1:
   * none). Once the loop has been idle for {@code autojump-after} (real time, with the same next
   * timer) while a stage is pending, the clock jumps to that timer and 0 is returned; otherwise how
   * long to park: the rest of {@code autojump-after}, or -1 (until woken) when it may not jump.
   */
  @Override
  public long idleParkNanos(long timerWaitNanos) {
    long wait = idleWaitNanos(timerWaitNanos);
    if (wait == 0 && timerWaitNanos > 0) {
      idleSince = -1;
      nanos = saturatedAdd(nanos, timerWaitNanos);
    }
    return wait;
  }

  @Override
  public long idleWaitNanos(long timerWaitNanos) {
    if (timerWaitNanos == 0) {
      return 0;
    }
    if (timerWaitNanos < 0 || !stagePending() || released) {
      idleSince = -1;
      return -1;
    }
    long real = System.nanoTime();
    long deadline = saturatedAdd(nanos, timerWaitNanos);
    if (idleSince < 0 || deadline != idleDeadline) {
      idleSince = real;
      idleDeadline = deadline;
    }
    return Math.max(0, autojumpNanos - (real - idleSince));
  }

  @Override
  public void advanceBy(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("advanceBy(" + duration + ") on loop " + loopName
          + ": virtual time only moves forward. Fix: pass a duration of zero or more.");
    }
    long delta = saturatedNanos(duration);
    onLoop(d -> advanceTo(d, saturatedAdd(nanos, delta)));
  }

  @Override
  public void advanceUntilIdle() {
    onLoop(d -> {
      d.runReady();
      for (int round = 0; ; round++) {
        long next = d.nextDeadline();
        if (next == Long.MAX_VALUE) {
          return;
        }
        if (round == UNTIL_IDLE_LIMIT) {
          throw new IllegalStateException("advanceUntilIdle() on loop " + loopName + " fired timers "
              + UNTIL_IDLE_LIMIT + " times and a timer is still armed (due " + VirtualTimes.at(next)
              + "): a periodic timer, or timers that keep arming timers, never let the loop become"
              + " idle. Fix: use advanceBy(Duration) for a bounded amount of virtual time.");
        }
        moveTo(next);
        d.runReady();
      }
    });
  }

  // Fires timers due up to target in deadline order, running what each queues before moving on.
  private void advanceTo(ClockDriver d, long target) {
    d.runReady();
    for (long next = d.nextDeadline(); next != Long.MAX_VALUE && next <= target;
        next = d.nextDeadline()) {
      moveTo(next);
      d.runReady();
    }
    moveTo(target);
  }

  private void moveTo(long deadline) {
    if (deadline > nanos) {
      nanos = deadline;
    }
  }

  private void onLoop(java.util.function.Consumer<ClockDriver> action) {
    ClockDriver d = driver;
    if (d == null) {
      throw new UnsupportedOperationException("loop " + loopName + " cannot advance its virtual clock"
          + " by hand: its loop provider does not support it (it gives the clock no ClockDriver)."
          + " Fix: let the clock advance by itself while the test's stage is pending.");
    }
    if (d.inLoop()) {
      action.accept(d);
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    d.submit(() -> {
      try {
        action.accept(d);
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    });
    await(done);
  }

  private void await(CompletableFuture<Void> done) {
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException("interrupted while loop " + loopName + " advanced its clock", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new CompletionException(cause);
    }
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  @Override
  public String toString() {
    return "VirtualClock[" + loopName + " " + VirtualTimes.at(nanos) + "]";
  }
}
