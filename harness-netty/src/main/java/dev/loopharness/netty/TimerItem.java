package dev.loopharness.netty;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.Timer;
import dev.loopharness.engine.clock.VirtualLoopClock;
import dev.loopharness.engine.clock.VirtualTimes;
import dev.loopharness.engine.leak.Owner.Registration;
import dev.loopharness.engine.loop.LoopItem;
import dev.loopharness.engine.loop.LoopText;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/** A tracked Netty scheduled task: armed until it fires (one-shot) or is cancelled; a TIMER leak if left armed. */
final class TimerItem implements Timer, LoopItem {
  private final NettyLoop loop;
  private final Class<?> actionClass;
  private final String what;
  private final boolean periodic;
  private final String site;
  private Registration registration;
  private volatile ScheduledFuture<?> future;

  /** @param clock the loop's virtual clock, or null: texts then show when it was armed on it */
  TimerItem(NettyLoop loop, Class<?> actionClass, long delayNanos, long periodNanos, String site,
      VirtualLoopClock clock) {
    this.loop = loop;
    this.actionClass = actionClass;
    this.periodic = periodNanos > 0;
    Duration delay = Duration.ofNanos(periodic ? periodNanos : Math.max(0, delayNanos));
    this.what = clock == null
        ? (periodic ? "every " : "for ") + LoopText.duration(delay)
        : (periodic ? "every " : "for ") + VirtualTimes.duration(delay) + " " + VirtualTimes.at(clock.nanoTime());
    this.site = site;
  }

  void register(Registration r) {
    registration = r;
  }

  /** {@code action} run as the timer's owner; a one-shot timer leaves the ledger as it fires. */
  Runnable wrap(Runnable action) {
    return () -> {
      if (!periodic) {
        registration.unregister();
      }
      registration.owner().runAs(action);
    };
  }

  <V> Callable<V> wrap(Callable<V> action) {
    return () -> {
      registration.unregister();
      return registration.owner().callAs(action);
    };
  }

  /** Schedules through {@code schedule} and leaves the ledger when the future completes or is cancelled. */
  <F extends ScheduledFuture<?>> F arm(Supplier<F> schedule) {
    F f;
    try {
      f = schedule.get();
    } catch (RuntimeException e) {
      registration.unregister();
      throw e;
    }
    future = f;
    GenericFutureListener<Future<Object>> done = x -> registration.unregister();
    f.addListener(done);
    return f;
  }

  @Override
  public boolean cancel() {
    ScheduledFuture<?> f = future;
    try {
      return f != null && f.cancel(false);
    } catch (RejectedExecutionException e) {
      // The loop shut down under us; Netty's shutdown cancels every scheduled task anyway.
      registration.unregister();
      return false;
    }
  }

  @Override
  public boolean isArmed() {
    ScheduledFuture<?> f = future;
    return f != null && !f.isDone();
  }

  @Override
  public LeakKind kind() {
    return LeakKind.TIMER;
  }

  @Override
  public String summary() {
    return site.isEmpty() ? what : what + " at " + site;
  }

  @Override
  public String describe() {
    return "armed " + summary();
  }

  @Override
  public String creationSite() {
    return site;
  }

  @Override
  public String origin() {
    return "timer " + loop.name() + " " + actionClass.getName() + " " + site;
  }

  @Override
  public Object home() {
    return loop;
  }

  @Override
  public CompletableFuture<Void> stop() {
    cancel();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> barrier() {
    return loop.barrier(registration.owner());
  }

  @Override
  public String toString() {
    return "timer " + summary() + (isArmed() ? " (armed)" : " (disarmed)");
  }
}
