package dev.loopharness.engine.loop;

import dev.loopharness.api.LeakKind;
import dev.loopharness.api.TrackedResource;
import dev.loopharness.engine.leak.Owner.Registration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A tracked open resource; closing the handle closes it and takes it off the ledger. */
@SuppressWarnings("try") // TrackedResource.close() throws Exception by contract
public final class DefaultResource implements TrackedResource, LoopItem {
  private final ItemLoop loop;
  private final String description;
  private final AutoCloseable resource;
  private final String site;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Registration registration;

  /** A handle on {@code resource}, to be registered before it is handed out. */
  public DefaultResource(ItemLoop loop, String description, AutoCloseable resource, String site) {
    this.loop = loop;
    this.description = description;
    this.resource = resource;
    this.site = site;
  }

  /** Binds the handle to its place in its owner's ledger; once. */
  public void register(Registration r) {
    registration = r;
  }

  @Override
  public boolean isClosed() {
    return closed.get();
  }

  @Override
  public void close() throws Exception {
    if (closed.compareAndSet(false, true)) {
      registration.unregister();
      resource.close();
    }
  }

  @Override
  public LeakKind kind() {
    return LeakKind.RESOURCE;
  }

  @Override
  public String summary() {
    return site.isEmpty() ? "'" + description + "'" : "'" + description + "' opened at " + site;
  }

  @Override
  public String describe() {
    return summary() + (site.isEmpty() ? " never closed" : ", never closed");
  }

  @Override
  public String creationSite() {
    return site;
  }

  @Override
  public String origin() {
    return "resource " + loop.name() + " " + resource.getClass().getName() + " " + site;
  }

  @Override
  public Object home() {
    return loop;
  }

  @Override
  public CompletableFuture<Void> stop() {
    // A close may block; once the loop is closed it runs on a harness thread, never the drainer's.
    return loop.harnessRun(registration.owner(), () -> {
      try {
        close();
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, true);
  }

  @Override
  public CompletableFuture<Void> barrier() {
    return loop.barrier(registration.owner());
  }

  @Override
  public String toString() {
    return "resource '" + description + "'" + (isClosed() ? " (closed)" : " (open)");
  }
}
