package dev.loopharness.engine.kit.minimal;

import dev.loopharness.engine.kit.AbstractHarnessLoop;
import dev.loopharness.engine.kit.AbstractLoopGroup;
import dev.loopharness.engine.kit.LoopGroup;
import dev.loopharness.engine.kit.LoopProvider;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.kit.LoopSpec;

/**
 * The smallest loop provider: written only against the kit (and the public API), to show what a
 * provider author writes and to prove the kit is enough. Selected with {@code harness.loop.provider
 * = minimal} in the engine's tests.
 */
public final class MinimalLoopProvider implements LoopProvider {

  @Override
  public String id() {
    return "minimal";
  }

  @Override
  public LoopGroup open(LoopSettings settings) {
    return new AbstractLoopGroup(settings) {
      @Override
      protected AbstractHarnessLoop createLoop(LoopSpec spec) {
        return new MinimalLoop(this, spec);
      }
    };
  }
}
