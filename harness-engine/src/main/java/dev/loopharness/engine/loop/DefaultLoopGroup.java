package dev.loopharness.engine.loop;

import dev.loopharness.engine.kit.AbstractHarnessLoop;
import dev.loopharness.engine.kit.AbstractLoopGroup;
import dev.loopharness.engine.kit.LoopSettings;
import dev.loopharness.engine.kit.LoopSpec;

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
