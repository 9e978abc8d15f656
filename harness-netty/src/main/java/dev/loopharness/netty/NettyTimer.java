package dev.loopharness.netty;

import dev.loopharness.engine.kit.TrackedTimer;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/** A tracked Netty scheduled task: armed until it fires (one-shot) or is cancelled; a TIMER leak if left armed. */
final class NettyTimer extends TrackedTimer {
  private final NettyLoop loop;
  private final Runnable action;
  private volatile ScheduledFuture<?> future;

  /** {@code action} is what {@code Loop.schedule} runs, or null for a timer armed through the Netty API. */
  NettyTimer(NettyLoop loop, Class<?> actionClass, long delayNanos, long periodNanos, String site, Runnable action) {
    super(loop, actionClass, delayNanos, periodNanos, site);
    this.loop = loop;
    this.action = action;
  }

  /** Arms a {@code Loop.schedule} timer: its action runs through the callback hook, whose failures it catches. */
  @Override
  protected void arm() {
    Runnable fire = () -> {
      if (!isPeriodic()) {
        untrack();
      }
      runAsOwner(action);
    };
    arm(() -> loop.eventLoop().harnessSchedule(fire, delayNanos()));
  }

  /**
   * {@code action} run as the timer's owner for a future handed to the caller: a one-shot timer
   * leaves the ledger as it fires, and a failure goes to the future, as Netty does.
   */
  Runnable wrap(Runnable action) {
    Callable<Object> call = Executors.callable(action);
    return () -> {
      if (!isPeriodic()) {
        untrack();
      }
      try {
        callAsOwner(call);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e); // a Runnable throws no checked exception
      }
    };
  }

  <V> Callable<V> wrap(Callable<V> action) {
    return () -> {
      untrack();
      return callAsOwner(action);
    };
  }

  /** Schedules through {@code schedule} and leaves the ledger when the future completes or is cancelled. */
  <F extends ScheduledFuture<?>> F arm(Supplier<F> schedule) {
    F f;
    try {
      f = schedule.get();
    } catch (RuntimeException e) {
      untrack();
      throw e;
    }
    future = f;
    GenericFutureListener<Future<Object>> done = x -> untrack();
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
      untrack();
      return false;
    }
  }

  @Override
  public boolean isArmed() {
    ScheduledFuture<?> f = future;
    return f != null && !f.isDone();
  }
}
