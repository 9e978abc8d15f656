package dev.loopharness.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * One single-threaded event loop, owned by one scope instance (a test, a class, a package or the
 * session) and closed when that scope ends.
 *
 * <p>Everything submitted to a loop runs on its one thread, in submission order. Tasks, timers and
 * resources created through a loop are tracked with their owner (the test or fixture running when
 * they were created); what an owner leaves behind is cancelled, closed and reported when it ends.
 * Every method that submits work throws {@link LoopClosedException} once the loop is closed.
 */
public interface Loop extends Executor {

  /** A name unique within the run, such as {@code class:EchoTest#2}. */
  String name();

  /** The scope this loop belongs to. */
  Scope scope();

  /** Whether the loop has been closed; a closed loop refuses all work. */
  boolean isClosed();

  /** Whether the calling thread is this loop's thread. */
  boolean inLoop();

  /**
   * Runs {@code command} on the loop, after everything submitted before it.
   *
   * @throws LoopClosedException if the loop is closed
   */
  @Override
  void execute(Runnable command);

  /**
   * Starts a tracked task: {@code body} is invoked on the loop and the task completes with the
   * stage it returns. A task still pending when its owner ends is a {@link LeakKind#TASK} leak.
   *
   * @throws LoopClosedException if the loop is closed
   */
  <T> Task<T> spawn(Supplier<? extends CompletionStage<T>> body);

  /**
   * Starts a tracked task with a name shown in reports.
   *
   * @see #spawn(Supplier)
   */
  <T> Task<T> spawn(String name, Supplier<? extends CompletionStage<T>> body);

  /**
   * Runs {@code callable} on the loop and completes the returned future with its result or
   * exception.
   *
   * @throws LoopClosedException if the loop is closed
   */
  <T> CompletableFuture<T> submit(Callable<T> callable);

  /**
   * Arms a tracked timer that runs {@code action} on the loop after {@code delay}. A timer still
   * armed when its owner ends is a {@link LeakKind#TIMER} leak.
   *
   * @throws LoopClosedException if the loop is closed
   */
  Timer schedule(Duration delay, Runnable action);

  /**
   * Tracks an open resource (a "transport"). Closing the returned handle closes {@code resource}
   * and stops tracking it; a resource still open when its owner ends is a {@link
   * LeakKind#RESOURCE} leak and is closed by the harness.
   *
   * @param description what the resource is, e.g. {@code "tcp 127.0.0.1:50112"}
   * @throws LoopClosedException if the loop is closed
   */
  TrackedResource track(String description, AutoCloseable resource);

  /**
   * This loop as a {@link ScheduledExecutorService}, for libraries that take an executor. Work
   * submitted through it runs on the loop and is tracked like {@link #submit} and {@link
   * #schedule}. Its shutdown methods do nothing: the loop's lifetime belongs to its scope.
   */
  ScheduledExecutorService asExecutorService();

  /**
   * A snapshot of the tracked work live on this loop now, whoever owns it: pending tasks, armed
   * timers and open resources, oldest first within each owner. What was drained or completed is
   * gone; the list does not change afterwards. Safe to call from any thread, also once the loop is
   * closed. For assertions such as {@code assertThat(loop).hasNoPendingTasks()}.
   *
   * @return an unmodifiable list, never null
   * @throws UnsupportedOperationException if the loop provider does not track work per loop (the
   *     built-in providers do)
   */
  default List<PendingWork> pendingWork() {
    throw new UnsupportedOperationException("loop " + name() + " (" + getClass().getName()
        + ") does not report its pending work: its loop provider must implement Loop.pendingWork()");
  }

  /**
   * The provider's native loop object, such as a Netty {@code EventLoop}.
   *
   * @throws IllegalArgumentException if this loop cannot be viewed as {@code type}
   */
  <T> T unwrap(Class<T> type);
}
