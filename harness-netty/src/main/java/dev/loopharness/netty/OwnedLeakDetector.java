package dev.loopharness.netty;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;

/**
 * Netty's leak detector, with each tracked object hinted with its owner and each report attributed.
 * For {@code ByteBuf}s it also tracks every buffer allocated on a harness loop while an owner runs
 * (not just Netty's sample), at any level but {@code DISABLED}, as a {@link BufferItem} in that
 * owner's ledger: a buffer never released is a leak of the test or fixture that allocated it, found
 * at its end.
 */
final class OwnedLeakDetector<T> extends ResourceLeakDetector<T> {
  private static volatile boolean byteBufs;
  private final boolean buffers;

  OwnedLeakDetector(Class<?> resourceType, int samplingInterval) {
    super(resourceType, samplingInterval);
    this.buffers = resourceType.getName().equals("io.netty.buffer.ByteBuf");
  }

  @Override
  public ResourceLeakTracker<T> track(T obj) {
    ResourceLeakTracker<T> netty = super.track(obj);
    if (!buffers || (netty == null && getLevel() == Level.DISABLED)) {
      return netty;
    }
    ResourceLeakTracker<T> owned = owned(obj, netty);
    return owned != null ? owned : netty;
  }

  // A derived buffer (a retained slice) of a buffer that is tracked: Netty tracks these forcibly,
  // which for an owned parent (every one) would mean a GC-tracked record per slice: it gets
  // Netty's sample instead, like any buffer.
  @Override
  public ResourceLeakTracker<T> trackForcibly(T obj) {
    if (buffers) {
      ResourceLeakTracker<T> owned = owned(obj, super.track(obj));
      if (owned != null) {
        return owned;
      }
    }
    return super.trackForcibly(obj);
  }

  @SuppressWarnings("unchecked")
  private static <T> ResourceLeakTracker<T> owned(T obj, ResourceLeakTracker<T> netty) {
    NettyLoop loop = NettyLoop.current();
    return loop == null ? null : (ResourceLeakTracker<T>) loop.trackBuffer(obj, (ResourceLeakTracker<Object>) netty);
  }

  /** Whether Netty's ByteBuf detector is one of ours (else attribution falls back to a leak listener). */
  static boolean tracksByteBufs() {
    return byteBufs;
  }

  @Override
  protected Object getInitialHint(String resourceType) {
    return LeakOwners.hint();
  }

  @Override
  protected boolean needReport() {
    return true;
  }

  @Override
  protected void reportTracedLeak(String resourceType, String records) {
    super.reportTracedLeak(resourceType, records);
    LeakOwners.report(resourceType, records);
  }

  @Override
  protected void reportUntracedLeak(String resourceType) {
    super.reportUntracedLeak(resourceType);
    LeakOwners.report(resourceType, "");
  }

  /** Makes our detectors; installed before Netty's buffer classes create theirs. */
  static final class Factory extends ResourceLeakDetectorFactory {
    @Override
    @Deprecated
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
        long maxActive) {
      return newResourceLeakDetector(resource, samplingInterval);
    }

    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
      if (resource.getName().equals("io.netty.buffer.ByteBuf")) {
        byteBufs = true;
      }
      return new OwnedLeakDetector<>(resource, samplingInterval);
    }
  }
}
