package dev.loopharness.engine.leak;

import dev.loopharness.api.LeakKind;
import java.util.concurrent.CompletableFuture;

/** A task, timer or resource that lives on a loop and is listed in its owner's ledger. */
public interface Tracked {

  /** TASK, TIMER or RESOURCE. */
  LeakKind kind();

  /** What it is now, as shown in a leak line, e.g. {@code 'ping' spawned at A.b(A.java:3), still pending}. */
  String describe();

  /**
   * The short form listed in a loop's pending-work summary, e.g. {@code 'tooSlow' spawned at
   * A.b(A.java:3)} or {@code for 5s at A.b(A.java:9)}; {@link #describe()} by default.
   */
  default String summary() {
    return describe();
  }

  /** Where it was created, {@code Class.method(File.java:42)}, or empty when creation sites are off. */
  String creationSite();

  /** The loop it lives on, the kind and the code that created it: equal origins mean "the same thing, re-created". */
  String origin();

  /** The loop it lives on; items with the same home share one quiescence barrier. */
  Object home();

  /**
   * Cancels, disarms or closes it as the harness, on its loop (or a harness thread once the loop is
   * closed), without blocking; the future completes when that is done, exceptionally with what a
   * close threw.
   */
  CompletableFuture<Void> stop();

  /** Completes after everything queued on its loop so far has run (at once if the loop is closed). */
  CompletableFuture<Void> barrier();

  /**
   * Whether {@link #describe()}, {@link #creationSite()} and {@link #origin()} stay the same
   * whatever happens to the item later, so that a drain may compute them only when it reports the
   * item. False unless an implementation says so.
   */
  default boolean describesStably() {
    return false;
  }

  /**
   * What the report says the drain did once {@link #stop()} completed normally, e.g. {@code left
   * allocated}; null (the default) for the words of its kind ({@code closed by the harness}).
   */
  default String stopOutcome() {
    return null;
  }

  /**
   * Whether it is on its way out of the ledger by itself right now, as a one-shot timer whose action
   * runs, or that fired or was cancelled a moment ago: it is no leak of its own (what the action arms
   * or spawns is an item of its own), and a drain only waits for its loop. False by default.
   */
  default boolean isPassing() {
    return false;
  }

  /**
   * Whether it may still finish by itself on I/O that is ready or about to be (a connected channel
   * whose peer may have closed, a close in progress), so that settling waits for it within {@code
   * harness.leaks.settle}. False (the default) for work that only callbacks already queued can end.
   */
  default boolean maySettle() {
    return false;
  }

  /**
   * Items with the same non-null key can be stopped together by {@link #stopBatch}, e.g. all of an
   * owner's tasks on one loop in one loop callback; null (the default) stops items one by one.
   */
  default Object stopBatchKey() {
    return null;
  }

  /**
   * Stops {@code items} (this item among them, all with this item's {@link #stopBatchKey()}) as
   * {@link #stop()} would stop each; the future completes when all of them are done.
   */
  default CompletableFuture<Void> stopBatch(java.util.List<? extends Tracked> items) {
    CompletableFuture<?>[] all = new CompletableFuture<?>[items.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = items.get(i).stop();
    }
    return CompletableFuture.allOf(all);
  }
}
