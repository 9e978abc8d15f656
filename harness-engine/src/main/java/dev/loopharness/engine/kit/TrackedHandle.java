package dev.loopharness.engine.kit;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.TrackedResource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A tracked open resource; closing the handle closes it and takes it off the ledger. */
@SuppressWarnings("try") // TrackedResource.close() throws Exception by contract
public final class TrackedHandle extends TrackedItem implements TrackedResource {
  private final String description;
  private final AutoCloseable resource;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A handle on {@code resource}, to be registered before it is handed out. */
  TrackedHandle(AbstractHarnessLoop loop, String description, AutoCloseable resource, String site) {
    super(loop, site);
    this.description = description;
    this.resource = resource;
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() throws Exception {
    if (closed.compareAndSet(false, true)) {
      untrack();
      resource.close();
    }
  }

  @Override
  public LeakKind kind() {
    return LeakKind.RESOURCE;
  }

  @Override
  public String summary() {
    String site = creationSite();
    return site.isEmpty() ? "'" + description + "'" : "'" + description + "' opened at " + site;
  }

  @Override
  public String describe() {
    return summary() + (creationSite().isEmpty() ? " never closed" : ", never closed");
  }

  @Override
  public String origin() {
    return "resource " + loop().name() + " " + resource.getClass().getName() + " " + creationSite();
  }

  @Override
  public CompletableFuture<Void> stop() {
    // A close may block; once the loop is closed it runs on a harness thread, never the drainer's.
    return runAsHarness(() -> {
      try {
        close();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, true);
  }

  @Override
  public String toString() {
    return "resource '" + description + "'" + (isClosed() ? " (closed)" : " (open)");
  }
}
