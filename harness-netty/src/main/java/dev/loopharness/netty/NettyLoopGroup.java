package dev.loopharness.netty;

import dev.loopharness.engine.kit.AbstractHarnessLoop;
import dev.loopharness.engine.kit.AbstractLoopGroup;
import dev.loopharness.engine.kit.HarnessThreads;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.kit.LoopSpec;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Netty loops of one run, on the kit's carriers (Netty's own FastThreadLocalThread type). A
 * provider whose loops are Netty loops of its own kind overrides {@link #newNettyLoop}.
 */
public class NettyLoopGroup extends AbstractLoopGroup {
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final Set<NettyLoop> open = ConcurrentHashMap.newKeySet();

  protected NettyLoopGroup(LoopSettings settings) {
    super(settings);
  }

  @Override
  protected final AbstractHarnessLoop createLoop(LoopSpec spec) {
    NettyLoop loop = newNettyLoop(spec);
    open.add(loop);
    return loop;
  }

  /** A new loop of this group for {@code spec}. */
  protected NettyLoop newNettyLoop(LoopSpec spec) {
    return new NettyLoop(this, spec);
  }

  void closed(NettyLoop loop) {
    open.remove(loop);
  }

  @Override
  protected Thread newCarrierThread(Runnable body, String name) {
    return new FastThreadLocalThread(body, name) {
      // So that threads a callback constructs on this carrier are attributed to its owner.
      @Override
      public ClassLoader getContextClassLoader() {
        return HarnessThreads.carrierContextLoader(this, super.getContextClassLoader());
      }
    };
  }

  /** Shuts down the loops still open and waits (about two seconds at most) for their threads to come back. */
  @Override
  protected void closeLoops() {
    List<NettyLoop> loops = new ArrayList<>(open);
    for (NettyLoop loop : loops) {
      loop.shutDown(false);
    }
    long deadline = System.nanoTime() + GRACE_NANOS;
    for (NettyLoop loop : loops) {
      try {
        loop.released().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        // Stuck in a callback: the carrier pool interrupts it next.
      }
    }
  }
}
