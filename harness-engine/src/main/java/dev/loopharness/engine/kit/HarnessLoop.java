package dev.loopharness.engine.kit;

import dev.loopharness.api.Loop;
import dev.loopharness.engine.leak.Owner;

/** A {@link Loop} as the engine sees it: with an owner, a close, its thread and a pending-work summary. */
public interface HarnessLoop extends Loop {

  /** The owner of the scope instance this loop belongs to. */
  Owner owner();

  /**
   * Closes the loop: it refuses all later work, drops callbacks not yet run, and does not wait for
   * a callback still running (the default loop interrupts it: by then it has outlived its scope's
   * drain, so it is most likely stuck). Idempotent.
   *
   * @param closedBy who closed it, as shown to users, e.g. {@code the harness, after test PingTest >
   *     pings() ended}
   */
  void close(String closedBy);

  /** The clock its timers run on. */
  LoopClock clock();

  /**
   * Makes the calling thread this loop's thread, so that it runs the loop itself ({@link
   * #runInline}) instead of handing work to a carrier and waiting: possible only if no thread has
   * served the loop yet. After a true, call {@link #unbindInline()} when done. The default: false.
   */
  default boolean bindInline() {
    return false;
  }

  /**
   * On the thread bound by {@link #bindInline()}: runs the loop's callbacks and timers until {@code
   * until} is done, the loop closes or {@code deadline} ({@link System#nanoTime()}) passes; returns
   * whether {@code until} is done.
   */
  default boolean runInline(java.util.concurrent.CompletableFuture<?> until, long deadline) {
    throw new IllegalStateException("not bound inline");
  }

  /** Ends {@link #bindInline()}: the loop goes on (served by a carrier if work is pending). */
  default void unbindInline() {}

  /** The thread serving this loop now, or null if none yet (or no longer); for stack dumps. */
  Thread thread();

  /**
   * A one-line summary of the work on this loop, e.g. {@code 1 pending task ('tooSlow' spawned at
   * ...), 0 armed timers, 0 open resources, 0 queued callbacks}; for timeout messages.
   */
  String describePending();
}
