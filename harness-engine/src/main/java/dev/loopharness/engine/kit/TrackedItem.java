package dev.loopharness.engine.kit;

import dev.loopharness.engine.leak.Owner.Registration;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.leak.Tracked;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * The base of a provider's tracked item (a timer, a channel): it lives on one loop, is listed in
 * its owner's ledger from {@link AbstractHarnessLoop#register} until {@link #untrack()}, and runs
 * its work as that owner through the loop's callback hook.
 */
public abstract class TrackedItem implements Tracked {
  private final AbstractHarnessLoop loop;
  private final String site;
  private Registration registration;

  protected TrackedItem(AbstractHarnessLoop loop, String site) {
    this.loop = loop;
    this.site = site;
  }

  final void register(Registration r) {
    registration = r;
  }

  /** The loop it lives on. */
  protected final AbstractHarnessLoop loop() {
    return loop;
  }

  /** The owner whose ledger lists it (the orphans if the intended owner had ended). */
  public final Owner owner() {
    return registration.owner();
  }

  /** Takes it off its owner's ledger: it completed, fired, was cancelled or closed. Idempotent. */
  protected final void untrack() {
    registration.unregister();
  }

  /** Whether it is still on its owner's ledger. */
  protected final boolean isTracked() {
    return registration.isLive();
  }

  /** Runs {@code action} on its loop thread as its owner, as one callback; a failure names this item. */
  protected final void runAsOwner(Runnable action) {
    loop.runCallback(registration.owner(), action, this);
  }

  /** Calls {@code action} on its loop thread as its owner, as one callback; its failure is the caller's. */
  protected final <V> V callAsOwner(Callable<V> action) throws Exception {
    return loop.callCallback(registration.owner(), action);
  }

  /** Runs a harness action (a cancel, a close) for it: see {@link AbstractHarnessLoop#harnessRun}. */
  protected final CompletableFuture<Void> runAsHarness(Runnable action, boolean mayBlock) {
    return loop.harnessRun(registration.owner(), action, mayBlock);
  }

  @Override
  public final String creationSite() {
    return site;
  }

  @Override
  public final Object home() {
    return loop;
  }

  @Override
  public CompletableFuture<Void> barrier() {
    return loop.barrier(registration.owner());
  }
}
