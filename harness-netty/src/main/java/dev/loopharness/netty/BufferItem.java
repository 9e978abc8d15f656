package dev.loopharness.netty;

import dev.loopharness.api.LeakKind;
import dev.loopharness.engine.kit.TrackedItem;
import io.netty.util.ResourceLeak;
import io.netty.util.ResourceLeakTracker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A {@code ByteBuf} allocated on a harness loop while an owner ran, as Netty's leak tracker for it:
 * listed in that owner's ledger from its allocation until Netty deallocates it (its last {@code
 * release()} calls {@link #close}), so the drain at the owner's end reports a buffer never released
 * as a RESOURCE leak, at its allocation site, whatever the GC does. Netty's own sampled tracker, if
 * it picked this buffer, is kept inside for its access records and disarmed once the leak is reported.
 */
@SuppressWarnings("deprecation") // ResourceLeak.close() is the one way to disarm Netty's tracker without the buffer
final class BufferItem extends TrackedItem implements ResourceLeakTracker<Object> {
  private static final AtomicIntegerFieldUpdater<BufferItem> CLOSED =
      AtomicIntegerFieldUpdater.newUpdater(BufferItem.class, "closed");
  static final String FIX = "call release() on it when done (ReferenceCountUtil.release(msg) in a handler"
      + " that consumes msg, or extend SimpleChannelInboundHandler)";

  private final ResourceLeakTracker<Object> netty;
  private final Class<?> type;
  private final int capacity;
  private final boolean sites;
  private volatile int closed;

  BufferItem(NettyLoop loop, String site, boolean sites, ResourceLeakTracker<Object> netty, Object buffer) {
    super(loop, site);
    this.netty = netty;
    this.type = buffer.getClass();
    this.capacity = buffer instanceof io.netty.buffer.ByteBuf b ? b.capacity() : -1;
    this.sites = sites;
  }

  @Override
  public void record() {
    if (netty != null) {
      netty.record();
    }
  }

  @Override
  public void record(Object hint) {
    if (netty != null) {
      netty.record(hint);
    }
  }

  /** Netty deallocated the buffer: it leaves the ledger. True the first time, as Netty expects. */
  @Override
  public boolean close(Object buffer) {
    if (!CLOSED.compareAndSet(this, 0, 1)) {
      return false;
    }
    untrack();
    if (netty != null) {
      netty.close(buffer);
    }
    return true;
  }

  @Override
  public Throwable getCloseStackTraceIfAny() {
    return netty == null ? null : netty.getCloseStackTraceIfAny();
  }

  @Override
  public LeakKind kind() {
    return LeakKind.RESOURCE;
  }

  @Override
  public String summary() {
    String site = creationSite();
    return what() + (site.isEmpty() ? "" : " allocated at " + site);
  }

  @Override
  public String describe() {
    String site = creationSite();
    if (!site.isEmpty()) {
      return what() + " allocated at " + site + ", never released: " + FIX;
    }
    return what() + (sites ? " allocated by Netty (e.g. read from a channel)" : "")
        + ", never released: " + FIX;
  }

  private String what() {
    return "ByteBuf (" + type.getSimpleName() + (capacity >= 0 ? ", capacity " + capacity : "") + ")";
  }

  @Override
  public boolean describesStably() {
    return true;
  }

  @Override
  public String origin() {
    return "buffer " + loop().name() + " " + type.getName() + " " + creationSite();
  }

  /**
   * Reported: Netty's own tracker is disarmed so that the GC does not report it a second time.
   * The buffer is not released: code may still hold it, and a pooled buffer released under it
   * would be handed to someone else.
   */
  @Override
  public CompletableFuture<Void> stop() {
    if (netty instanceof ResourceLeak leak) {
      leak.close();
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public String stopOutcome() {
    return "left allocated (the harness does not release a buffer code may still hold)";
  }

  @Override
  public String toString() {
    return "buffer " + what() + (closed != 0 ? " (released)" : " (allocated)");
  }
}
