package dev.loopharness.netty;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;

/** Netty's leak detector, with each tracked object hinted with its owner and each report attributed. */
final class OwnedLeakDetector<T> extends ResourceLeakDetector<T> {
  private static volatile boolean byteBufs;

  OwnedLeakDetector(Class<?> resourceType, int samplingInterval) {
    super(resourceType, samplingInterval);
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
