package dev.loopharness.netty;

import dev.loopharness.engine.kit.AbstractHarnessLoop;
import dev.loopharness.engine.kit.AbstractLoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.kit.LoopSpec;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The Netty loops of one run, on the kit's carriers (Netty's own FastThreadLocalThread type). */
final class NettyLoopGroup extends AbstractLoopGroup {
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final Set<NettyLoop> open = ConcurrentHashMap.newKeySet();

  NettyLoopGroup(LoopSettings settings) {
    super(settings);
  }

  @Override
  protected AbstractHarnessLoop createLoop(LoopSpec spec) {
    NettyLoop loop = new NettyLoop(this, spec);
    open.add(loop);
    return loop;
  }

  void closed(NettyLoop loop) {
    open.remove(loop);
  }

  @Override
  protected Thread newCarrierThread(Runnable body, String name) {
    return new FastThreadLocalThread(body, name);
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
