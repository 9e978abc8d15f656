package dev.loopharness.engine.loop;

import dev.loopharness.kit.LoopProvider;
import dev.loopharness.kit.contract.LoopContract;

/** The loop contract, on the default loop. */
class DefaultLoopContractTests extends LoopContract {
  @Override
  protected LoopProvider provider() {
    return new DefaultLoopProvider();
  }
}
