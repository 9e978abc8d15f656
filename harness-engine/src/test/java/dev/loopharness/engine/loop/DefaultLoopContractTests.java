package dev.loopharness.engine.loop;

import dev.loopharness.engine.kit.LoopProvider;
import dev.loopharness.engine.kit.contract.LoopContract;

/** The loop contract, on the default loop. */
class DefaultLoopContractTests extends LoopContract {
  @Override
  protected LoopProvider provider() {
    return new DefaultLoopProvider();
  }
}
