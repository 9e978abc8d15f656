package dev.loopharness.engine.loop;

import dev.loopharness.kit.AbstractHarnessLoop;
import dev.loopharness.kit.AbstractLoopGroup;
import dev.loopharness.kit.LoopSettings;
import dev.loopharness.kit.LoopSpec;

/** The default loops of one run: everything but the loop itself is the kit's. */
final class DefaultLoopGroup extends AbstractLoopGroup {

  DefaultLoopGroup(LoopSettings settings) {
    super(settings);
  }

  @Override
  protected AbstractHarnessLoop createLoop(LoopSpec spec) {
    return new DefaultLoop(this, spec);
  }
}
