package dev.loopharness.engine.loop;

import dev.loopharness.engine.kit.ObservedFuture;
import dev.loopharness.engine.kit.TrackedTask;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A loop seen as a {@link ScheduledExecutorService}: work runs on the loop and is tracked; shutdown is the scope's job. */
final class LoopExecutorService extends AbstractExecutorService implements ScheduledExecutorService {
  private final DefaultLoop loop;

  LoopExecutorService(DefaultLoop loop) {
    this.loop = loop;
  }

  @Override
  public void execute(Runnable command) {
    loop.execute(command, "execute (through asExecutorService)");
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    // The task itself: its failure is unhandled unless someone looks at this future.
    return (TrackedTask<T>) loop.spawn(() -> {
      try {
        return CompletableFuture.completedFuture(task.call());
      } catch (Exception e) {
        return CompletableFuture.failedFuture(e);
      }
    });
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    Objects.requireNonNull(task, "task");
    return submit(() -> {
      task.run();
      return result;
    });
  }

  @Override
  public Future<?> submit(Runnable task) {
    return submit(task, null);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Objects.requireNonNull(command, "command");
    return schedule(() -> {
      command.run();
      return null;
    }, delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    Objects.requireNonNull(callable, "callable");
    TimerFuture<V> future = new TimerFuture<>("schedule (through asExecutorService)");
    future.timer = (DefaultTimer) loop.schedule(unit.toNanos(delay), () -> {
      try {
        future.complete(callable.call());
      } catch (Throwable e) {
        future.completeExceptionally(e);
      }
    }, 0, false, "schedule (through asExecutorService)");
    return future;
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
      TimeUnit unit) {
    return periodic(command, initialDelay, period, unit, true);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
      TimeUnit unit) {
    return periodic(command, initialDelay, delay, unit, false);
  }

  private ScheduledFuture<?> periodic(Runnable command, long initialDelay, long period, TimeUnit unit,
      boolean fixedRate) {
    Objects.requireNonNull(command, "command");
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive, got " + period + " " + unit);
    }
    TimerFuture<Object> future = new TimerFuture<>(fixedRate ? "scheduleAtFixedRate" : "scheduleWithFixedDelay");
    future.timer = (DefaultTimer) loop.schedule(unit.toNanos(initialDelay), () -> {
      try {
        command.run();
      } catch (Throwable e) {
        // As in ScheduledThreadPoolExecutor: a failing run ends the repetition and fails the future.
        future.timer.cancel();
        future.completeExceptionally(e);
      }
    }, unit.toNanos(period), fixedRate, fixedRate ? "scheduleAtFixedRate" : "scheduleWithFixedDelay");
    return future;
  }

  /** Does nothing: the loop's lifetime belongs to its scope. */
  @Override
  public void shutdown() {}

  /** Does nothing and returns an empty list: the loop's lifetime belongs to its scope. */
  @Override
  public List<Runnable> shutdownNow() {
    return List.of();
  }

  @Override
  public boolean isShutdown() {
    return loop.isClosed();
  }

  @Override
  public boolean isTerminated() {
    return loop.isClosed();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    while (!loop.isClosed() && System.nanoTime() < deadline) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return loop.isClosed();
  }

  @Override
  public String toString() {
    return loop.name() + " (as ScheduledExecutorService)";
  }

  /**
   * The result of a scheduled action; cancelling it disarms the timer. A failure of the action is
   * an unhandled error unless someone looks at this future.
   */
  private static final class TimerFuture<V> extends ObservedFuture<V> implements ScheduledFuture<V> {
    private final String call;
    volatile DefaultTimer timer;

    TimerFuture(String call) {
      this.call = call;
    }

    @Override
    protected dev.loopharness.engine.leak.Owner failureOwner() {
      return timer.owner();
    }

    @Override
    public String what() {
      String site = timer.creationSite();
      return "the action of " + call + (site.isEmpty() ? "" : " at " + site);
    }

    @Override
    public String creationSite() {
      return timer.creationSite();
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(timer.remainingNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(java.util.concurrent.Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      timer.cancel();
      return super.cancel(mayInterruptIfRunning);
    }
  }
}
