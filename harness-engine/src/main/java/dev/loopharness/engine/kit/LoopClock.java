package dev.loopharness.engine.kit;

/**
 * The time of one loop: every "now" and every timer deadline of a kit loop is read from its clock,
 * and a provider's native scheduler runs on it (the default loop's timer heap; Netty's
 * {@code Ticker}). {@link #real()} is {@link System#nanoTime()}. A virtual clock extends this
 * class: it returns its own {@link #nanoTime()}, tells an idle loop not to sleep for a timer
 * (override {@link #idleParkNanos}), and wakes the loops it is {@linkplain #attach attached} to when
 * it advances. Wall-clock concerns (timeouts, the watchdog, the drain) never use a loop's clock.
 */
public abstract class LoopClock {
  private static final LoopClock REAL = new LoopClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public boolean isReal() {
      return true;
    }

    @Override
    public String toString() {
      return "real";
    }
  };

  protected LoopClock() {}

  /** The real clock, shared by every real-time loop. */
  public static LoopClock real() {
    return REAL;
  }

  /** Now, in nanoseconds from an arbitrary origin, as {@link System#nanoTime()}. */
  public abstract long nanoTime();

  /** Whether this is {@link #real()}. */
  public boolean isReal() {
    return false;
  }

  /**
   * How long an idle loop thread parks, in real nanoseconds, when its next timer is due in
   * {@code timerWaitNanos} on this clock ({@code -1}: no timer armed); {@code -1} parks until the
   * loop is woken. The real clock waits for the timer.
   */
  public long idleParkNanos(long timerWaitNanos) {
    return timerWaitNanos;
  }

  /**
   * Like {@link #idleParkNanos} without its effects (a virtual clock jumps there): how long the idle
   * loop may wait now, for a provider whose native wait is computed apart from its idle step (Netty's
   * selector); {@code -1}: until woken.
   */
  public long idleWaitNanos(long timerWaitNanos) {
    return timerWaitNanos;
  }

  /**
   * Called once by each loop that runs on this clock, before it runs anything, with an action that
   * wakes that loop's thread (safe to call from any thread); a clock that jumps calls it. The real
   * clock never needs to.
   */
  public void attach(Runnable wakeLoop) {}

  /**
   * Called by a provider whose loop can run due work in place when the clock is moved by hand (see
   * {@link ClockDriver}); a clock that never is ignores it.
   */
  public void attach(ClockDriver driver) {}

  /**
   * A timer as reports show it: {@code for 5s}, {@code every 100ms}. A virtual clock adds when it
   * was armed on it ({@code for 1d at virtual 00:05:00}).
   *
   * @param armedAt {@link #nanoTime()} when the timer was armed
   */
  public String describeTimer(boolean periodic, java.time.Duration delayOrPeriod, long armedAt) {
    return (periodic ? "every " : "for ") + dev.loopharness.config.Durations.format(delayOrPeriod);
  }
}
