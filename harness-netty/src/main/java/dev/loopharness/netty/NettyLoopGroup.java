package dev.loopharness.netty;

import dev.loopharness.api.Scope;
import dev.loopharness.engine.clock.VirtualLoopClock;
import dev.loopharness.engine.leak.Owner;
import dev.loopharness.engine.loop.HarnessLoop;
import dev.loopharness.engine.loop.LoopGroup;
import dev.loopharness.engine.loop.LoopSettings;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The Netty loops of one run and the pool of carrier threads they run on. */
final class NettyLoopGroup implements LoopGroup {
  static final String CLOSED_BY = "the harness, at the end of the run";
  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final LoopSettings settings;
  private final CarrierPool carriers = new CarrierPool();
  private final Set<NettyLoop> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private volatile LocalTime closedAt;

  NettyLoopGroup(LoopSettings settings) {
    this.settings = settings;
  }

  LoopSettings settings() {
    return settings;
  }

  CarrierPool carriers() {
    return carriers;
  }

  @Override
  public HarnessLoop newLoop(String name, Scope scope, Owner owner) {
    if (closed) {
      throw new IllegalStateException("the loop group is closed (the run has ended); cannot create loop " + name);
    }
    return newLoop(name, scope, owner, null);
  }

  @Override
  public HarnessLoop newLoop(String name, Scope scope, Owner owner, VirtualLoopClock clock) {
    if (closed) {
      throw new IllegalStateException("the loop group is closed (the run has ended); cannot create loop " + name);
    }
    NettyLoop loop = new NettyLoop(this, name, scope, owner, clock);
    open.add(loop);
    return loop;
  }

  boolean isClosed() {
    return closed;
  }

  LocalTime closedAt() {
    return closedAt;
  }

  void closed(NettyLoop loop) {
    open.remove(loop);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closedAt = LocalTime.now();
      closed = true;
    }
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
        // Stuck in a callback: the carrier pool interrupts it below.
      }
    }
    carriers.close();
  }
}
