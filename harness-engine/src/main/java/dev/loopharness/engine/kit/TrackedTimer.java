package dev.loopharness.engine.kit;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Timer;
import dev.loopharness.config.Durations;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The base of a provider's tracked timer, one-shot or periodic: armed until it fires (one-shot) or
 * is cancelled; a {@code TIMER} leak if left armed. Its texts are the kit's; a provider implements
 * {@link #arm()} on its native scheduler (deadlines on the loop's {@link LoopClock}), {@link
 * #cancel()} and {@link #isArmed()}.
 */
public abstract class TrackedTimer extends TrackedItem implements Timer {
  private final Class<?> actionClass;
  private final long delayNanos;
  private final long periodNanos;
  private final long armedAt;

  protected TrackedTimer(AbstractHarnessLoop loop, Class<?> actionClass, long delayNanos, long periodNanos,
      String site) {
    super(loop, site);
    this.actionClass = actionClass;
    this.delayNanos = Math.max(0, delayNanos);
    this.periodNanos = Math.max(0, periodNanos);
    this.armedAt = loop.clock().nanoTime();
  }

  /** Schedules it natively, once it is registered; called by {@link AbstractHarnessLoop#schedule}. */
  protected abstract void arm();

  /** Whether it repeats. */
  public final boolean isPeriodic() {
    return periodNanos > 0;
  }

  protected final long delayNanos() {
    return delayNanos;
  }

  protected final long periodNanos() {
    return periodNanos;
  }

  @Override
  public final LeakKind kind() {
    return LeakKind.TIMER;
  }

  @Override
  public final String summary() {
    String what = loop().clock().describeTimer(periodNanos > 0,
        Duration.ofNanos(periodNanos > 0 ? periodNanos : delayNanos), armedAt);
    String site = creationSite();
    return site.isEmpty() ? what : what + " at " + site;
  }

  @Override
  public final String describe() {
    return "armed " + summary();
  }

  @Override
  public final String origin() {
    return "timer " + loop().name() + " " + actionClass.getName() + " " + creationSite();
  }

  /** Disarming needs no loop: a cancelled timer never fires, whatever its loop is doing. */
  @Override
  public CompletableFuture<Void> stop() {
    cancel();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public String toString() {
    return "timer " + summary() + (isArmed() ? " (armed)" : " (disarmed)");
  }
}
