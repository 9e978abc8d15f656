package dev.loopharness.engine.clock;

import dev.loopharness.api.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The virtual clock of one loop: the time its timers follow, moved only by auto-advance (while a
 * stage is pending and the loop is idle) and by {@link #advanceBy}/{@link #advanceUntilIdle}.
 * Created by the engine for each virtual loop and attached by the loop to a {@link ClockDriver}.
 */
public final class VirtualLoopClock implements VirtualClock {
  /** How many timer rounds {@link #advanceUntilIdle()} runs before it gives up. */
  static final int UNTIL_IDLE_LIMIT = 100_000;

  private final long autojumpNanos;
  private final AtomicInteger pendingStages = new AtomicInteger();
  // Written on the loop thread only; read anywhere.
  private volatile long nanos;
  private volatile ClockDriver driver;
  private volatile String loopName = "(not yet attached)";
  // Real time at which the loop became idle with a stage pending, or -1; loop thread only.
  private long idleSince = -1;

  /** @param autojumpAfter real idleness before an auto-advance ({@code harness.loop.virtual.autojump-after}) */
  public VirtualLoopClock(Duration autojumpAfter) {
    this.autojumpNanos = Math.max(0, autojumpAfter.toNanos());
  }

  /** Called once by the loop this clock drives, before any timer is armed. */
  public void attach(String name, ClockDriver loopDriver) {
    this.loopName = Objects.requireNonNull(name, "name");
    this.driver = Objects.requireNonNull(loopDriver, "loopDriver");
  }

  /** The loop's name, for messages. */
  public String loopName() {
    return loopName;
  }

  /** Virtual nanoseconds since the loop started: the time the loop's timers follow. */
  public long nanoTime() {
    return nanos;
  }

  @Override
  public Instant now() {
    return Instant.EPOCH.plusNanos(nanos);
  }

  @Override
  public Duration elapsed() {
    return Duration.ofNanos(nanos);
  }

  /** A test's or fixture's stage on this loop began: auto-advance may run until it ends. */
  public void stageStarted() {
    pendingStages.incrementAndGet();
    ClockDriver d = driver;
    if (d != null) {
      d.wake();
    }
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
   * The loop thread has nothing ready; its earliest timer is due at {@code nextDeadline} (virtual,
   * {@link Long#MAX_VALUE} if none). Jumps the clock to it once the loop has been idle for {@code
   * autojump-after} with a stage pending. Returns how long (real nanoseconds) the loop may park
   * before asking again: 0 when a timer is due now, -1 to park until woken.
   */
  public long onIdle(long nextDeadline) {
    if (nextDeadline != Long.MAX_VALUE && nextDeadline <= nanos) {
      return 0;
    }
    if (nextDeadline == Long.MAX_VALUE || !stagePending()) {
      idleSince = -1;
      return -1;
    }
    long real = System.nanoTime();
    if (idleSince < 0) {
      idleSince = real;
    }
    long waited = real - idleSince;
    if (waited < autojumpNanos) {
      return autojumpNanos - waited;
    }
    idleSince = -1;
    nanos = nextDeadline;
    return 0;
  }

  /**
   * Like {@link #onIdle} without jumping: how long (real nanoseconds) the idle loop may wait before
   * the clock may jump to {@code nextDeadline}: 0 if due now, -1 if it may not jump (no timer, or
   * no stage pending); loop thread.
   */
  public long idleWait(long nextDeadline) {
    if (nextDeadline != Long.MAX_VALUE && nextDeadline <= nanos) {
      return 0;
    }
    if (nextDeadline == Long.MAX_VALUE || !stagePending()) {
      return -1;
    }
    return idleSince < 0 ? autojumpNanos : Math.max(0, autojumpNanos - (System.nanoTime() - idleSince));
  }

  /** The loop ran something: real idleness counts again from the next idle moment; loop thread. */
  public void ranWork() {
    idleSince = -1;
  }

  @Override
  public void advanceBy(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("advanceBy(" + duration + ") on loop " + loopName
          + ": virtual time only moves forward. Fix: pass a duration of zero or more.");
    }
    long delta = saturatedNanos(duration);
    onLoop(() -> advanceTo(saturatedAdd(nanos, delta)));
  }

  @Override
  public void advanceUntilIdle() {
    onLoop(() -> {
      ClockDriver d = driver();
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
  private void advanceTo(long target) {
    ClockDriver d = driver();
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

  private void onLoop(Runnable action) {
    ClockDriver d = driver();
    if (d.inLoop()) {
      action.run();
      return;
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    d.submit(() -> {
      try {
        action.run();
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    });
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

  private ClockDriver driver() {
    ClockDriver d = driver;
    if (d == null) {
      throw new IllegalStateException("virtual clock of loop " + loopName + " is not attached to a loop");
    }
    return d;
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
