package dev.loopharness.netty;

import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopProvider;
import dev.loopharness.engine.kit.LoopSettings;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.ResourceLeakDetectorFactory;

/**
 * The {@code netty} loop provider ({@code harness.loop.provider = netty}): each harness loop is a
 * Netty event loop that {@code loop.unwrap(EventLoop.class)} hands to {@code Bootstrap}; channels
 * registered on it and ByteBufs allocated on it are tracked with their owner (a buffer never released
 * is a leak at its owner's end), and Netty's own ByteBuf leak reports are attributed to the test or
 * fixture that allocated the buffer.
 */
public final class NettyLoopProvider implements LoopProvider {
  private static final Object INSTALL = new Object();
  private static boolean installed;

  @Override
  public String id() {
    return "netty";
  }

  @Override
  public LoopGroup open(LoopSettings settings) {
    installLeakAttribution();
    TailErrors.install();
    return new NettyLoopGroup(settings);
  }

  /**
   * Puts our detector factory in place before Netty's buffer classes create their detector (once
   * per JVM); when they already had one, a leak listener attributes reports to the running owner.
   */
  static void installLeakAttribution() {
    synchronized (INSTALL) {
      if (installed) {
        return;
      }
      installed = true;
      if (System.getProperty("io.netty.customResourceLeakDetector") == null) {
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new OwnedLeakDetector.Factory());
      }
      try {
        // Initialises AbstractByteBuf, whose static detector comes from the factory now in place.
        Class.forName("io.netty.buffer.AbstractByteBuf", true, NettyLoopProvider.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("netty-buffer is not on the test classpath", e);
      }
      if (!OwnedLeakDetector.tracksByteBufs()) {
        ByteBufUtil.setLeakListener(LeakOwners::report);
      }
    }
  }
}
