package dev.loopharness.engine.loop;

import dev.loopharness.engine.leak.Owner;
import java.util.concurrent.CompletableFuture;

/**
 * The loop a {@link DefaultTask} or {@link DefaultResource} lives on, as the item sees it; lets
 * other loop providers reuse the built-in tracked items.
 */
public interface ItemLoop {

  /** The loop's name, unique within the run. */
  String name();

  /**
   * Runs a harness action (a cancel, a close) as {@code as}: on the loop while it is open (inline
   * when called from it); once it is closed, inline, or on a harness thread when {@code mayBlock}.
   * The future completes when the action has run, exceptionally with what it threw.
   */
  CompletableFuture<Void> harnessRun(Owner as, Runnable action, boolean mayBlock);

  /** Completes after everything queued on the loop so far has run (at once if it is closed or called from it). */
  CompletableFuture<Void> barrier(Owner as);
}
