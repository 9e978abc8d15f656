package dev.loopharness.vertx;

import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.kit.LoopSpec;
import dev.loopharness.netty.NettyLoop;
import dev.loopharness.netty.NettyLoopGroup;

/** The Vert.x loops of one run and the one Vert.x instance they share, closed after them. */
final class VertxLoopGroup extends NettyLoopGroup {
  private final VertxRuntime runtime;

  VertxLoopGroup(LoopSettings settings) {
    super(settings);
    this.runtime = VertxRuntime.start(settings.drainTimeout());
  }

  VertxRuntime runtime() {
    return runtime;
  }

  @Override
  protected NettyLoop newNettyLoop(LoopSpec spec) {
    return new VertxLoop(this, spec, runtime);
  }

  @Override
  protected void closeLoops() {
    try {
      super.closeLoops();
    } finally {
      runtime.close();
    }
  }
}
